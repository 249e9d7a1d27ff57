/** The API's scalars (API.md): Date as `2024-03-01`, DateTime, Decimal as exact strings, JSON. */
import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

export { GraphQLDateTime as DateTimeScalar, GraphQLJSON as JSONScalar };

function invalid(zh: string, en: string): GraphQLError {
  return new GraphQLError(zh, { extensions: { code: 'BAD_USER_INPUT', messages: { zh, en } } });
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw invalid(`日期格式应为 YYYY-MM-DD 的有效日期，收到 ${JSON.stringify(value)}`, `A date must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '日期 / Calendar date, `2024-03-01` (no time, no zone)',
  serialize: (value) => {
    if (typeof value === 'string') return value.slice(0, 10);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : print(ast)),
});

const decimalPattern = /^-?\d+(\.\d+)?$/;

/** `value` is the input, or `{ literal }` for a non-string literal in the query text (e.g. `1500.5`). */
function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !decimalPattern.test(value.trim())) {
    const shown = typeof value === 'object' && value && 'literal' in value ? String(value.literal) : JSON.stringify(value);
    throw invalid(`金额等精确数值须以字符串书写，如 "1500.00"，收到 ${shown}`, `Exact numbers such as amounts are written as strings, e.g. "1500.00"; got ${shown}`);
  }
  return value.trim();
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: '精确数值 / Exact decimal as a string, e.g. "1500.00" (inputs accept strings only, never floats)',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    throw new TypeError(`Decimal cannot represent ${String(value)}`);
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDecimal(ast.value) : parseDecimal({ literal: print(ast) })),
});
