/** A compact labelled select (the page's many small choices): options as value and label pairs. */
import { MenuItem, TextField } from '@mui/material';
import type { TranslateFunction } from 'react-admin';

export type Choice = { value: string; label: string; disabled?: boolean };

type Props = { label: string; value: string; choices: Choice[]; onChange: (value: string) => void; minWidth?: number; testId?: string };

export const Picker = ({ label, value, choices, onChange, minWidth = 160, testId }: Props) => (
  // Not full width: react-admin's theme makes text fields fill their row.
  <TextField select fullWidth={false} size="small" label={label} value={value} onChange={(event) => onChange(event.target.value)} sx={{ minWidth }} data-testid={testId}>
    {choices.map((choice) => (
      <MenuItem key={choice.value} value={choice.value} disabled={choice.disabled}>
        {choice.label}
      </MenuItem>
    ))}
  </TextField>
);

/** Top-N choices for charts with many bars: all, or the best 10, 20, 50. */
export const topChoices = (translate: TranslateFunction): Choice[] =>
  [0, 10, 20, 50].map((count) => ({ value: String(count), label: count ? translate('crc.analysis.topN', { count }) : translate('crc.analysis.all') }));
