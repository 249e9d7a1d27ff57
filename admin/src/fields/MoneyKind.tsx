/**
 * Money (CNY, exact decimals as strings): shown as 1,500.00 元; typed freely (separators allowed) and
 * shown with thousands separators and two decimals once the input loses focus; the form value stays the
 * plain decimal string the API takes.
 */
import { useEffect, useRef, useState } from 'react';
import { InputAdornment, TextField as MuiTextField, Typography } from '@mui/material';
import { FieldTitle, InputHelperText, TextInput, useInput, useRecordContext, useTranslate } from 'react-admin';
import { formatMoney, groupThousands, ungroup, withScale } from './format';
import { RangeFilter } from './RangeFilter';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';
import { useFieldValidators } from './useFieldValidators';
import { useLanguage } from './useLanguage';

const MoneyValue = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  const language = useLanguage();
  return (
    <Typography variant="body2" component="span" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(record?.[source], language)}
    </Typography>
  );
};

/** What the input shows when not focused: 1,500.00 for a valid amount, the raw text otherwise. */
const display = (value: unknown) => {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  return /^-?\d+(\.\d*)?$/.test(text) ? groupThousands(withScale(text, 2)) : text;
};

const MoneyInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  const translate = useTranslate();
  const { field: input, fieldState, isRequired } = useInput({ source: field.name, validate });
  const value = input.value ?? '';
  // The text shown is what the user typed; it is reformatted only on blur or when the record changes.
  const [text, setText] = useState(() => display(value));
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(display(value));
  }, [value]);
  const invalid = fieldState.invalid && (fieldState.isTouched || fieldState.isDirty);
  return (
    <MuiTextField
      name={input.name}
      inputRef={input.ref}
      value={text}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        const plain = ungroup(text);
        const normalised = /^\d+(\.\d{1,2})?$/.test(plain) ? withScale(plain, 2) : plain;
        input.onChange(normalised);
        setText(display(normalised));
        input.onBlur();
      }}
      onChange={(event) => {
        setText(event.target.value);
        input.onChange(ungroup(event.target.value));
      }}
      label={<FieldTitle label={`resources.${entity.name}.fields.${field.name}`} source={field.name} resource={entity.name} isRequired={isRequired} />}
      error={invalid}
      helperText={<InputHelperText error={invalid ? fieldState.error?.message : undefined} helperText={false} />}
      slotProps={{
        htmlInput: { inputMode: 'decimal', 'data-testid': `money-${field.name}` },
        input: { endAdornment: <InputAdornment position="end">{translate('crc.money.unit')}</InputAdornment> },
      }}
      size="small"
      variant="filled"
      margin="dense"
      sx={{ minWidth: 240 }}
    />
  );
};

const MoneyFilter = (props: KindFilterProps) => <RangeFilter {...props} Bound={TextInput} />;

export const moneyKind: KindComponents = { Field: MoneyValue, Input: MoneyInput, Filter: MoneyFilter };
