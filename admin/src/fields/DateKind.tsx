/** Dates and instants: 2024年3月1日 in Chinese, date ranges in filters, native date inputs in forms. */
import { Typography } from '@mui/material';
import { DateInput, DateTimeInput, useRecordContext } from 'react-admin';
import { formatDate, formatDateTime } from './format';
import { RangeFilter } from './RangeFilter';
import type { KindComponents, KindFieldProps, KindFilterProps, KindInputProps } from './types';
import { useFieldValidators } from './useFieldValidators';
import { useLanguage } from './useLanguage';

const formatted = (format: typeof formatDate) =>
  function FormattedDate({ source }: KindFieldProps) {
    const record = useRecordContext();
    const language = useLanguage();
    return (
      <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
        {format(record?.[source], language)}
      </Typography>
    );
  };

const DateFormInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  return <DateInput source={field.name} validate={validate} />;
};

const DateTimeFormInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  return <DateTimeInput source={field.name} validate={validate} />;
};

const DateFilter = (props: KindFilterProps) => <RangeFilter {...props} Bound={DateInput} />;

export const dateKind: KindComponents = { Field: formatted(formatDate), Input: DateFormInput, Filter: DateFilter };
export const dateTimeKind: KindComponents = { Field: formatted(formatDateTime), Input: DateTimeFormInput, Filter: DateFilter };
