/** Enums: the value's label in the current language (from metadata), selects in forms and filters. */
import { useMemo } from 'react';
import { Chip } from '@mui/material';
import { SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { enumColours, type EnumColour } from '../../../schema/shared/define-enum';
import type { FieldMeta } from '../metadata/types';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';
import { useFieldValidators } from './useFieldValidators';

/** Choices whose names are translation keys, so react-admin shows them in the current language. */
const useChoices = (field: FieldMeta) => useMemo(() => (field.options ?? []).map((option) => ({ id: option.value, name: `crc.enums.${field.graphqlType}.${option.value}` })), [field]);

const EnumValue = ({ source, field }: KindFieldProps) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source] as string | null | undefined;
  if (!value) return null;
  const option = field.options?.find((candidate) => candidate.value === value);
  const label = translate(`crc.enums.${field.graphqlType}.${value}`, { _: value });
  // A palette name: the theme gives its background and a text colour that reads on it.
  const color = option?.color && enumColours.includes(option.color as EnumColour) ? (option.color as EnumColour) : 'default';
  return <Chip size="small" label={label} color={color} data-testid="enum-chip" />;
};

const EnumInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  const choices = useChoices(field);
  return <SelectInput source={field.name} choices={choices} validate={validate} sx={{ minWidth: 200 }} />;
};

const EnumFilter = ({ source, field, size, helperText, resource }: KindFilterProps) => {
  const choices = useChoices(field);
  return <SelectInput source={source} choices={choices} size={size} helperText={helperText} resource={resource} sx={{ minWidth: 160 }} />;
};

export const enumKind: KindComponents = { Field: EnumValue, Input: EnumInput, Filter: EnumFilter };
