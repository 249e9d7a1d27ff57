/** Yes/no fields: 是 / 否 in words (a tick or cross reads as nothing when printed), a switch in forms (three states when the field may be empty). */
import { Typography } from '@mui/material';
import { BooleanInput, NullableBooleanInput, useRecordContext, useTranslate } from 'react-admin';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';

const BooleanValue = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source];
  if (value === null || value === undefined) return null;
  return (
    <Typography component="span" variant="body2" data-testid="boolean-value">
      {translate(value ? 'crc.boolean.yes' : 'crc.boolean.no')}
    </Typography>
  );
};

const BooleanFormInput = ({ field }: KindInputProps) => (field.required ? <BooleanInput source={field.name} /> : <NullableBooleanInput source={field.name} />);

const BooleanFilter = ({ source, size, helperText, resource }: KindFilterProps) => (
  <NullableBooleanInput source={source} size={size} helperText={helperText} resource={resource} sx={{ minWidth: 120 }} />
);

export const booleanKind: KindComponents = { Field: BooleanValue, Input: BooleanFormInput, Filter: BooleanFilter };
