/** Small helpers the rule modules share: naming the offending input field, and reading a related row. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ModelMeta } from '../../schema/model/registry.js';
import { fieldError } from '../api/input.validation.js';
import { referenceKey } from '../../schema/model/relations.js';
import type { AppError } from '../graphql/errors.js';

/** An input error on `field` of `model`, at the path the client sent it under (`input.personId` …). */
export function refuse(model: ModelMeta, field: string, zh: string, en: string): AppError {
  const meta = model.fields.find((candidate) => candidate.name === field);
  if (!meta) throw new Error(`${model.name} has no field ${field}`);
  return fieldError(meta, `input.${meta.kind === 'reference' ? referenceKey(meta) : field}`, zh, en);
}

/** One row of a plain query inside the mutation's transaction (`?` placeholders). */
export async function row<T extends Record<string, unknown>>(em: EntityManager, query: string, params: unknown[]): Promise<T | undefined> {
  const rows = await em.getConnection().execute<T[]>(query, params);
  return rows[0];
}

/** A decimal string times a whole number, exactly: `"800.00" × 10 = "8000.00"`. */
export function multiplyDecimal(value: string, factor: number): string {
  const [whole, fraction = ''] = value.split('.');
  const digits = (BigInt(whole + fraction) * BigInt(factor)).toString().padStart(fraction.length + 1, '0');
  return fraction.length ? `${digits.slice(0, -fraction.length)}.${digits.slice(-fraction.length)}` : digits;
}

/** Exact comparison of decimal strings (`"1500.00"`), never through floating point. */
export function compareDecimal(a: string, b: string): number {
  const scale = (value: string) => value.split('.')[1]?.length ?? 0;
  const digits = Math.max(scale(a), scale(b));
  const toInteger = (value: string) => {
    const [whole, fraction = ''] = value.split('.');
    return BigInt(whole + fraction.padEnd(digits, '0'));
  };
  const difference = toInteger(a) - toInteger(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
