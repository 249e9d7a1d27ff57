/**
 * The demo data set (seeds/demo): loaded into a fresh database as the owner, then every published figure
 * of DOMAIN.md (tests/fixtures/published-figures.json) checked through the GraphQL API. Also: the set is
 * deterministic, loads only once, keeps every business rule the loader bypasses, its townships are the
 * national division tree's, and its ID numbers are valid and agree with gender and birth date.
 */
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { divisionRecordsSince } from '../../schema/shared/division-validity.js';
import { levelOfKind, type RegionKind, type SuggestionStatus, type SuggestionStep } from '../../schema/shared/enums.js';
import { suggestionWorkflow } from '../../schema/shared/suggestion-workflow.js';
import { divisionCodeFitsParent, levelOfDivisionCode, parseIdNumber, validators } from '../../schema/shared/validators.js';
import type { Dataset } from '../../seeds/dataset.js';
import { nameOn, nationalDatedDivisions } from '../../seeds/divisions/dated-divisions.js';
import { nationalDivisions } from '../../seeds/divisions/division-tree.js';
import { buildDemo, demoReferenceDate, demoSeed } from '../../seeds/demo/build.js';
import { predecessorCodes } from '../../seeds/demo/predecessors.js';
import { loadDemo, type DemoOutcome } from '../../seeds/demo/load-demo.js';
import { useTestServer } from '../support/test-server.js';

type Query = { query: string; variables?: Record<string, unknown>; path: string };
type Measure = Query | { ratio: { numerator: Query; denominator: Query } } | { sum: Query[] };
type Bounds = { eq?: number; gt?: number; gte?: number; lt?: number; lte?: number };
type Expectation = Bounds & { round?: number; length?: number | Bounds; each?: Bounds; equals?: Measure };
type Figure = {
  id: string;
  place: string;
  figure: string;
  description: string;
  /** The day the figure holds on: its article's date, or the reference date where that is not known (or not yet reproduced, asOfNote). */
  asOf: string;
  asOfKnown: boolean;
  articleDate?: string;
  asOfNote?: string;
  measure: Measure;
  expect: Expectation;
  cases?: Record<string, unknown>[];
};

const fixture = JSON.parse(readFileSync(new URL('../fixtures/published-figures.json', import.meta.url), 'utf8')) as { referenceDate: string; figures: Figure[] };
const tables = domainEntities.map((entity) => modelOf(entity).table);

let outcome: DemoOutcome;
let owner: pg.Client;
const env = useTestServer(async (database) => {
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    outcome = await loadDemo(client);
  } finally {
    await client.end();
  }
});

beforeAll(async () => {
  owner = new pg.Client({ connectionString: env.database.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
});

// ---------------------------------------------------------------------------------------------------
// Reading a figure's measure through the API

/** `{ a: { b: 1 } }` merged with `{ a: { c: 2 } }` is `{ a: { b: 1, c: 2 } }`; a case's values replace the base's. */
function merge(base: unknown, extra: unknown): unknown {
  if (!extra || typeof extra !== 'object' || Array.isArray(extra) || !base || typeof base !== 'object' || Array.isArray(base)) return extra ?? base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extra)) merged[key] = merge(merged[key], value);
  return merged;
}

function withCase(measure: Measure, values: Record<string, unknown> | undefined): Measure {
  if (!values) return measure;
  if ('ratio' in measure) return { ratio: { numerator: withCase(measure.ratio.numerator, values) as Query, denominator: withCase(measure.ratio.denominator, values) as Query } };
  if ('sum' in measure) return { sum: measure.sum.map((part) => withCase(part, values) as Query) };
  return { ...measure, variables: merge(measure.variables ?? {}, values) as Record<string, unknown> };
}

/** The number (or list of numbers) at `path` in the answer: `a.b` for a field, `a[].b` for each element of a list. */
function pick(data: unknown, path: string): number | number[] {
  const [head, rest] = path.split('[].');
  const value = head.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data);
  return rest === undefined ? (value as number) : (value as Record<string, unknown>[]).map((item) => pick(item, rest) as number);
}

