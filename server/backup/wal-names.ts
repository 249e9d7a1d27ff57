/**
 * WAL file names (`TTTTTTTTLLLLLLLLSSSSSSSS`: timeline, log id, segment) as PostgreSQL forms them: which
 * segments a backup needs, and which archived files are older than a cut-off.
 */

const segmentName = /^[0-9A-F]{24}$/;

/** Whether a name is a WAL segment's (not a .history, .backup or .partial file). */
export const isSegmentName = (name: string): boolean => segmentName.test(name);

/** The segment number of a WAL file name, counting across log ids. */
function segmentNumber(name: string, segmentsPerLogId: bigint): bigint {
  return BigInt(`0x${name.slice(8, 16)}`) * segmentsPerLogId + BigInt(`0x${name.slice(16, 24)}`);
}

const hex8 = (value: bigint) => value.toString(16).toUpperCase().padStart(8, '0');

/** Every segment from `first` to `last` inclusive, on `first`'s timeline (a base backup never spans timelines). */
export function segmentsBetween(first: string, last: string, segmentBytes: number): string[] {
  const perLogId = 0x100000000n / BigInt(segmentBytes);
  const timeline = first.slice(0, 8);
  const names: string[] = [];
  for (let n = segmentNumber(first, perLogId); n <= segmentNumber(last, perLogId); n += 1n) names.push(`${timeline}${hex8(n / perLogId)}${hex8(n % perLogId)}`);
  return names;
}

/**
 * Whether an archived file (`<name>.gz`) is older than `cutoff`, a segment name, on any timeline: as
 * pg_archivecleanup decides, by log id and segment only. Timeline history files are never old: every later
 * restore reads them.
 */
export function isOlderThan(archivedFile: string, cutoff: string): boolean {
  const name = archivedFile.replace(/\.gz$/, '');
  if (!/^[0-9A-F]{24}(\.partial|\.[0-9A-F]{8}\.backup)?$/.test(name)) return false;
  return name.slice(8, 24) < cutoff.slice(8, 24);
}
