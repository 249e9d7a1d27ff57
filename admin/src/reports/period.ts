/**
 * The span of dates a report counts: a calendar year (what secretariats report on) or any period, kept in
 * the page address as `year=2024` or `from=…&to=…` so that a link reopens the same report. Pure.
 */
export type ReportPeriod = { from: string; to: string };

export const yearPeriod = (year: number): ReportPeriod => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The calendar year a period is, if it is exactly one. */
export function wholeYear(period: ReportPeriod): number | null {
  const year = Number(period.from.slice(0, 4));
  return period.from === `${year}-01-01` && period.to === `${year}-12-31` ? year : null;
}

const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The period the address names; none when it names none (the page then chooses its default). */
export function readPeriod(params: URLSearchParams): ReportPeriod | null {
  const year = Number(params.get('year'));
  if (Number.isInteger(year) && year > 1900) return yearPeriod(year);
  const from = params.get('from');
  const to = params.get('to');
  return isDate(from) && isDate(to) && from <= to ? { from, to } : null;
}

/** The address parameters of a period: the year alone when it is one. */
export function periodParams(period: ReportPeriod): Record<string, string> {
  const year = wholeYear(period);
  return year === null ? { from: period.from, to: period.to } : { year: String(year) };
}
