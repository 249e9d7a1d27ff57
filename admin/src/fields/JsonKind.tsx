/** JSON values: shown pretty-printed, edited as text that must parse; not filterable. */
import { Box } from '@mui/material';
import { TextInput, useRecordContext } from 'react-admin';
import type { KindComponents, KindFieldProps, KindInputProps } from './types';
import { NoFilter } from './NoFilter';

const JsonValue = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  const value = record?.[source];
  if (value === null || value === undefined) return null;
  return (
    <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};

const format = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const parse = (text: string) => {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
const validJson = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? 'crc.json.invalid' : undefined);

const JsonInput = ({ field }: KindInputProps) => <TextInput source={field.name} format={format} parse={parse} validate={validJson} multiline minRows={3} fullWidth />;

export const jsonKind: KindComponents = { Field: JsonValue, Input: JsonInput, Filter: NoFilter };
