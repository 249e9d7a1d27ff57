/** The shapes of `metricCatalog` and `compareRegions` (API.md "Metrics") and the page's settings. */
export type MetricDefinition = {
  key: string;
  labelZh: string;
  labelEn: string;
  unitZh: string;
  unitEn: string;
  kind: 'STOCK' | 'FLOW' | 'RATE';
  higherIsBetter: boolean | null;
  descriptionZh: string;
  descriptionEn: string;
};

/** A region as the analysis and the reports pick it; `validFrom` and `validTo` tell an ended one (schema/shared/division-validity.ts). */
export type RegionRef = { id: string; name: string; code: string; level: string; validFrom?: string | null; validTo?: string | null };
export type ComparisonRow = { region: RegionRef | null; year: number | null; values: (number | null)[] };
/**
 * `recomputing`: metrics answered as no data for now, their definitions changed and their figures being computed again.
 * `catchingUp`: the figures are catching up with a bulk change in the background; recent writes may not be in them yet.
 */
export type Comparison = { metrics: string[]; rows: ComparisonRow[]; medians: ComparisonRow[]; parents: ComparisonRow[]; recomputing: string[]; catchingUp: boolean };

export type Period = { from: string; to: string };

/** Everything a comparison is made of; kept in the page's address, so a link reopens it. */
export type ComparisonSettings = {
  parentId: string | null;
  level: string;
  regionIds: string[];
  metrics: string[];
  years: number[];
  period: Period | null;
};

/** A saved dashboard's settings: as the page keeps them, or naming the parent by division code (demo data). */
export type SavedSettings = Partial<ComparisonSettings> & { parentCode?: string };
