/**
 * Work that depends only on an operation's document and a key (its variables, who asks), remembered with the
 * document. Apollo keeps one parsed document per query text (its document store), so a console's or a
 * client's repeated query is estimated and planned once, not at every request. Bounded per document, and gone
 * with the document when the store lets it go; a key too long to be worth keeping (huge variables) is not kept.
 */
import type { DocumentNode } from 'graphql';

export class PerDocument<T> {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, T>>();

  constructor(
    private readonly entriesPerDocument = 64,
    private readonly longestKey = 4_096,
  ) {}

  /** The value remembered for (document, key), or `compute()`'s, remembered (a throw is not). */
  get(document: DocumentNode, key: string, compute: () => T): T {
    if (key.length > this.longestKey) return compute();
    let entries = this.byDocument.get(document);
    if (!entries) {
      entries = new Map();
      this.byDocument.set(document, entries);
    }
    if (entries.has(key)) return entries.get(key)!;
    const value = compute();
    // Oldest first out: a Map iterates in insertion order.
    if (entries.size >= this.entriesPerDocument) entries.delete(entries.keys().next().value!);
    entries.set(key, value);
    return value;
  }
}

const variableKeys = new WeakMap<object, string>();

/** A request's variables as a key: written once per request, however many plugins key on them. */
export function variablesKey(variables: Record<string, unknown> | undefined): string {
  if (!variables) return '{}';
  let key = variableKeys.get(variables);
  if (key === undefined) {
    key = JSON.stringify(variables);
    variableKeys.set(variables, key);
  }
  return key;
}
