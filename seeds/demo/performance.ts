/**
 * Performance records (履职积分), 2024: 兰州 scores its municipal deputies on eleven items, 40 of them
 * commended (only 兰州: scoring every county's deputies too would break the row budget). Items the data
 * set records are scored from it (activities, receptions, group activities, suggestions, motions,
 * trainings); the rest follow the deputy's diligence. The self score is usually a little higher.
 */
import type { PerformanceItem } from '../../schema/shared/enums.js';
import type { Random } from '../random.js';
import { quota, score } from './shared.js';
import type { Seat, World } from './world.js';

export const scoredYear = 2024;
/** 兰州 municipal deputies commended (DOMAIN.md). */
export const lanzhouCommended = 40;

/** The eleven items and their maximum points (100 in all). */
const items: [PerformanceItem, number][] = [
  ['ATTENDANCE', 15],
  ['ACTIVITIES', 15],
  ['SUGGESTIONS', 15],
  ['MOTIONS', 5],
  ['RECEPTION_DAYS', 10],
  ['TRAINING', 10],
  ['INSPECTION', 10],
  ['REPORT_TO_VOTERS', 5],
  ['GROUP_ACTIVITY', 5],
  ['LIVELIHOOD', 5],
  ['COMMENDATION', 5],
];

type Counts = Map<number, Partial<Record<string, number>>>;

/** What each seat (and person) did in the scored year, read back from the rows generated so far. */
function tally(world: World): { bySeat: Counts; trainings: Map<number, number> } {
  const bySeat: Counts = new Map();
  const bump = (seat: number, key: string, by = 1) => {
    const counts = bySeat.get(seat) ?? {};
    counts[key] = (counts[key] ?? 0) + by;
    bySeat.set(seat, counts);
  };
  const inYear = (date: unknown) => String(date).startsWith(String(scoredYear));
  const activities = world.data.rows('activity');
  for (const row of world.data.rows('activity_participant')) {
    const activity = activities[Number(row.activity_id) - 1];
    if (!inYear(activity.held_on)) continue;
    const seat = Number(row.deputy_id);
    bump(seat, 'ACTIVITIES');
    if (activity.kind === 'VOTER_RECEPTION') bump(seat, 'RECEPTION_DAYS');
    if (activity.kind === 'INSPECTION' || activity.kind === 'RESEARCH' || activity.kind === 'LAW_ENFORCEMENT_CHECK') bump(seat, 'INSPECTION');
    if (activity.kind === 'REPORT_TO_VOTERS') bump(seat, 'REPORT_TO_VOTERS');
    if (activity.group_id !== null) bump(seat, 'GROUP_ACTIVITY');
  }
  const suggestions = world.data.rows('suggestion');
  for (const row of world.data.rows('suggestion_submitter')) {
    if (inYear(suggestions[Number(row.suggestion_id) - 1].submitted_on)) bump(Number(row.deputy_id), 'SUGGESTIONS', row.role === 'LEAD' ? 2 : 1);
  }
  for (const row of world.data.rows('motion')) if (row.lead_deputy_id !== null && inYear(row.submitted_on)) bump(Number(row.lead_deputy_id), 'MOTIONS');
  const trainings = new Map<number, number>();
  const courses = world.data.rows('training');
  for (const row of world.data.rows('training_participant')) {
    if (inYear(courses[Number(row.training_id) - 1].starts_on)) trainings.set(Number(row.person_id), (trainings.get(Number(row.person_id)) ?? 0) + 1);
  }
  return { bySeat, trainings };
}

function scoreSeats(world: World, random: Random, seats: Seat[], commended: number, note: string, done: ReturnType<typeof tally>): void {
  const honoured = quota(random, seats.length, commended);
  seats.forEach((seat, index) => {
    const did = done.bySeat.get(seat.id) ?? {};
    const diligence = 0.55 + 0.45 * random.next();
    const points: Record<PerformanceItem, number> = {
      ATTENDANCE: 15 * Math.min(1, diligence + 0.25),
      ACTIVITIES: Math.min(15, 3 * (did.ACTIVITIES ?? 0)),
      SUGGESTIONS: Math.min(15, 2.5 * (did.SUGGESTIONS ?? 0)),
      MOTIONS: (did.MOTIONS ?? 0) > 0 ? 5 : 0,
      RECEPTION_DAYS: Math.min(10, 2.5 * (did.RECEPTION_DAYS ?? 0)),
      TRAINING: Math.min(10, 5 * (done.trainings.get(seat.personId) ?? 0)),
      INSPECTION: Math.min(10, 2.5 * (did.INSPECTION ?? 0) + 10 * diligence * 0.4),
      REPORT_TO_VOTERS: (did.REPORT_TO_VOTERS ?? 0) > 0 || random.chance(diligence * 0.5) ? 5 : 0,
      GROUP_ACTIVITY: Math.min(5, 2.5 * (did.GROUP_ACTIVITY ?? 0)),
      LIVELIHOOD: 5 * diligence,
      COMMENDATION: honoured.has(index) ? 5 : 0,
    };
    for (const [item, max] of items) {
      const assessed = points[item];
      world.data.add('performance_record', {
        deputy_id: seat.id,
        year: scoredYear,
        item,
        self_score: score(item === 'COMMENDATION' ? assessed : Math.min(max, assessed + (random.chance(0.6) ? max * 0.1 * random.next() : 0))),
        assessed_score: score(assessed),
        note: item === 'COMMENDATION' && honoured.has(index) ? note : null,
      });
    }
  });
}

export function generatePerformance(world: World, random: Random): void {
  const done = tally(world);
  const sitting = (seat: Seat) => seat.current && seat.endedOn === null;
  const lanzhou = world.seats.filter((seat) => sitting(seat) && seat.level === 'MUNICIPAL' && seat.county.city.code === '620100');
  scoreSeats(world, random.fork('兰州'), lanzhou, lanzhouCommended, `${scoredYear}年度优秀市人大代表`, done);
}
