/**
 * Fills gender and birth date from a valid ID number as it is typed, so the clerk never types them
 * twice and they always agree with it (the server checks the same). It fills the form's fields of the
 * `Gender` enum and the birth-date field, when the form has them.
 */
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { parseIdNumber, validateIdNumber } from '../../../schema/shared/validators';
import type { EntityMeta } from '../metadata/types';

const targets = { gender: 'gender', birthDate: 'birthDate' } as const;

export const IdNumberAutofill = ({ source, entity }: { source: string; entity: EntityMeta }) => {
  const value = useWatch({ name: source }) as unknown;
  const { setValue, getValues } = useFormContext();
  useEffect(() => {
    if (typeof value !== 'string' || value.length < 18) return;
    const outcome = validateIdNumber(value);
    if (!outcome.ok) return;
    const parsed = parseIdNumber(outcome.value);
    for (const [key, name] of Object.entries(targets)) {
      const next = parsed[key as keyof typeof parsed];
      const editable = entity.fields.some((field) => field.name === name && !field.readOnly);
      if (editable && getValues(name) !== next) setValue(name, next, { shouldDirty: true, shouldValidate: true });
    }
  }, [value, setValue, getValues, entity]);
  return null;
};
