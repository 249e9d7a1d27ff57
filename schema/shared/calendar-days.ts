/**
 * Arithmetic on calendar days (`2024-03-01`), as the records keep dates: no time of day, no zone, so a due
 * date is as many days away in Beijing as the dates say. Shared by the seeds, the server and the console.
 */

const dayMs = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** `2024-03-01` plus `days` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(dayOf(date) + days * dayMs).toISOString().slice(0, 10);
}

/** Days from `from` to `to`: 1 from a day to the next, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayOf(to) - dayOf(from)) / dayMs);
}