async function read(measure: Measure): Promise<number | number[]> {
  if ('ratio' in measure) {
    const [numerator, denominator] = [await read(measure.ratio.numerator), await read(measure.ratio.denominator)];
    expect(denominator, 'a rate needs a non-zero denominator').toBeGreaterThan(0);
    return (numerator as number) / (denominator as number);
  }
  if ('sum' in measure) {
    let total = 0;
    for (const part of measure.sum) total += (await read(part)) as number;
    return total;
  }
  const response = await env.server.gql(measure.query, measure.variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return pick(response.data, measure.path);
}

function bounded(value: number, bounds: Bounds, label: string): void {
  // A figure without any bound would check nothing: the fixture must give one.
  expect(
    Object.values(bounds).some((bound) => bound !== undefined),
    `${label} has no bound`,
  ).toBe(true);
  if (bounds.eq !== undefined) expect(value, label).toBe(bounds.eq);
  if (bounds.gt !== undefined) expect(value, label).toBeGreaterThan(bounds.gt);
  if (bounds.gte !== undefined) expect(value, label).toBeGreaterThanOrEqual(bounds.gte);
  if (bounds.lt !== undefined) expect(value, label).toBeLessThan(bounds.lt);
  if (bounds.lte !== undefined) expect(value, label).toBeLessThanOrEqual(bounds.lte);
}

async function check(figure: Figure, values?: Record<string, unknown>): Promise<void> {
  const label = `${figure.id} ${values ? JSON.stringify(values) : ''}`;
  const value = await read(withCase(figure.measure, values));
  const { round, length, each, equals, ...bounds } = figure.expect;
  if (Array.isArray(value)) {
    expect(length !== undefined || (each !== undefined && value.length > 0), `${label}: an array figure needs a length or non-empty elements to check`).toBe(true);
    if (length !== undefined) bounded(value.length, typeof length === 'number' ? { eq: length } : length, `${label} (length)`);
    for (const element of value) if (each) bounded(element, each, `${label} (each)`);
    return;
  }
  bounded(round === undefined ? value : Number(value.toFixed(round)), bounds, label);
  if (equals) expect(value, `${label} (equals)`).toBe(await read(withCase(equals, values)));
}

// ---------------------------------------------------------------------------------------------------

describe('the demo data set', () => {
  // The budget keeps the first start quick (one COPY per table); 镇平县's cases told step by step (issue 21) took it past 150,000,
  // its article's day held (issue 22: every seat sitting then assigned, 91 % of them at a station by then) to about 154,100;
  // 兰州's yearly figures (issue 22: 述职 by every one of its ~5,400 county and township deputies, 400+ inspection and research
  // person-times, hearings, attendances and 400 trainees a year) to about 165,200; 镇平's livelihood votes from 2017 and 吉县's
  // leadership of the term before its article (issue 22: every figure on its article's day) to about 165,600; the
  // records on the regions of their dates (issue 22: 47 predecessors; no 2016 election in 四十里铺镇, none in 2021 in 东城乡) to about 165,230.
  it('loads every table in one go, below 168,000 rows', () => {
    expect(outcome.loaded).toBe(true);
    if (!outcome.loaded) return;
    const total = Object.values(outcome.counts).reduce((sum, rows) => sum + rows, 0);
    expect(total).toBeLessThan(168_000);
    for (const table of tables) expect(outcome.counts[table], table).toBeGreaterThan(0);
    expect(fixture.referenceDate).toBe(demoReferenceDate);
  });

  it("dates every figure: asOf its article's date where known (else the reference date, none invented), no date bound past it", () => {
    const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    /** Every date a measure (its parts, cases and `equals`) names: its date bounds. */
    const datesIn = (node: unknown): string[] => (isDate(node) ? [node] : Array.isArray(node) ? node.flatMap(datesIn) : node && typeof node === 'object' ? Object.values(node).flatMap(datesIn) : []);
    /** The queries of a measure: dated by asOf when it is not the reference date, each must name a date bound (none may go past it). */
    const queries = (measure: Measure): Query[] => ('ratio' in measure ? [measure.ratio.numerator, measure.ratio.denominator] : 'sum' in measure ? measure.sum : [measure]);
    for (const figure of fixture.figures) {
      const label = figure.id;
      expect(isDate(figure.asOf), `${label}: asOf`).toBe(true);
      expect(figure.asOf <= fixture.referenceDate, `${label}: asOf after the reference date`).toBe(true);
      expect(typeof figure.asOfKnown, `${label}: asOfKnown`).toBe('boolean');
      if (!figure.asOfKnown) expect([figure.asOf, figure.articleDate], `${label}: an unknown article date is not invented`).toEqual([fixture.referenceDate, undefined]);
      else {
        expect(isDate(figure.articleDate), `${label}: articleDate`).toBe(true);
        // Held on the article's day, or (said so) only on the reference date.
        if (figure.asOf !== figure.articleDate) expect([figure.asOf, Boolean(figure.asOfNote)], `${label}: asOf`).toEqual([fixture.referenceDate, true]);
      }
      const named = [...datesIn(figure.measure), ...datesIn(figure.cases ?? []), ...datesIn(figure.expect.equals ?? {})];
      const past = named.filter((date) => date > figure.asOf);
      expect(past, `${label}: date bounds past asOf ${figure.asOf}`).toEqual([]);
      if (figure.asOf !== fixture.referenceDate) {
        for (const query of [...queries(figure.measure), ...(figure.expect.equals ? queries(figure.expect.equals) : [])]) {
          expect(datesIn(query.variables ?? {}), `${label}: every query bounded by a date (counted as of ${figure.asOf})`).not.toEqual([]);
        }
      }
    }
    // The articles' dates the issue gives.
    const asOf = (id: string) => fixture.figures.find((figure) => figure.id === id)?.asOf;
    expect([asOf('zhenping.appointments'), asOf('huichuan.trainings'), asOf('jixian.stations')]).toEqual(['2021-09-03', '2022-04-27', '2021-08-31']);
  });

  describe('reproduces every published figure as of its date (through the GraphQL API)', () => {
    for (const figure of fixture.figures) {
      it(`${figure.id} (as of ${figure.asOf}): ${figure.figure}`, async () => {
        if (figure.cases) for (const values of figure.cases) await check(figure, values);
        else await check(figure);
      });
    }
  });

  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const checksum = (dataset: Dataset) => {
      const hash = crypto.createHash('sha256');
      for (const table of dataset.tableNames()) hash.update(`${table}\n${JSON.stringify(dataset.rows(table))}\n`);
      return hash.digest('hex');
    };
    const first = checksum(buildDemo(demoSeed));
    expect(checksum(buildDemo(demoSeed))).toBe(first);
    expect(checksum(buildDemo(`${demoSeed}-other`))).not.toBe(first);
  });

  it('loads only once: a second run skips and changes no count', async () => {
    const counts = async () => {
      const result: Record<string, number> = {};
      for (const table of tables) result[table] = Number((await owner.query(`select count(*) from "${table}"`)).rows[0].count);
      return result;
    };
    const before = await counts();
    const again = await loadDemo(owner);
    expect(again.loaded).toBe(false);
    expect(await counts()).toEqual(before);
    expect(outcome.loaded).toBe(true);
    expect(before).toEqual(outcome.loaded ? outcome.counts : undefined);
  });

  it("takes every county's townships from the national division tree: its 乡、镇 and 街道, real names and codes", async () => {
    const { rows } = await owner.query<{ code: string; name: string; kind: string; parent: string }>(
      `select r.code, r.name, r.kind, p.code as parent from region r join region p on p.id = r.parent_id where r.level = 'TOWNSHIP' and (r.valid_to is null or r.code = '141028202') order by r.code`,
    );
    // The current ones: the ended regions beside 东城乡 are the places' predecessors (the next test).
    const counties = new Set((await owner.query<{ code: string }>(`select code from region where level = 'COUNTY' and valid_to is null`)).rows.map((row) => row.code));
    expect(counties.size).toBe(18);
    // The tree's children of the demo's counties, less the units like a township (x4xx–x5xx) and what is named neither 乡、镇 nor 街道.
    const tree = nationalDivisions().filter((division) => division.parentCode !== null && counties.has(division.parentCode));
    const kept = tree.filter((division) => Number(division.code.slice(6)) < 400 && /(街道|镇|乡)$/.test(division.name));
    const expected = [...kept.map(({ code, name, kind, parentCode }) => ({ code, name, kind, parent: parentCode })), { code: '141028202', name: '东城乡', kind: 'TOWNSHIP', parent: '141028' }];
    expect(rows).toEqual(expected.sort((a, b) => a.code.localeCompare(b.code)));
    const left = tree.filter((division) => !kept.includes(division)).map((division) => `${division.code} ${division.name}`);
    expect(left).toEqual(expect.arrayContaining(['620822001 城市社区管理委员会地区', '620822400 万宝川农场', '620102400 高新区']));
    expect(left.every((entry) => !/(街道|镇|乡)$/.test(entry) || Number(entry.slice(6, 9)) >= 400)).toBe(true);
    const count = (county: string) => rows.filter((row) => row.parent === county).length;
    // 灵台县's nine towns and four townships; 吉县's eight (东城乡 the published figure's); 皋兰县's four, its 忠和镇 and 九合镇 now 安宁区's.
    expect([count('620822'), count('141028'), count('620122'), count('620105')]).toEqual([13, 8, 4, 10]);
  });

  it("dates every region as the division history dates its code: 华亭市 from 2018 (撤县设市), 吉县's 东城乡 ended by the 2021 edition", async () => {
    const { rows } = await owner.query<{ code: string; valid_from: string | null; valid_to: string | null }>(`select code, valid_from::text, valid_to::text from region order by code`);
    const dated = new Map(nationalDatedDivisions().map((division) => [division.code, division]));
    expect(rows.filter((row) => row.valid_from !== dated.get(row.code)?.validFrom || row.valid_to !== dated.get(row.code)?.validTo)).toEqual([]);
    expect(rows.filter((row) => row.valid_from === null)).toEqual([]);
    expect(rows.find((row) => row.code === '620881')).toEqual({ code: '620881', valid_from: '2018-10-31', valid_to: null });
    expect(rows.find((row) => row.code === '141028202')).toEqual({ code: '141028202', valid_from: divisionRecordsSince, valid_to: '2021-10-31' });
  });

  it("sits every dated record on a region valid on its date: before a place's code began, on the one it replaced (华亭县, the 乡, 皋兰县's towns)", async () => {
    // Each table's region and the date the record is of; a region is valid from its validFrom (the earliest edition's day: since before) to before its validTo.
    const dated: [table: string, region: string, day: string][] = [
      ['deputy', 'region_id', 'elected_on'],
      ['deputy_group', 'region_id', 'founded_on'],
      ['liaison_station', 'region_id', 'established_on'],
      ['activity', 'region_id', 'held_on'],
      ['funding_allocation', 'region_id', 'approved_on'],
      ['appointment', 'region_id', 'decision_date'],
      ['organisation', 'region_id', 'established_on'],
      ['suggestion', 'region_id', 'submitted_on'],
      ['motion', 'region_id', 'submitted_on'],
      ['livelihood_project', 'region_id', 'voted_on'],
      ['training', 'organiser_region_id', 'starts_on'],
    ];
    const outside: Record<string, string[]> = {};
    for (const [table, region, day] of dated) {
      const { rows } = await owner.query<{ place: string; count: string }>(
        `select r.code || ' ' || r.name as place, count(*) from ${table} t join region r on r.id = t.${region}
          where t.${day} is not null and ((r.valid_from > $1 and t.${day} < r.valid_from) or t.${day} >= r.valid_to) group by 1 order by 1`,
        [divisionRecordsSince],
      );
      if (rows.length) outside[table] = rows.map((row) => `${row.place}: ${row.count}`);
    }
    expect(outside).toEqual({});
    // The records moved: 华亭市's before 2018-10-31 are 华亭县's, 安宁区's 忠和镇's before 2022-10-31 皋兰县's 忠和镇's.
    const { rows } = await owner.query<{ code: string; deputies: string }>(
      `select r.code, count(d.id)::text as deputies from region r left join deputy d on d.region_id = r.id where r.code in ('620824', '620881', '620122102', '620105100') group by r.code order by r.code`,
    );
    expect(rows.every((row) => Number(row.deputies) > 0)).toBe(true);
    // The ended regions are 东城乡 and the places' predecessors the division history ends (黄峪乡's code went on as 魏岭乡's).
    const tree = new Map(nationalDatedDivisions().map((division) => [division.code, division]));
    const endedPredecessors = Object.values(predecessorCodes).filter((code) => tree.get(code)?.validTo);
    const ended = await owner.query<{ code: string }>(`select code from region where valid_to is not null order by code`);
    expect(ended.rows.map((row) => row.code)).toEqual(['141028202', ...endedPredecessors].sort());
  });

  it("keeps a township's groups with its region: named after it, dissolved when a successor region begins and succeeded that day, the members moving", async () => {
    // A group on a township is named after the region it sits on as it was called when the group began (花所乡代表小组 on
    // 花所乡, 黄峪乡代表小组 on 620103201, 魏岭乡's code since 2018), the active ones by its name now; none is active on an ended region.
    const tree = new Map(nationalDatedDivisions().map((division) => [division.code, division]));
    const onTownships = await owner.query<{ name: string; code: string; place: string; founded: string; active: boolean }>(
      `select g.name, r.code, r.name as place, g.founded_on::text as founded, g.active from deputy_group g join region r on r.id = g.region_id
        where r.level = 'TOWNSHIP' and g.kind in ('REGIONAL', 'FUNCTIONAL') order by 1`,
    );
    const misnamed = onTownships.rows.filter((row) => !row.name.startsWith(row.active ? row.place : nameOn(tree.get(row.code)!, row.founded)));
    expect(onTownships.rows.length).toBeGreaterThan(100);
    expect(misnamed).toEqual([]);
    // 620103201 holds 黄峪乡's group until 黄峪镇 began (2018), and 魏岭乡's own, active.
    expect(onTownships.rows.filter((row) => row.code === '620103201').map((row) => [row.name, row.active])).toEqual([
      ['魏岭乡代表小组', true],
      ['黄峪乡代表小组', false],
    ]);
    const activeOnEnded = await owner.query(`select g.name from deputy_group g join region r on r.id = g.region_id where g.dissolved_on is null and r.valid_to is not null`);
    expect(activeOnEnded.rows).toEqual([]);
    // Each dissolved group is succeeded on its dissolution day by a group of the same kind on the region that began that day.
    const dissolved = await owner.query<{ name: string; successor: string | null }>(
      `select g.name, (select s.name from deputy_group s join region sr on sr.id = s.region_id
          where s.kind = g.kind and s.founded_on = g.dissolved_on and sr.valid_from = g.dissolved_on
            and regexp_replace(s.name, '(乡|镇|街道办事处|街道)', '') = regexp_replace(g.name, '(乡|镇|街道办事处|街道)', '')
            and s.focus is not distinct from g.focus limit 1) as successor
        from deputy_group g join region r on r.id = g.region_id where g.dissolved_on is not null and r.level = 'TOWNSHIP' order by 1`,
    );
    expect(dissolved.rows.length).toBeGreaterThan(10);
    expect(dissolved.rows.filter((row) => row.successor === null)).toEqual([]);
    // Nobody belongs to a group past its dissolution; whoever still sat then moved to the successor that day in the same role.
    const { rows } = await owner.query<{ late: string; stayed: string; moved: string }>(
      `select count(*) filter (where m.joined_on >= g.dissolved_on or m.left_on is null or m.left_on > g.dissolved_on)::text as late,
              count(*) filter (where m.left_on = g.dissolved_on)::text as stayed,
              count(*) filter (where m.left_on = g.dissolved_on and exists (select 1 from group_membership n join deputy_group s on s.id = n.group_id
                where n.deputy_id = m.deputy_id and n.role = m.role and n.joined_on = g.dissolved_on and s.founded_on = g.dissolved_on and s.kind = g.kind))::text as moved
         from group_membership m join deputy_group g on g.id = m.group_id where g.dissolved_on is not null`,
    );
    expect(Number(rows[0].late)).toBe(0);
    expect(Number(rows[0].stayed)).toBeGreaterThan(0);
    expect(rows[0].moved).toBe(rows[0].stayed);
  });

  it('gives every person a valid, unique ID number agreeing with gender and birth date', async () => {
    const { rows } = await owner.query<{ id_number: string; gender: string; birth_date: string }>(`select id_number, gender, birth_date::text as birth_date from person`);
    expect(rows.length).toBeGreaterThan(10_000);
    const bad = rows.filter((row) => {
      const outcome = validators.idNumber(row.id_number ?? '');
      if (!outcome.ok || outcome.value !== row.id_number) return true;
      const parsed = parseIdNumber(row.id_number);
      return parsed.gender !== row.gender || parsed.birthDate !== row.birth_date;
    });
    expect(bad.slice(0, 5)).toEqual([]);
    expect(new Set(rows.map((row) => row.id_number)).size).toBe(rows.length);
  });

  it('keeps the rules the loader bypasses (regions, seats, memberships, stations, funding, suggestions, appointments)', async () => {
    const regions = await owner.query<{ code: string; kind: RegionKind; level: string; parent: string | null }>(
      `select r.code, r.kind, r.level, p.code as parent from region r left join region p on p.id = r.parent_id`,
    );
    const badRegions = regions.rows.filter((row) => levelOfKind[row.kind] !== row.level || levelOfDivisionCode(row.code) !== row.level || !divisionCodeFitsParent(row.code, row.parent));
    expect(badRegions).toEqual([]);

    const violations: Record<string, string> = {
      'seat status and end': `select count(*) from deputy where (status = 'ACTIVE') <> (ended_on is null) or (status <> 'ACTIVE' and end_reason is null) or ended_on < elected_on`,
      'one seat per level at a time, none after death': `select count(*) from deputy a join deputy b on b.person_id = a.person_id and b.id <> a.id
        where (a.level = b.level and a.elected_on <= coalesce(b.ended_on, 'infinity') and b.elected_on <= coalesce(a.ended_on, 'infinity'))
          or (a.status = 'DECEASED' and coalesce(b.ended_on, 'infinity') > a.ended_on)`,
      'membership dates': `select count(*) from group_membership where left_on < joined_on`,
      'members without a seat only in advisory groups': `select count(*) from group_membership m join deputy_group g on g.id = m.group_id where m.person_id is not null and g.kind <> 'ADVISORY'`,
      'assignment dates': `select count(*) from station_assignment where ends_on < starts_on`,
      'station parent is a home': `select count(*) from liaison_station s join liaison_station p on p.id = s.parent_id where p.kind <> 'HOME'`,
      'standardisation score': `select count(*) from liaison_station where standard_score <> round(100.0 *
        (has_premises::int + has_sign::int + has_rules::int + has_ledger::int + has_schedule::int + has_staff::int + has_funds::int + has_records::int) / 8)`,
      'disbursed within budget until settled': `select count(*) from funding_allocation where status <> 'SETTLED' and disbursed > budgeted`,
      'suggestion stages and dates': `select count(*) from suggestion where
        (status in ('ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED') and assigned_on is null)
        or (status in ('ANSWERED', 'FEEDBACK', 'CLOSED') and (answered_on is null or answer_category is null))
        or (status in ('FEEDBACK', 'CLOSED') and satisfaction is null) or (status = 'CLOSED' and closed_on is null)
        or (status in ('SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS') and (answered_on is not null or satisfaction is not null or closed_on is not null))
        or (not reopened and answer_due_on is distinct from (assigned_on + interval '3 months')::date)
        or assigned_on < submitted_on or answered_on < assigned_on or closed_on < answered_on`,
      'oath only after an action taking one, once, not before the decision': `select count(*) from oath o join appointment a on a.id = o.appointment_id
        where a.action not in ('ELECT', 'APPOINT', 'DECIDE_APPOINT') or o.sworn_on < a.decision_date
        or (select count(*) from oath other where other.appointment_id = o.appointment_id) > 1`,
      'training dates': `select count(*) from training where ends_on < starts_on`,
      'nothing after the reference date': `select (select count(*) from activity where held_on > $1)
        + (select count(*) from suggestion where greatest(submitted_on, assigned_on, answered_on, closed_on) > $1)
        + (select count(*) from appointment where decision_date > $1) + (select count(*) from oath where sworn_on > $1) + (select count(*) from training where starts_on > $1)
        + (select count(*) from deputy where elected_on > $1 or ended_on > $1) + (select count(*) from liaison_station where established_on > $1)`,
      'below-standard flag as the rule computes it': `select count(*) from (
        select a.below_standard, coalesce((
          select case when s.unit = 'PER_DEPUTY_YEAR' then coalesce(a.headcount, 0) > 0 and a.budgeted < s.amount_per_unit * a.headcount else a.budgeted < s.amount_per_unit end
          from funding_standard s join (values (r0.id, 0), (r1.id, 1), (r2.id, 2), (r3.id, 3)) as chain(id, depth) on chain.id = s.region_id
          where s.deleted_at is null and s.category = a.category and s.effective_from_year <= a.fiscal_year
            and (s.deputy_level is null or s.deputy_level = case r0.level when 'COUNTY' then 'COUNTY' when 'TOWNSHIP' then 'TOWNSHIP' when 'CITY' then 'MUNICIPAL' else 'PROVINCIAL' end)
          order by chain.depth, s.effective_from_year desc, s.deputy_level nulls last limit 1), false) as expected
        from funding_allocation a join region r0 on r0.id = a.region_id left join region r1 on r1.id = r0.parent_id
          left join region r2 on r2.id = r1.parent_id left join region r3 on r3.id = r2.parent_id) checked
        where below_standard <> expected`,
    };
    for (const [rule, query] of Object.entries(violations)) {
      const { rows } = await owner.query(query, query.includes('$1') ? [demoReferenceDate] : []);
      expect(Number(Object.values(rows[0])[0]), rule).toBe(0);
    }
  });

  it("tells 镇平县's cases step by step as the workflow writes them, the records agreeing with their histories", async () => {
    type Step = { step: SuggestionStep; from: SuggestionStatus; to: SuggestionStatus; on: string; due: string | null; handling: string | null; organisation: string | null; actor: string };
    type Case = {
      id: string;
      status: SuggestionStatus;
      submitted: string;
      assigned: string | null;
      answered: string | null;
      closed: string | null;
      due: string | null;
      reopened: boolean;
      closedDissatisfied: boolean;
      lead: string | null;
      leadUnit: string | null;
      steps: Step[] | null;
      letters: string[] | null;
    };
    const { rows } = await owner.query<Case>(
      `select s.id::text as id, s.status, s.submitted_on::text as submitted, s.assigned_on::text as assigned, s.answered_on::text as answered, s.closed_on::text as closed,
         s.answer_due_on::text as due, s.reopened, s.closed_dissatisfied as "closedDissatisfied", h.id::text as lead, h.organisation_id::text as "leadUnit",
         (select json_agg(json_build_object('step', t.step, 'from', t.from_status, 'to', t.to_status, 'on', t.occurred_on::text, 'due', t.due_on::text,
            'handling', t.handling_id::text, 'organisation', t.organisation_id::text, 'actor', t.actor_name) order by t.id) from suggestion_transition t where t.suggestion_id = s.id) as steps,
         (select json_agg(a.file_name order by a.id) from attachment a where a.suggestion_id = s.id) as letters
       from suggestion s join region r on r.id = s.region_id left join suggestion_handling h on h.suggestion_id = s.id and h.role = 'LEAD'
       where r.code = '411324'`,
    );
    // Every year's cases, most of them taken to their end.
    expect(rows.length).toBeGreaterThan(134);
    expect(rows.filter((row) => row.status === 'CLOSED').length / rows.length).toBeGreaterThan(0.8);
    const allowed = (step: Step) => suggestionWorkflow.some((transition) => transition.steps.includes(step.step) && transition.from.includes(step.from) && transition.to.includes(step.to));
    const told = { reopened: 0, closedDissatisfied: 0, letters: 0 };
    for (const row of rows) {
      const steps = row.steps ?? [];
      const label = `suggestion ${row.id} (${row.status})`;
      if (row.status === 'SUBMITTED') {
        expect(steps, label).toEqual([]);
        continue;
      }
      // A chain from SUBMITTED to the record's state (an assignment is one row per handling), each step the declared workflow's, in date order.
      const chain = steps.filter((step, index) => !(step.step === 'ASSIGN' && steps[index - 1]?.step === 'ASSIGN'));
      expect(chain[0].from, label).toBe('SUBMITTED');
      chain.forEach((step, index) => {
        expect(allowed(step), `${label}: ${step.step} ${step.from} → ${step.to}`).toBe(true);
        if (index > 0) expect([step.from, step.on >= chain[index - 1].on], `${label}: ${step.step}`).toEqual([chain[index - 1].to, true]);
      });
      expect(chain.at(-1)!.to, label).toBe(row.status);
      expect(steps.at(-1)!.on <= demoReferenceDate, label).toBe(true);
      // The record's fields are what its steps wrote.
      const last = (name: SuggestionStep) => steps.findLast((step) => step.step === name);
      expect(row.assigned, label).toBe(last('ASSIGN')?.on ?? null);
      expect(row.due, label).toBe(steps.findLast((step) => step.due)?.due ?? null);
      expect(row.answered, label).toBe(['ANSWERED', 'FEEDBACK', 'CLOSED'].includes(row.status) ? last('ANSWER')!.on : null);
      expect(row.closed, label).toBe(last('CLOSE')?.on ?? null);
      expect(row.reopened, label).toBe(Boolean(last('REOPEN')));
      expect(row.closedDissatisfied, label).toBe(last('CLOSE')?.from === 'ANSWERED');
      // The lead unit starts and answers, under its own name; each answer leaves its signed letter.
      for (const step of steps.filter((step) => step.step === 'START' || step.step === 'ANSWER')) {
        expect([step.handling, step.organisation, step.actor.includes('人大常委会办公室')], `${label}: ${step.step}`).toEqual([row.lead, row.leadUnit, false]);
      }
      const answers = steps.filter((step) => step.step === 'ANSWER');
      expect(row.letters ?? [], label).toEqual(answers.map((step) => expect.stringContaining(`（${step.on}）`)));
      told.reopened += Number(row.reopened);
      told.closedDissatisfied += Number(row.closedDissatisfied);
      told.letters += answers.length;
    }
    // The stories include the workflow's rarer turns: reopened cases, and cases closed dissatisfied after their second answer.
    expect(told.reopened).toBeGreaterThan(told.closedDissatisfied);
    expect(told.closedDissatisfied).toBeGreaterThan(0);
    expect(told.letters).toBeGreaterThan(100);
  });

  it("gives 吉县's term after its article the leadership its article describes of the term before: the same structure, other people", async () => {
    // The fixture checks the term sitting on the article's day (elected from 2016); the 2021 换届 elects its successor.
    const terms = [
      { gte: '2016-01-01', lte: '2021-08-31' },
      { gte: '2021-09-01', lte: demoReferenceDate },
    ];
    const elected = async (where: Record<string, unknown>) =>
      (
        await env.server.gql(`query($where: AppointmentFilter) { appointments(where: $where, limit: 100) { totalCount nodes { appointee { id } } } }`, {
          where: { action: { eq: 'ELECT' }, ...where },
        })
      ).data.appointments as { totalCount: number; nodes: { appointee: { id: string } }[] };
    const leaders: Set<string>[] = [];
    for (const decisionDate of terms) {
      const county = { region: { code: { eq: '141028' } }, decisionDate };
      const chairs = await elected({ ...county, positionTitle: { eq: '吉县人大常委会主任' } });
      const vices = await elected({ ...county, positionTitle: { eq: '吉县人大常委会副主任' } });
      const fullTime = await elected({ ...county, fullTime: { eq: true } });
      const townships = await elected({ region: { code: { startsWith: '141028' }, level: { eq: 'TOWNSHIP' } }, positionTitle: { contains: '人大主席' }, decisionDate });
      // The township chairs among the full-time members are this term's: none whose township had gone (东城乡's last chair in 2021).
      const chairsAmongFullTime = await elected({ ...county, fullTime: { eq: true }, appointee: { workplace: { contains: '人大主席' } } });
      expect(chairsAmongFullTime.nodes.map((node) => node.appointee.id).sort(), JSON.stringify(decisionDate)).toEqual(townships.nodes.map((node) => node.appointee.id).sort());
      // 东城乡 ended by 2021-10-31, before the 2021 换届 (2021-11-25): the term after elects chairs in the other seven.
      const chairsOfTownships = decisionDate === terms[0] ? 8 : 7;
      expect([chairs.totalCount, vices.totalCount, fullTime.totalCount, townships.totalCount], JSON.stringify(decisionDate)).toEqual([1, 4, 18, chairsOfTownships]);
      leaders.push(new Set([...chairs.nodes, ...vices.nodes, ...fullTime.nodes, ...townships.nodes].map((node) => node.appointee.id)));
    }
    expect([...leaders[1]].filter((person) => leaders[0].has(person))).toEqual([]);
    // Each term's township chairs hold county seats while it sits: on the article's day, and on the reference date.
    for (const [index, day] of ['2021-08-31', demoReferenceDate].entries()) {
      const { data } = await env.server.gql(`query($where: DeputyFilter) { deputies(where: $where, limit: 0) { totalCount } }`, {
        where: {
          level: { eq: 'COUNTY' },
          region: { code: { eq: '141028' } },
          electedOn: { lte: day },
          OR: [{ endedOn: { isNull: true } }, { endedOn: { gt: day } }],
          person: { appointments: { some: { positionTitle: { contains: '人大主席' }, decisionDate: terms[index] } } },
        },
      });
      expect(data.deputies.totalCount, day).toBe(index === 0 ? 8 : 7);
    }
  });

  it('numbers the terms as the articles do: 泾川县’s 2016 congress its 十八届, 朱店镇’s January 2021 session its 十八届', async () => {
    // Each term by the year its first deputies were elected (by-elections come later within the term).
    const terms = async (code: string, level: string) =>
      (
        await owner.query<{ term: number; year: number }>(
          `select d.term_number as term, extract(year from min(d.elected_on))::int as year from deputy d join region r on r.id = d.region_id
           where r.code = $1 and d.level = $2 group by 1 order by 1`,
          [code, level],
        )
      ).rows;
    expect(await terms('620821', 'COUNTY')).toEqual([
      { term: 18, year: 2016 },
      { term: 19, year: 2021 },
    ]);
    expect(await terms('620825102', 'TOWNSHIP')).toEqual([
      { term: 18, year: 2016 },
      { term: 19, year: 2021 },
    ]);
    const { rows } = await owner.query<{ congress_term: number }>(`select congress_term from region where code in ('620821', '620825102') order by code`);
    expect(rows.map((row) => row.congress_term)).toEqual([19, 19]);
  });

  it('makes counties differ, not uniform noise (平凉: deputies, station entry, satisfaction)', async () => {
    const counties = ['620802', '620821', '620822', '620823', '620825', '620826', '620881'];
    const count = async (root: string, type: string, where: unknown) =>
      (await env.server.gql(`query($where: ${type}Filter) { ${root}(where: $where, limit: 0) { totalCount } }`, { where })).data[root].totalCount as number;
    const entry: number[] = [];
    const satisfaction: number[] = [];
    const deputies: number[] = [];
    for (const code of counties) {
      const active = { status: { eq: 'ACTIVE' }, region: { code: { startsWith: code } } };
      deputies.push(await count('deputies', 'Deputy', active));
      entry.push((await count('deputies', 'Deputy', { ...active, participations: { some: { activity: { station: {}, heldOn: { gte: '2024-01-01' } } } } })) / deputies.at(-1)!);
      const cohort = { region: { code: { eq: code } } };
      const satisfied = await count('suggestions', 'Suggestion', { ...cohort, satisfaction: { eq: 'SATISFIED' } });
      satisfaction.push(satisfied / (await count('suggestions', 'Suggestion', { ...cohort, satisfaction: { isNull: false } })));
    }
    const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
    expect(new Set(deputies).size).toBe(counties.length);
    expect(spread(entry)).toBeGreaterThan(0.15);
    expect(spread(satisfaction)).toBeGreaterThan(0.05);
  });
});
