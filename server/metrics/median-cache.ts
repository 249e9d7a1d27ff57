/**
 * The medians of recent comparisons, kept with the fingerprint of what they were computed from: the facts'
 * version (`metric_state`: their catalog and when they last changed) and the compared rows (each target region
 * and year). A comparison passes the fingerprint of its cached medians to its statement, which returns the rows'
 * values for new medians only when its own fingerprint differs — a national comparison's values are 77,000
 * numbers, sent, parsed and sorted on every call otherwise, though the facts change far less often than they are read.
 */
import type { MedianRow } from './medians.js';

export type KnownMedians = { readonly fingerprint: string; readonly medians: MedianRow[] };

/** Comparisons whose medians are kept (each a few hundred numbers), the least recently used dropped first. */
const capacity = 64;

export class MedianCache {
  private readonly entries = new Map<string, KnownMedians>();

  /** The medians kept for the comparison `key` and their fingerprint, if any (the most recently used kept longest). */
  find(key: string): KnownMedians | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  keep(key: string, fingerprint: string, medians: MedianRow[]): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, medians });
    if (this.entries.size > capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
