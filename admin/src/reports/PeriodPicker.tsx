/** Chooses a report's period: a calendar year from the list, or any span of dates (自定义期间). */
import { Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { todayInChina } from '../../../schema/shared/validators';
import { Picker } from '../analysis/Picker';
import { wholeYear, yearPeriod, type ReportPeriod } from './period';

type Props = { value: ReportPeriod; years: number[]; onChange: (period: ReportPeriod) => void };

const custom = 'custom';

export const PeriodPicker = ({ value, years, onChange }: Props) => {
  const translate = useTranslate();
  const year = wholeYear(value);
  const choices = [...years].reverse().map((choice) => ({ value: String(choice), label: translate('crc.reports.period.year', { year: choice }) }));
  const date = (end: 'from' | 'to') => (
    <TextField
      fullWidth={false}
      size="small"
      type="date"
      label={translate(`crc.reports.period.${end}`)}
      value={value[end]}
      slotProps={{ inputLabel: { shrink: true } }}
      onChange={(event) => event.target.value && onChange({ ...value, [end]: event.target.value })}
      data-testid={`period-${end}`}
    />
  );
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Picker
        label={translate('crc.reports.period.label')}
        value={year === null ? custom : String(year)}
        // A period of one's own starts as "since" the year shown (DOMAIN.md: "since 2019" is 2019-01-01 to today).
        onChange={(picked) => onChange(picked === custom ? { from: value.from, to: todayInChina() } : yearPeriod(Number(picked)))}
        choices={[...choices, { value: custom, label: translate('crc.reports.period.custom') }]}
        minWidth={140}
        testId="report-period"
      />
      {year === null && date('from')}
      {year === null && date('to')}
    </Stack>
  );
};
