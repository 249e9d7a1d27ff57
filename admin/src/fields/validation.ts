/**
 * Client-side validation built from metadata with the same validator modules the server runs
 * (schema/shared/validators.ts), so a form refuses what the server would refuse, in the same words.
 */
import { maxLength, maxValue, minValue, number, required, type Validator } from 'react-admin';
import { validators, type DecimalOptions, type Outcome } from '../../../schema/shared/validators';
import type { EntityMeta, FieldMeta } from '../metadata/types';

type SharedValidator = (value: string, options?: DecimalOptions) => Outcome;

/** Wraps a shared validator: an empty value is left to `required`; a refusal shows its issue's message. */
function shared(check: SharedValidator, options?: DecimalOptions): Validator {
  return (value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    const outcome = check(String(value), options);
    return outcome.ok ? undefined : `crc.issues.${outcome.issue.code}`;
  };
}

const decimalOptions = (field: FieldMeta): DecimalOptions => ({
  scale: field.scale ?? 2,
  min: field.min === null ? undefined : String(field.min),
  max: field.max === null ? undefined : String(field.max),
});

/**
 * The end of a declared (start, end) pair may not be before the start, as the server's checkRanges says.
 * Both labels go into the message arguments so each language's text picks its own.
 */
function notBefore(entity: EntityMeta, start: string): Validator {
  const startField = entity.fields.find((candidate) => candidate.name === start);
  return (value: unknown, allValues: Record<string, unknown>) => {
    const from = allValues?.[start];
    if (value == null || value === '' || from == null || from === '' || String(value) >= String(from)) return undefined;
    return { message: 'crc.validation.notBefore', args: { startZh: startField?.labelZh ?? start, startEn: startField?.labelEn ?? start, start: String(from) } };
  };
}

/** Every check a field's input runs, from its metadata: required, length, range, shared validator and date order. */
export function validatorsFor(field: FieldMeta, entity: EntityMeta): Validator[] {
  const checks: Validator[] = [];
  if (field.required && field.kind !== 'boolean') checks.push(required());
  if (field.maxLength !== null) checks.push(maxLength(field.maxLength));
  if (field.kind === 'int') {
    checks.push(number());
    if (field.min !== null) checks.push(minValue(field.min));
    if (field.max !== null) checks.push(maxValue(field.max));
  }
  if (field.kind === 'decimal' || field.kind === 'money') checks.push(shared(validators.decimal, decimalOptions(field)));
  const key = field.validator as keyof typeof validators | null;
  if (key && key !== 'decimal' && key in validators) checks.push(shared(validators[key]));
  for (const range of entity.ranges) if (range.end === field.name) checks.push(notBefore(entity, range.start));
  return checks;
}
