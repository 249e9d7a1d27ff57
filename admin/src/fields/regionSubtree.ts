/** What a region filter holds (fields/RegionSubtreeFilter.tsx): `{ within: "620800" }`, the API's subtree filter. Pure. */

/** The code a filter value names: `{ within: "620800" }`; anything else (a record id a link set) names none. */
export const withinCode = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { within?: unknown }).within === 'string' ? (value as { within: string }).within : undefined;
