/** Yes/no fields: a tick or cross, a switch in forms (three states when the field may be empty). */
import { BooleanField, BooleanInput, NullableBooleanInput } from 'react-admin';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';

const BooleanValue = ({ source }: KindFieldProps) => <BooleanField source={source} looseValue />;

const BooleanFormInput = ({ field }: KindInputProps) =>
  field.required ? <BooleanInput source={field.name} /> : <NullableBooleanInput source={field.name} />;

const BooleanFilter = ({ source, size, helperText, resource }: KindFilterProps) => (
  <NullableBooleanInput source={source} size={size} helperText={helperText} resource={resource} sx={{ minWidth: 120 }} />
);

export const booleanKind: KindComponents = { Field: BooleanValue, Input: BooleanFormInput, Filter: BooleanFilter };
