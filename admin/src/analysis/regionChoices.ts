/**
 * The regions a comparison offers to pick among: those valid at some time in the years or the period compared
 * (schema/shared/division-validity.ts), as the server compares them — a 乡 merged away in 2021 is offered for 2019,
 * not for 2024 — each named as the picker shows it, an ended one saying so.
 */
import { endedNote, validDuring } from '../../../schema/shared/division-validity.js';
import type { ComparisonSettings, RegionRef } from './types.js';

/** The first and last day the comparison covers: its period, or its years' first and last days (none chosen: every day). */
export function comparedSpan(settings: Pick<ComparisonSettings, 'years' | 'period'>): { from: string; to: string } {
  if (settings.period) return settings.period;
  if (settings.years.length === 0) return { from: '0001-01-01', to: '9999-12-31' };
  return { from: `${Math.min(...settings.years)}-01-01`, to: `${Math.max(...settings.years)}-12-31` };
}

/** The regions valid in the span compared, in the order given. */
export function regionChoices(regions: readonly RegionRef[], settings: Pick<ComparisonSettings, 'years' | 'period'>): RegionRef[] {
  const { from, to } = comparedSpan(settings);
  return regions.filter((region) => validDuring(region, from, to));
}

/** A region's name in the list of regions compared: an ended one with the day by which it had ended. */
export function regionChoiceName(region: RegionRef, language: 'zh' | 'en'): string {
  const note = endedNote(region, language);
  return note ? `${region.name}（${note}）` : region.name;
}
