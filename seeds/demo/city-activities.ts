/**
 * 兰州市人大常委会's own work with deputies, as its article gives it a year (date unknown: true every year of the
 * demo, 2019–2024): inspections and research (视察、调研) for 400+ person-times, 30+ deputy attendances at its
 * standing committee's meetings (列席常委会), 100+ at hearings and evaluation meetings (听证、评议); and 述职
 * covering every county and township deputy in a term — each seat of its counties' current term reports to its
 * voters at least once by the reference date.
 */
import type { ActivityKind } from '../../schema/shared/enums.js';
import { addDays, type Random } from '../random.js';
import type { ActivityLog } from './activity-log.js';
import { apportion, covers, maxDate, minDate, referenceDate, years } from './shared.js';
import type { Seat, World } from './world.js';

/** 兰州's yearly figures: for each kind, meetings a year and the person-times they add up to (a range; the article's floor below it). */
export const lanzhouYear: { kind: ActivityKind; title: string; meetings: [number, number]; personTimes: [number, number] }[] = [
  { kind: 'INSPECTION', title: '兰州市人大常委会组织市人大代表集中视察', meetings: [5, 6], personTimes: [220, 250] },
  { kind: 'RESEARCH', title: '兰州市人大常委会组织市人大代表专题调研', meetings: [4, 5], personTimes: [200, 230] },
  { kind: 'ATTEND_SESSION', title: '市人大代表列席兰州市人大常委会会议', meetings: [6, 6], personTimes: [32, 40] },
  { kind: 'HEARING', title: '兰州市人大常委会听证评议会', meetings: [4, 5], personTimes: [104, 125] },
];
export const lanzhouCode = '620100';

/** The municipal deputies of 兰州 sitting on `date`. */
function municipalOn(world: World, date: string): Seat[] {
  return world.seats.filter((seat) => seat.level === 'MUNICIPAL' && seat.county.city.code === lanzhouCode && covers(seat.electedOn, seat.endedOn, date));
}

export function lanzhouActivities(log: ActivityLog, random: Random, world: World): void {
  const city = world.cities.find((candidate) => candidate.region.code === lanzhouCode)!;
  for (const year of years) {
    for (const { kind, title, meetings, personTimes } of lanzhouYear) {
      const count = random.int(...meetings);
      const sizes = apportion(
        random.int(...personTimes),
        Array.from({ length: count }, () => 0.7 + 0.6 * random.next()),
      );
      sizes.forEach((size, index) => {
        // Spread over the year (one in each part of it), never past the reference date.
        const from = addDays(`${year}-01-10`, Math.floor((index * 340) / count));
        const heldOn = random.date(from, addDays(from, Math.floor(340 / count) - 1));
        const present = municipalOn(world, heldOn);
        if (present.length < size) throw new Error(`${title}: ${present.length} municipal deputies sitting on ${heldOn} for ${size} places`);
        log.add({ kind, title, heldOn, regionId: city.region.id, issues: random.int(3, 12) }, random.sample(present, size));
      });
    }
  }
  reportsToVoters(log, random, world);
}

/**
 * 述职 covering every deputy: the current term's county and township seats of 兰州's counties still sitting, those
 * not already reported at a station, report at a township meeting (ten at most each) after their first year.
 */
function reportsToVoters(log: ActivityLog, random: Random, world: World): void {
  const reportIds = new Set(
    world.data
      .rows('activity')
      .filter((row) => row.kind === 'REPORT_TO_VOTERS')
      .map((row) => row.id),
  );
  const reported = new Set(
    world.data
      .rows('activity_participant')
      .filter((row) => reportIds.has(row.activity_id))
      .map((row) => row.deputy_id),
  );
  for (const county of world.counties.filter((candidate) => candidate.city.code === lanzhouCode)) {
    const due = world.seats.filter((seat) => seat.county === county && seat.current && seat.endedOn === null && (seat.level === 'COUNTY' || seat.level === 'TOWNSHIP') && !reported.has(seat.id));
    for (const township of county.townships) {
      const here = due.filter((seat) => seat.township === township).sort((a, b) => a.electedOn.localeCompare(b.electedOn) || a.id - b.id);
      for (let start = 0; start < here.length; start += 10) {
        const batch = here.slice(start, start + 10);
        const first = maxDate(...batch.map((seat) => addDays(seat.electedOn, 365)));
        const heldOn = first < referenceDate ? random.date(first, minDate(addDays(first, 500), referenceDate)) : maxDate(...batch.map((seat) => seat.electedOn));
        const voters = random.int(40, 120);
        log.add({ kind: 'REPORT_TO_VOTERS', title: `${township.name}人大代表向选民述职评议会`, heldOn, regionId: township.id, voters, issues: random.int(3, 15) }, batch);
      }
    }
  }
}
