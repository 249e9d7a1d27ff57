/**
 * Builds create and update inputs from form values, keeping only the fields the input type declares
 * (read from introspection, so read-only and computed fields never reach the server) and, for updates,
 * only the values that changed: an omitted field stays as it is on the server (API.md). A mutation's
 * arguments beside its input (a new user's first password) are read from the form's values of that name.
 */
import type { IntrospectionField, IntrospectionInputObjectType, IntrospectionInputTypeRef, IntrospectionType } from 'graphql';

type Values = Record<string, unknown>;

/** The named type under NON_NULL and LIST wrappers. */
function namedType(ref: IntrospectionInputTypeRef): string {
  let current = ref as { kind: string; name?: string | null; ofType?: unknown };
  while (current.kind === 'NON_NULL' || current.kind === 'LIST') current = current.ofType as typeof current;
  return current.name ?? '';
}

/** A form value as the input type takes it: empty text is "no value", ints are numbers, decimals strings. */
function normalise(value: unknown, typeName: string): unknown {
  if (value === undefined) return undefined;
  if (value === '' || value === null) return null;
  if (typeName === 'Int') return typeof value === 'number' ? value : Number(value);
  if (typeName === 'Float') return Number(value);
  if (typeName === 'Decimal' || typeName === 'ID' || typeName === 'String') return typeof value === 'string' ? value.trim() : String(value);
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Finds an input object type in the introspection answer. */
export function inputType(types: readonly IntrospectionType[], name: string): IntrospectionInputObjectType {
  const type = types.find((candidate) => candidate.name === name);
  if (!type || type.kind !== 'INPUT_OBJECT') throw new Error(`the API has no input type ${name}`);
  return type;
}

/** The create input: every declared field the form holds a value for. */
export function createInput(type: IntrospectionInputObjectType, data: Values): Values {
  const input: Values = {};
  for (const field of type.inputFields) {
    const value = normalise(data[field.name], namedType(field.type));
    if (value !== undefined && value !== null) input[field.name] = value;
  }
  return input;
}

/** The update input: declared fields whose value differs from the record as it was loaded. */
export function updateInput(type: IntrospectionInputObjectType, data: Values, previous: Values | undefined): Values {
  const input: Values = {};
  for (const field of type.inputFields) {
    if (!(field.name in data)) continue;
    const typeName = namedType(field.type);
    const value = normalise(data[field.name], typeName);
    if (previous && same(value, normalise(previous[field.name], typeName))) continue;
    input[field.name] = value;
  }
  return input;
}

/** A type reference as GraphQL writes it: `String!`, `[ID!]`. */
function typeText(ref: IntrospectionInputTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeText(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${typeText(ref.ofType)}]`;
  return ref.name;
}

type ExtraArguments = { declarations: string[]; calls: string[]; variables: Values };

/**
 * The arguments `mutation` takes beside those the query builder sets (`input`…), each with the form's
 * value of the same name, sent as typed: a password is not trimmed.
 */
export function extraArguments(mutation: IntrospectionField | undefined, handled: readonly string[], data: Values): ExtraArguments {
  const extra = (mutation?.args ?? []).filter((arg) => !handled.includes(arg.name));
  return {
    declarations: extra.map((arg) => `$${arg.name}: ${typeText(arg.type)}`),
    calls: extra.map((arg) => `${arg.name}: $${arg.name}`),
    variables: Object.fromEntries(extra.map((arg) => [arg.name, data[arg.name] ?? null])),
  };
}
