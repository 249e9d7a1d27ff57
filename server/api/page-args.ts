/** A page's arguments (`where`, `orderBy`, `offset`, `limit`, `withDeleted`) and what they bound, for every list that reads records. */
import { AppError } from '../graphql/errors.js';
import { raw, type Sql } from '../sql/sql.js';
import type { FilterInput } from './filter.builder.js';
import type { OrderInput } from './order.builder.js';

export type ListArgs = {
  where?: FilterInput | null;
  orderBy?: OrderInput[] | null;
  offset?: number | null;
  limit?: number | null;
  withDeleted?: boolean | null;
  /** Count the matching rows up to this many only (`totalCountIsLowerBound` says when more match); absent: exactly. */
  countUpTo?: number | null;
};

export const maxLimit = 1000;

/** The page's offset and limit, refused in words when out of bounds. */
export function paging(args: ListArgs): { offset: number; limit: number } {
  const offset = args.offset ?? 0;
  const limit = args.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxLimit) {
    throw new AppError('BAD_USER_INPUT', { zh: `每页条数须在 0 到 ${maxLimit} 之间`, en: `limit must be between 0 and ${maxLimit}` }, { field: 'limit' });
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new AppError('BAD_USER_INPUT', { zh: '起始位置不能为负数', en: 'offset must not be negative' }, { field: 'offset' });
  }
  return { offset, limit };
}

/**
 * How far the page's count goes: `countUpTo` rows (a positive whole number, else refused in words), or null for
 * an exact count. A broad search (`q: "db"`: tens of thousands of names nationally) is counted as "1,000+" the
 * way search engines do, reading 1,001 matching rows instead of all of them.
 */
export function countCap(args: ListArgs): number | null {
  const cap = args.countUpTo;
  if (cap === undefined || cap === null) return null;
  if (!Number.isInteger(cap) || cap < 1) {
    throw new AppError('BAD_USER_INPUT', { zh: '计数上限须为正整数', en: 'countUpTo must be a positive whole number' }, { field: 'countUpTo' });
  }
  return cap;
}

/** Deleted rows are left out unless the list asks `withDeleted`. */
export function visible(alias: string, args: Pick<ListArgs, 'withDeleted'>): Sql {
  return args.withDeleted ? raw('true') : raw(`${alias}."deleted_at" is null`);
}
