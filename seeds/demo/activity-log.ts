/**
 * Writing activities and their participants, and answering who could take part: the deputies entering a
 * station on a day, a group's members on a day, a county's deputies of a level on a day. It also keeps
 * the published figures exact: dates and kinds reserved for them (汇川's research visits of early 2022,
 * 泾川's county-wide reception days) are never used by the generic activities.
 */
import type { ActivityKind, ParticipantRole } from '../../schema/shared/enums.js';
import type { Random } from '../random.js';
import { placeOn } from './predecessors.js';
import { covers, referenceDate } from './shared.js';
import type { County, Group, RegionRef, Seat, Station, World } from './world.js';

export type ActivityRef = { id: number; heldOn: string; station: Station | null };
export type NewActivity = { kind: ActivityKind; title: string; heldOn: string; regionId: number; station?: Station | null; group?: Group | null; voters?: number; issues?: number };

/** 汇川区: committee leaders' 12 township research visits in early 2022 (DOMAIN.md). */
export const huichuanResearch = { county: '520303', from: '2022-01-01', to: '2022-03-31', visits: 12 };
/** 泾川县: the county-wide voter-reception day, held at every home, once a year. */
export const jingchuanReceptionDays = ['2019-05-15', '2020-06-12', '2021-05-14', '2022-05-13', '2023-05-15', '2024-05-15'];

const summaries: Partial<Record<ActivityKind, string>> = {
  VOTER_RECEPTION: '接待选民{voters}人次，收集意见建议{issues}条，现场答复解释一部分，其余交有关部门办理并跟踪反馈。',
  REPORT_TO_VOTERS: '代表向选民报告履职情况，选民{voters}人参加评议，提出意见建议{issues}条。',
  INSPECTION: '代表实地察看项目进展，听取有关部门情况汇报，提出意见建议{issues}条。',
  RESEARCH: '围绕专题开展调研，召开座谈会，形成调研报告，提出意见建议{issues}条。',
  GROUP_ACTIVITY: '小组成员围绕重点工作开展活动，交流履职情况，形成意见建议{issues}条。',
};

export class ActivityLog {
  /** Per station, the deputies entering it and when they may (their assignment). */
  private readonly entering = new Map<Station, { seat: Seat; from: string; to: string | null }[]>();
  readonly byStation = new Map<Station, ActivityRef[]>();
  /** Seats that took part in at least one activity at a station. */
  readonly entered = new Set<Seat>();
  /** Each such seat's first day at a station. */
  readonly firstEntered = new Map<Seat, string>();
  /** The regions by id: an activity names its region by id, and sits on the one valid on its day (predecessors.ts). */
  private readonly regionsById: Map<number, RegionRef>;

  constructor(
    readonly world: World,
    private readonly random: Random,
  ) {
    this.regionsById = new Map([...world.regions.values()].map((region) => [region.id, region]));
    for (const assignment of world.assignments) {
      if (!world.enterers.has(assignment.seat)) continue;
      const list = this.entering.get(assignment.station) ?? [];
      list.push({ seat: assignment.seat, from: assignment.startsOn, to: assignment.endsOn });
      this.entering.set(assignment.station, list);
    }
  }

  /** Whether a generic activity of `kind` may be held in `county` on `date` (not on a day reserved for a figure). */
  allowed(county: County, kind: ActivityKind, date: string, station: Station | null): boolean {
    const code = county.region.code;
    if (code === huichuanResearch.county && kind === 'RESEARCH' && date >= huichuanResearch.from && date <= huichuanResearch.to) return false;
    if (code === '620821' && jingchuanReceptionDays.includes(date)) return false;
    return !(station && date < station.establishedOn) && date <= referenceDate;
  }

  /** Deputies entering `station` who are assigned there on `date`. */
  enteringOn(station: Station, date: string): Seat[] {
    return (this.entering.get(station) ?? []).filter((entry) => covers(entry.from, entry.to, date)).map((entry) => entry.seat);
  }

  /** Members of `group` on `date`. */
  membersOn(group: Group, date: string): Seat[] {
    return group.members.filter((member) => covers(member.joinedOn, member.leftOn, date)).map((member) => member.seat);
  }

  private readonly seatsByCounty = new Map<County, Seat[]>();

  /** Seats of deputies living in `county`, of one of `levels`, sitting on `date`. */
  seatsOn(county: County, levels: string[], date: string): Seat[] {
    if (!this.seatsByCounty.has(county))
      this.seatsByCounty.set(
        county,
        this.world.seats.filter((seat) => seat.county === county),
      );
    return this.seatsByCounty.get(county)!.filter((seat) => levels.includes(seat.level) && covers(seat.electedOn, seat.endedOn, date));
  }

  add(activity: NewActivity, participants: Seat[]): ActivityRef {
    const voters = activity.voters ?? 0;
    const issues = activity.issues ?? 0;
    const template = summaries[activity.kind];
    const id = this.world.data.add('activity', {
      kind: activity.kind,
      title: activity.title,
      held_on: activity.heldOn,
      region_id: placeOn(this.regionsById.get(activity.regionId)!, activity.heldOn).id,
      station_id: activity.station?.id ?? null,
      group_id: activity.group?.id ?? null,
      voters_received: voters,
      issues_collected: issues,
      summary: template ? template.replace('{voters}', String(voters)).replace('{issues}', String(issues)) : null,
    });
    const ref: ActivityRef = { id, heldOn: activity.heldOn, station: activity.station ?? null };
    if (ref.station) this.byStation.set(ref.station, [...(this.byStation.get(ref.station) ?? []), ref]);
    participants.forEach((seat, index) => this.join(ref, seat, index === 0 && participants.length > 2 ? 'ORGANISER' : 'PARTICIPANT'));
    return ref;
  }

  join(activity: ActivityRef, seat: Seat, role: ParticipantRole = 'PARTICIPANT'): void {
    this.world.data.add('activity_participant', { activity_id: activity.id, deputy_id: seat.id, role });
    if (!activity.station) return;
    this.entered.add(seat);
    const first = this.firstEntered.get(seat);
    if (first === undefined || activity.heldOn < first) this.firstEntered.set(seat, activity.heldOn);
  }

  /** A day of `year` on or after `from`, drawn until `ok` accepts it (null if none does within a few tries). */
  day(year: number, from: string, ok: (date: string) => boolean): string | null {
    const start = `${year}-01-01` > from ? `${year}-01-01` : from;
    const end = `${year}-12-31` < referenceDate ? `${year}-12-31` : referenceDate;
    if (start > end) return null;
    for (let attempt = 0; attempt < 8; attempt++) {
      const date = this.random.date(start, end);
      if (ok(date)) return date;
    }
    return null;
  }
}
