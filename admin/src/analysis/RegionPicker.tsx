/**
 * Picks the region whose subtree is compared: a province, a city or (to compare townships) a county; or, for a
 * report, any of `levels`, only `within` a region's subtree if told (a roster lists records a clerk reads). An
 * ended region (a 乡 merged away, a county re-coded) stays pickable, for the years it existed, and says so.
 */
import { useEffect, useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { endedNote } from '../../../schema/shared/division-validity';
import { useLanguage } from '../fields/useLanguage';
import { useGraphQL } from '../dataProvider/useGraphQL';
import type { RegionRef } from './types';

const search = `query($where: RegionFilter) { regions(where: $where, limit: 30, orderBy: [{ field: code }]) { nodes { id name code level validFrom validTo } } }`;

type Props = { value: RegionRef | null; onChange: (region: RegionRef | null) => void; label?: string; testId?: string; levels?: readonly string[]; within?: string };

const parentLevels = ['PROVINCE', 'CITY', 'COUNTY'];

export const RegionPicker = ({ value, onChange, label, testId = 'parent-picker', levels = parentLevels, within }: Props) => {
  const graphql = useGraphQL();
  const translate = useTranslate();
  const language = useLanguage();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<RegionRef[]>([]);
  useEffect(() => {
    let current = true;
    const where = { level: { in: levels }, ...(within ? { inRegion: within } : {}), ...(text ? { q: text } : {}) };
    const timer = setTimeout(() => {
      graphql<{ regions: { nodes: RegionRef[] } }>(search, { where }).then(
        ({ regions }) => current && setOptions(regions.nodes),
        () => undefined,
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [graphql, text, levels.join(), within]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Autocomplete
      size="small"
      sx={{ minWidth: 280 }}
      value={value}
      options={value && !options.some((option) => option.id === value.id) ? [value, ...options] : options}
      getOptionLabel={(option) => `${option.name}（${[option.code, endedNote(option, language)].filter(Boolean).join('，')}）`}
      isOptionEqualToValue={(option, selected) => option.id === selected.id}
      filterOptions={(all) => all}
      onInputChange={(_event, input, reason) => reason === 'input' && setText(input)}
      onChange={(_event, region) => onChange(region)}
      renderInput={(params) => <TextField {...params} label={label ?? translate('crc.analysis.parent')} data-testid={testId} />}
    />
  );
};
