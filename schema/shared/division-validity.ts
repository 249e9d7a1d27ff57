/**
 * What a region's validity dates mean, shared by the loaders that fill them (seeds/divisions) and the
 * comparisons that read them (server/metrics): `validFrom` is the cut-off day (截止时间) of the earliest edition of
 * the statistical division codes (统计用区划代码) that lists the region's code, `validTo` that of the first later
 * edition that no longer lists it. The earliest edition at hand is 2015's: a region it already lists may be much
 * older, so a `validFrom` on that day is no start at all, only "on record since".
 */

/** The cut-off day of the earliest edition the history holds (2015): a `validFrom` on or before it says "older than the records". */
export const divisionRecordsSince = '2015-09-30';

/** What a picker adds to an ended region's name (`validTo`: the day by which it had ended); nothing for a current one. */
export function endedNote(region: { validTo?: string | null }, language: 'zh' | 'en'): string {
  if (!region.validTo) return '';
  return language === 'zh' ? `${region.validTo} 前已撤销` : `ended by ${region.validTo}`;
}

/**
 * Whether a region was on record at some time between `from` and `to` (ISO days, inclusive): it had begun by `to`
 * (or is older than the records) and had not ended by `from` (its `validTo` is the first day it is known gone).
 */
export function validDuring(region: { validFrom?: string | null; validTo?: string | null }, from: string, to: string): boolean {
  const begun = !region.validFrom || region.validFrom <= to || region.validFrom <= divisionRecordsSince;
  const notEnded = !region.validTo || region.validTo > from;
  return begun && notEnded;
}
