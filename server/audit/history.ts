/**
 * A record's history read back from the trail: each entry's changes as the user may see them, and the
 * record's state after any entry (the fold of every change up to it), from which a revert is an update.
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import { maskValue } from '../access/masking.js';
import { derivedColumns, referenceKey, storedFields } from '../../schema/model/relations.js';

export type Changes = Record<string, { before: unknown; after: unknown }>;

/**
 * A change as readers are shown it: without the columns the server derives from a field (derivedColumns), which
 * entries older than the region_prefixes migration recorded with the row.
 */
export function shownChanges(model: ModelMeta, changes: Changes): Changes {
  const derived = new Set(derivedColumns(model));
  if (derived.size === 0) return changes;
  return Object.fromEntries(Object.entries(changes).filter(([name]) => !derived.has(name)));
}

/** Personal identifiers in a change masked, both sides, for roles that read them masked. */
export function maskChanges(model: ModelMeta, changes: Changes): Changes {
  const masked: Changes = {};
  for (const [name, change] of Object.entries(changes)) {
    const field = model.fields.find((candidate) => candidate.name === name);
    const mask = (value: unknown) => (value !== null && field?.personal ? maskValue(field, value) : value);
    masked[name] = field?.personal ? { before: mask(change.before), after: mask(change.after) } : change;
  }
  return masked;
}

/** The record's stored values (by field name) just after the last of `entries` (oldest first). */
export function stateAfter(entries: readonly { changes: Changes }[]): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const entry of entries) for (const [name, change] of Object.entries(entry.changes)) state[name] = change.after;
  return state;
}

/**
 * The update input that brings a record back to `state`: every field a client may set, references as
 * `…Id` strings, exact numbers as decimal strings. Fields the state never mentions were empty then.
 */
export function revertInput(model: ModelMeta, state: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of storedFields(model)) {
    if (field.readOnly) continue;
    const value = state[field.name] ?? null;
    if (field.kind === 'reference') input[referenceKey(field)] = value === null ? null : String(value);
    else if ((field.kind === 'decimal' || field.kind === 'money') && value !== null) input[field.name] = String(value);
    else input[field.name] = value;
  }
  return input;
}
