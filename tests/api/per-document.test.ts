/** PerDocument (server/graphql/per-document.ts): remembered per document and key, bounded, a throw not remembered. */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PerDocument, variablesKey } from '../../server/graphql/per-document.js';

describe('work remembered with a document', () => {
  it('computes once per (document, key), keeps at most its bound per document, and remembers no throw', () => {
    const remembered = new PerDocument<number>(2, 10);
    const [a, b] = [parse('{ a }'), parse('{ a }')];
    let computed = 0;
    const compute = () => ++computed;
    expect(remembered.get(a, 'x', compute)).toBe(1);
    expect(remembered.get(a, 'x', compute)).toBe(1);
    // Another document of the same text (another parse) is another document.
    expect(remembered.get(b, 'x', compute)).toBe(2);
    expect(remembered.get(a, 'y', compute)).toBe(3);
    // A third key pushes the oldest out.
    expect(remembered.get(a, 'z', compute)).toBe(4);
    expect(remembered.get(a, 'x', compute)).toBe(5);
    // A key longer than the bound is computed every time.
    expect(remembered.get(a, 'k'.repeat(11), compute)).toBe(6);
    expect(remembered.get(a, 'k'.repeat(11), compute)).toBe(7);
    const failing = () => {
      throw new Error('no');
    };
    expect(() => remembered.get(a, 'w', failing)).toThrow('no');
    expect(remembered.get(a, 'w', compute)).toBe(8);
  });

  it('keys variables by their content, written once per request object', () => {
    const variables = { limit: 5, where: { q: '丁' } };
    expect(variablesKey(variables)).toBe(JSON.stringify(variables));
    expect(variablesKey({ limit: 5, where: { q: '丁' } })).toBe(variablesKey(variables));
    expect(variablesKey({ limit: 6, where: { q: '丁' } })).not.toBe(variablesKey(variables));
    expect(variablesKey(undefined)).toBe('{}');
  });
});
