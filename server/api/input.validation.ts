/**
 * Field-level validation of create and update inputs, from the model: required, length, range, the
 * shared validators (ID number, mobile, division code, text, money). Returns normalised values.
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { validators } from '../../schema/shared/validators.js';
import { AppError } from '../graphql/errors.js';
import type { Values } from '../rules/rule.js';
import { checkId } from './filter.builder.js';
import { referenceKey, storedFields } from '../../schema/model/relations.js';

export function fieldError(field: FieldMeta, path: string, zh: string, en: string): AppError {
  return new AppError('BAD_USER_INPUT', { zh: `${field.labelZh}：${zh}`, en: `${field.labelEn}: ${en}` }, { field: path });
}

function normalise(field: FieldMeta, value: unknown, path: string): unknown {
  const { constraints } = field;
  switch (field.kind) {
    case 'text':
    case 'longText': {
      const validator = constraints.validator ?? (field.kind === 'text' ? 'plainText' : 'longText');
      const outcome = validator === 'decimal' ? validators.decimal(String(value)) : validators[validator](String(value));
      if (!outcome.ok) throw fieldError(field, path, outcome.issue.zh, outcome.issue.en);
      const length = [...outcome.value].length;
      if (constraints.maxLength && length > constraints.maxLength) {
        throw fieldError(field, path, `不能超过 ${constraints.maxLength} 个字符（现有 ${length} 个）`, `at most ${constraints.maxLength} characters (got ${length})`);
      }
      if (field.required && length === 0) throw fieldError(field, path, '不能为空', 'must not be empty');
      return outcome.value;
    }
    case 'int': {
      const number = value as number;
      if (constraints.min !== undefined && number < constraints.min) throw fieldError(field, path, `不能小于 ${constraints.min}`, `must be at least ${constraints.min}`);
      if (constraints.max !== undefined && number > constraints.max) throw fieldError(field, path, `不能大于 ${constraints.max}`, `must be at most ${constraints.max}`);
      return number;
    }
    case 'decimal':
    case 'money': {
      const outcome = validators.decimal(String(value), {
        scale: constraints.scale,
        min: constraints.min === undefined ? undefined : String(constraints.min),
        max: constraints.max === undefined ? undefined : String(constraints.max),
      });
      if (!outcome.ok) throw fieldError(field, path, outcome.issue.zh, outcome.issue.en);
      return outcome.value;
    }
    case 'date': {
      if (!constraints.validator) return value;
      const outcome = validators[constraints.validator](String(value));
      if (!outcome.ok) throw fieldError(field, path, outcome.issue.zh, outcome.issue.en);
      return outcome.value;
    }
    default:
      return value;
  }
}

/**
 * The values an input sets, keyed by field name (references by the target id), validated and
 * normalised. On create every required field must be present; on update only what is given changes.
 */
export function validateInput(model: ModelMeta, input: Record<string, unknown>, mode: 'create' | 'update', prefix = 'input'): Values {
  const values: Values = {};
  // Every field's refusal at once, so a form is corrected in one round trip.
  const refusals: AppError[] = [];
  for (const field of storedFields(model)) {
    if (field.readOnly) continue;
    const key = field.kind === 'reference' ? referenceKey(field) : field.name;
    const path = `${prefix}.${key}`;
    const value = input[key];
    try {
      if (value === undefined) {
        if (mode === 'create' && field.required) throw fieldError(field, path, '必须填写', 'is required');
        continue;
      }
      if (value === null) {
        if (field.required) throw fieldError(field, path, '不能清空', 'cannot be cleared');
        values[field.name] = null;
        continue;
      }
      values[field.name] = field.kind === 'reference' ? checkId(value, path) : normalise(field, value, path);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(error);
    }
  }
  if (refusals.length > 0) throw allOf(refusals);
  return values;
}

/**
 * One input's refusals as one error: the first's field, and every field with its messages under
 * `extensions.fields` (the console marks each); the message lists them all.
 */
function allOf(refusals: AppError[]): AppError {
  if (refusals.length === 1) return refusals[0];
  const fieldOf = (error: AppError) => (error.extensions as { field?: string }).field;
  return new AppError(
    'BAD_USER_INPUT',
    { zh: refusals.map((error) => error.messages.zh).join('；'), en: refusals.map((error) => error.messages.en).join('; ') },
    { field: fieldOf(refusals[0]), fields: refusals.map((error) => ({ field: fieldOf(error), messages: error.messages })) },
  );
}

/** Every (start, end) pair the model declares: an end before its start is refused on the end field. */
/** A deletion's reason, checked like the field it is stored in (length, control characters …); empty is none. */
export function checkReason(model: ModelMeta, reason: string | null | undefined): string | null {
  if (reason === null || reason === undefined || reason.trim() === '') return null;
  const field = model.fields.find((candidate) => candidate.name === 'deletedReason')!;
  return normalise(field, reason, 'reason') as string;
}

export function checkRanges(model: ModelMeta, values: Values, prefix: string): void {
  for (const [start, end] of model.ranges) {
    const from = values[start];
    const to = values[end];
    if (from == null || to == null || String(to) >= String(from)) continue;
    const startField = model.fields.find((field) => field.name === start)!;
    const endField = model.fields.find((field) => field.name === end)!;
    throw fieldError(endField, prefix ? `${prefix}.${end}` : end, `不能早于${startField.labelZh}（${String(from)}）`, `must not be before ${startField.labelEn} (${String(from)})`);
  }
}
