/** What to compare: the parent region, the level, which of its regions, the metrics, years or a period. */
import { Autocomplete, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { labelOf } from './format';
import { Picker } from './Picker';
import { regionChoiceName, regionChoices } from './regionChoices';
import { RegionPicker } from './RegionPicker';
import type { ComparisonSettings, MetricDefinition, RegionRef } from './types';
import { RegionLevel } from '../../../schema/shared/enums';

type Props = {
  settings: ComparisonSettings;
  catalog: MetricDefinition[];
  parent: RegionRef | null;
  choices: RegionRef[];
  yearChoices: number[];
  onChange: (next: Partial<ComparisonSettings>) => void;
  onParent: (region: RegionRef | null) => void;
};

const levels = [...RegionLevel.values];

export const ComparisonControls = ({ settings, catalog, parent, choices, yearChoices, onChange, onParent }: Props) => {
  const translate = useTranslate();
  const language = useLanguage();
  const chosenMetrics = settings.metrics.map((key) => catalog.find((metric) => metric.key === key)).filter((metric): metric is MetricDefinition => Boolean(metric));
  const chosenRegions = choices.filter((region) => settings.regionIds.includes(region.id));
  // Only the regions valid in the years or period compared: the server compares no other.
  const offered = regionChoices(choices, settings);
  const mode = settings.period ? 'period' : 'years';
  const thisYear = new Date().getFullYear();
  return (
    <Stack spacing={2} data-testid="comparison-controls">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <RegionPicker value={parent} onChange={onParent} />
        <Picker
          label={translate('crc.analysis.level')}
          value={settings.level}
          onChange={(level) => onChange({ level, regionIds: [] })}
          choices={levels.map((level) => ({ value: level, label: translate(`crc.analysis.levels.${level}`) }))}
          minWidth={120}
        />
        <Autocomplete
          multiple
          size="small"
          sx={{ minWidth: 280, flexGrow: 1 }}
          options={offered}
          value={chosenRegions}
          getOptionLabel={(region) => regionChoiceName(region, language)}
          isOptionEqualToValue={(option, selected) => option.id === selected.id}
          onChange={(_event, regions) => onChange({ regionIds: regions.map((region) => region.id) })}
          renderInput={(params) => (
            <TextField {...params} label={translate('crc.analysis.regions')} placeholder={chosenRegions.length ? '' : translate('crc.analysis.allRegions', { count: offered.length })} />
          )}
        />
      </Stack>
      <Autocomplete
        multiple
        size="small"
        options={catalog}
        value={chosenMetrics}
        getOptionLabel={(metric) => labelOf(metric, language)}
        isOptionEqualToValue={(option, selected) => option.key === selected.key}
        onChange={(_event, metrics) => metrics.length && onChange({ metrics: metrics.map((metric) => metric.key) })}
        renderInput={(params) => <TextField {...params} label={translate('crc.analysis.metrics')} data-testid="metric-picker" />}
      />
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={mode}
          onChange={(_event, next) => {
            if (next === 'period') onChange({ period: { from: `${yearChoices[0] ?? thisYear - 4}-01-01`, to: `${settings.years.at(-1) ?? thisYear}-12-31` } });
            if (next === 'years') onChange({ period: null, years: settings.years.length ? settings.years : [thisYear - 1] });
          }}
        >
          <ToggleButton value="years">{translate('crc.analysis.byYear')}</ToggleButton>
          <ToggleButton value="period">{translate('crc.analysis.overPeriod')}</ToggleButton>
        </ToggleButtonGroup>
        {settings.period ? (
          <>
            <TextField
              fullWidth={false}
              size="small"
              type="date"
              label={translate('crc.analysis.from')}
              value={settings.period.from}
              slotProps={{ inputLabel: { shrink: true } }}
              onChange={(event) => event.target.value && onChange({ period: { ...settings.period!, from: event.target.value } })}
            />
            <TextField
              fullWidth={false}
              size="small"
              type="date"
              label={translate('crc.analysis.to')}
              value={settings.period.to}
              slotProps={{ inputLabel: { shrink: true } }}
              onChange={(event) => event.target.value && onChange({ period: { ...settings.period!, to: event.target.value } })}
            />
          </>
        ) : (
          <Autocomplete
            multiple
            size="small"
            sx={{ minWidth: 320 }}
            options={yearChoices}
            value={settings.years}
            getOptionLabel={(year) => String(year)}
            onChange={(_event, years) => years.length && onChange({ years: [...years].sort() })}
            renderInput={(params) => <TextField {...params} label={translate('crc.analysis.years')} />}
          />
        )}
      </Stack>
    </Stack>
  );
};
