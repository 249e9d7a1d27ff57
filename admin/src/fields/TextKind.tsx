/** Text and long text: plain values, substring filters, inputs checked by the shared text validators. */
import { TextField, TextInput } from 'react-admin';
import { IdNumberAutofill } from './IdNumberAutofill';
import type { KindComponents, KindFilterProps, KindFieldProps, KindInputProps } from './types';
import { useFieldValidators } from './useFieldValidators';

const TextValue = ({ source, field }: KindFieldProps) => <TextField source={source} sx={field.kind === 'longText' ? { whiteSpace: 'pre-wrap' } : undefined} />;

const TextFormInput = ({ field, entity }: KindInputProps) => {
  const validate = useFieldValidators(field, entity);
  const multiline = field.kind === 'longText';
  return (
    <>
      <TextInput source={field.name} validate={validate} multiline={multiline} minRows={multiline ? 3 : undefined} fullWidth={multiline} />
      {field.validator === 'idNumber' && <IdNumberAutofill source={field.name} entity={entity} />}
    </>
  );
};

const TextFilter = ({ source, size, helperText, resource }: KindFilterProps) => <TextInput source={source} size={size} helperText={helperText} resource={resource} />;

export const textKind: KindComponents = { Field: TextValue, Input: TextFormInput, Filter: TextFilter };
