/** Integers and exact decimals: ranges in filters; decimals stay strings end to end (never floats). */
import { NumberField, NumberInput, TextInput, useRecordContext } from 'react-admin';
import { Typography } from '@mui/material';
import { groupsThousands } from './format';
import { RangeFilter } from './RangeFilter';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';
import { useFieldValidators } from './useFieldValidators';
import { useLanguage } from './useLanguage';
import { formatTerm } from '../../../schema/shared/term';

/** Counts group by thousands, years do not (format.ts `groupsThousands`); a term reads 第十八届 / 18th (schema/shared/term.ts). */
const IntValue = ({ field, source }: KindFieldProps) => {
  const record = useRecordContext();
  const language = useLanguage();
  const value = record?.[source];
  if (field.display === 'term') {
    return (
      <Typography variant="body2" component="span">
        {formatTerm(value as number | null | undefined, language)}
      </Typography>
    );
  }
  return <NumberField source={source} options={{ useGrouping: typeof value === 'number' && groupsThousands(value) }} />;
};

const IntInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  return <NumberInput source={field.name} validate={validate} min={field.min ?? undefined} max={field.max ?? undefined} step={1} />;
};

const IntFilter = (props: KindFilterProps) => <RangeFilter {...props} Bound={NumberInput} />;

const DecimalValue = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  const value = record?.[source];
  return (
    <Typography variant="body2" component="span">
      {value === null || value === undefined ? '' : String(value)}
    </Typography>
  );
};

const DecimalInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  return <TextInput source={field.name} validate={validate} />;
};

const DecimalFilter = (props: KindFilterProps) => <RangeFilter {...props} Bound={TextInput} />;

export const intKind: KindComponents = { Field: IntValue, Input: IntInput, Filter: IntFilter };
export const decimalKind: KindComponents = { Field: DecimalValue, Input: DecimalInput, Filter: DecimalFilter };
