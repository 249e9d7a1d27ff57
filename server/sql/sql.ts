/**
 * Composable SQL fragments with bound values: filters, orders and lateral batches are built as trees of
 * fragments and numbered ($1, $2 …) only once, at the end. No value is ever spliced into SQL text.
 */
import { randomBytes } from 'node:crypto';

export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** A fragment is never changed once built: its compiled form is made once (a statement kept for reuse compiles once). */
  private compiled?: { text: string; values: unknown[] };

  /** `{ text, values }` with positional parameters, ready for pg; `?` placeholders for knex (the ORM's connection). */
  compile(placeholders: 'pg' | 'knex' = 'pg'): { text: string; values: unknown[] } {
    if (placeholders === 'pg' && this.compiled) return this.compiled;
    const values: unknown[] = [];
    const text = nameAliases(this.render(values, placeholders));
    if (placeholders === 'pg') this.compiled = { text, values };
    return { text, values };
  }

  private render(values: unknown[], placeholders: 'pg' | 'knex'): string {
    let text = this.strings[0];
    this.values.forEach((value, index) => {
      if (value instanceof Sql) text += value.render(values, placeholders);
      else {
        values.push(value);
        text += placeholders === 'pg' ? `$${values.length}` : '?';
      }
      text += this.strings[index + 1];
    });
    return text;
  }

  /**
   * The text with every value written as a literal: only for SQL the owner installs as code (a function body
   * generated from the catalog's own constants), never for anything a request supplies. Numbers, strings,
   * booleans, null and arrays of numbers; anything else is refused.
   */
  inline(): string {
    return nameAliases(this.inlineText());
  }

  private inlineText(): string {
    let text = this.strings[0];
    this.values.forEach((value, index) => {
      text += (value instanceof Sql ? value.inlineText() : literal(value)) + this.strings[index + 1];
    });
    return text;
  }

  get isEmpty(): boolean {
    return this.strings.length === 1 && this.strings[0].trim() === '';
  }
}

/**
 * Table aliases of subqueries are allocated per statement: a builder takes a `tableAlias()` — a token unique to
 * it, with no counter shared between statements — and the statement names its tokens r1, j2, n3 … in the order
 * they first appear when it is compiled. The same query shape therefore always gives the same text (and reuses
 * its prepared statement), however many statements were built before it or in between.
 */
const aliasMark = '\u0001';
const aliasToken = new RegExp(`${aliasMark}([a-z]+):[0-9a-f]{12}${aliasMark}`, 'g');

export function tableAlias(prefix = 'r'): string {
  return `${aliasMark}${prefix}:${randomBytes(6).toString('hex')}${aliasMark}`;
}

function nameAliases(text: string): string {
  if (!text.includes(aliasMark)) return text;
  const names = new Map<string, string>();
  return text.replace(aliasToken, (token, prefix: string) => {
    let name = names.get(token);
    if (!name) names.set(token, (name = `${prefix}${names.size + 1}`));
    return name;
  });
}

function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item))) return `'{${value.join(',')}}'`;
  throw new Error(`no literal for ${typeof value} in installed SQL`);
}

/** Tagged template: interpolated Sql fragments nest, anything else becomes a bound parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql([...strings], values);
}

/** Trusted SQL text (identifiers we generated, keywords). Never pass user input here. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

/** A double-quoted identifier; names come from the model, never from a request. */
export function ident(...parts: string[]): Sql {
  return raw(parts.map((part) => `"${part.replaceAll('"', '""')}"`).join('.'));
}

export function join(fragments: readonly Sql[], separator: string): Sql {
  const parts = fragments.filter((fragment) => !fragment.isEmpty);
  if (parts.length === 0) return raw('');
  const strings = [''];
  parts.forEach((_, index) => strings.push(index === parts.length - 1 ? '' : separator));
  return new Sql(strings, parts);
}

export const empty = raw('');

/** `a and b and …`, or `true` when there is nothing to require. */
export function and(fragments: readonly Sql[]): Sql {
  const parts = fragments.filter((fragment) => !fragment.isEmpty);
  if (parts.length === 0) return raw('true');
  return parts.length === 1 ? parts[0] : sql`(${join(parts, ' and ')})`;
}

export function or(fragments: readonly Sql[]): Sql {
  const parts = fragments.filter((fragment) => !fragment.isEmpty);
  if (parts.length === 0) return raw('false');
  return parts.length === 1 ? parts[0] : sql`(${join(parts, ' or ')})`;
}

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
/**
 * Record ids as one `bigint[]` value: sent as a single text parameter, because the ORM's `execute` spreads an
 * array parameter into a list of them (`any('1', '3')`), which `any` does not take.
 */
export const idArray = (ids: readonly string[]): Sql => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`;

export function likePattern(text: string, mode: 'contains' | 'startsWith'): string {
  const escaped = text.replace(/[\\%_]/g, (char) => `\\${char}`);
  return mode === 'contains' ? `%${escaped}%` : `${escaped}%`;
}
