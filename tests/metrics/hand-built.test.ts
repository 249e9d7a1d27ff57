/**
 * Every metric of the catalog on a tiny data set whose expected values are worked out by hand below (not
 * by running the catalog's SQL): a city 990100 over two counties, county A (990101) with townships A1
 * and A2, county B (990102). Values come to six decimal places. Includes a zero denominator (B has no station, A2 has no seat), a parent
 * over two children of different sizes, and a seat that ends mid-year (d2, 2023-06-30).
 *
 *   seats   region  holder                       elected     ended       composition  station assignment
 *   d1      A       p1 女 汉 1970-06-01            2021-01-01  —           FARMER       s2 since 2021-02-01
 *   d2      A       p2 男 回 1980-01-01            2021-01-01  2023-06-30  OTHER        —
 *   d3      A1      p3 男 汉 1990-12-31            2022-03-01  —           WORKER       s1 2022-06-01 → 2023-03-01
 *   d4      A1      p4 女 汉 (no birth date)       2023-02-01  —           OFFICIAL     —
 *   d5      B       p5 男 汉 1975-07-01            2021-01-01  —           OTHER        —
 *
 *   handlings  suggestion  region  assigned    due         answered
 *   h1         s1          A       2023-03-10  2023-06-10  2023-05-01   on time
 *   h2         s2          A       2023-04-05  2023-05-31  2023-06-01   a day late
 *   h3         s2          A       2023-04-05  2023-11-30  2024-01-10   late on 31 December 2023, answered late in 2024
 *   h4         s4          A1      2023-06-05  2023-09-05  2023-08-01   on time
 *   h5         s4          A1      2023-06-05  2023-09-05  —            late ever since
 *
 *   days overdue on 31 December 2023: h3 31 (1 December to 31 December), h5 117 (25 + 31 + 30 + 31)
 */
import pg from 'pg';
import { actAsTest } from '../support/test-cluster.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricCatalog } from '../../server/metrics/catalog.js';
import { useTestServer } from '../support/test-server.js';

const fill = `
insert into region (id, code, name, kind, level, parent_id) values
  (9100, '990100', '样例市', 'CITY', 'CITY', null),
  (9101, '990101', '甲县', 'COUNTY', 'COUNTY', 9100),
  (9102, '990102', '乙县', 'COUNTY', 'COUNTY', 9100),
  (9111, '990101001', '甲一镇', 'TOWN', 'TOWNSHIP', 9101),
  (9112, '990101002', '甲二镇', 'TOWN', 'TOWNSHIP', 9101);
insert into person (id, name, gender, ethnicity, birth_date) values
  (9201, '李一', 'FEMALE', 'HAN', '1970-06-01'), (9202, '马二', 'MALE', 'HUI', '1980-01-01'),
  (9203, '张三', 'MALE', 'HAN', '1990-12-31'), (9204, '王四', 'FEMALE', 'HAN', null), (9205, '赵五', 'MALE', 'HAN', '1975-07-01');
insert into deputy (id, person_id, level, term_number, region_id, composition, elected_on, status, ended_on) values
  (9301, 9201, 'COUNTY', 18, 9101, 'FARMER', '2021-01-01', 'ACTIVE', null),
  (9302, 9202, 'COUNTY', 18, 9101, 'OTHER', '2021-01-01', 'RESIGNED', '2023-06-30'),
  (9303, 9203, 'TOWNSHIP', 18, 9111, 'WORKER', '2022-03-01', 'ACTIVE', null),
  (9304, 9204, 'TOWNSHIP', 18, 9111, 'OFFICIAL', '2023-02-01', 'ACTIVE', null),
  (9305, 9205, 'COUNTY', 18, 9102, 'OTHER', '2021-01-01', 'ACTIVE', null);
insert into liaison_station (id, name, kind, region_id, established_on) values
  (9401, '甲一站', 'STATION', 9111, '2022-05-01'), (9402, '甲县代表之家', 'HOME', 9101, null);
insert into station_assignment (deputy_id, station_id, starts_on, ends_on) values
  (9301, 9402, '2021-02-01', null), (9303, 9401, '2022-06-01', '2023-03-01');
insert into activity (id, kind, title, held_on, region_id, station_id, voters_received) values
  (9501, 'VOTER_RECEPTION', '接待日', '2023-04-01', 9111, 9401, 30),
  (9502, 'RESEARCH', '调研', '2023-05-01', 9101, null, 20),
  (9503, 'VOTER_RECEPTION', '接待日', '2022-09-01', 9101, 9402, 10);
insert into activity_participant (activity_id, deputy_id) values (9501, 9301), (9501, 9303), (9502, 9304), (9502, 9301), (9503, 9302);
insert into deputy_group (name, kind, region_id, founded_on, dissolved_on, active) values
  ('甲县地域小组', 'REGIONAL', 9101, '2020-01-01', null, true),
  ('甲一功能小组', 'FUNCTIONAL', 9111, '2020-01-01', '2022-06-30', false),
  ('乙县专业小组', 'PROFESSIONAL', 9102, '2024-01-01', null, true);
insert into funding_allocation (fiscal_year, region_id, category, budgeted, disbursed, headcount) values
  (2023, 9101, 'DEPUTY_ACTIVITY', 8000.00, 6000.00, 10),
  (2023, 9111, 'HOME_OPERATION', 2000.00, 2000.00, null);
insert into suggestion (id, number, title, region_id, submitted_on, assigned_on, answered_on, closed_on, status, satisfaction) values
  (9801, '1', '建议一', 9101, '2023-03-01', '2023-03-10', '2023-05-01', '2023-06-01', 'CLOSED', 'SATISFIED'),
  (9802, '2', '建议二', 9101, '2023-04-01', '2023-04-05', '2023-06-01', null, 'ANSWERED', null),
  (9803, '3', '建议三', 9101, '2023-05-01', null, null, null, 'SUBMITTED', null),
  (9804, '4', '建议四', 9111, '2023-06-01', '2023-06-05', '2023-08-01', null, 'FEEDBACK', 'DISSATISFIED');
insert into organisation (id, name, kind, region_id) values (9851, '甲县农业农村局', 'GOVERNMENT_DEPT', 9101), (9852, '甲县交通运输局', 'GOVERNMENT_DEPT', 9101);
insert into suggestion_handling (suggestion_id, organisation_id, role, assigned_on, due_on, answered_on) values
  (9801, 9851, 'LEAD', '2023-03-10', '2023-06-10', '2023-05-01'),
  (9802, 9851, 'LEAD', '2023-04-05', '2023-05-31', '2023-06-01'),
  (9802, 9852, 'CO_HANDLER', '2023-04-05', '2023-11-30', '2024-01-10'),
  (9804, 9851, 'LEAD', '2023-06-05', '2023-09-05', '2023-08-01'),
  (9804, 9852, 'CO_HANDLER', '2023-06-05', '2023-09-05', null);
insert into appointment (id, appointee_id, action, position_title, region_id, decision_date, exam_taken, exam_passed) values
  (9601, 9201, 'ELECT', '副主任', 9101, '2023-01-10', true, true),
  (9602, 9202, 'APPOINT', '局长', 9101, '2023-02-01', true, false),
  (9603, 9203, 'REMOVE', '局长', 9101, '2023-03-01', false, false),
  (9604, 9203, 'ELECT', '甲一镇人大主席', 9111, '2023-01-05', false, false);
insert into oath (appointment_id, sworn_on, form) values (9601, '2023-01-10', 'INDIVIDUAL'), (9604, '2023-01-05', 'COLLECTIVE');
insert into training (id, title, starts_on, organiser_region_id) values (9701, '履职培训班', '2023-09-01', 9101);
insert into training_participant (training_id, person_id) values (9701, 9203), (9701, 9205);
`;

const env = useTestServer(async (database) => {
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    await actAsTest(client);
    await client.query(fill);
  } finally {
    await client.end();
  }
});

const keys = metricCatalog.map((metric) => metric.key);
type Row = { region: { code: string } | null; year: number | null; values: (number | null)[] };
type Answer = { compareRegions: { metrics: string[]; rows: Row[]; medians: Row[]; parents: Row[] } };

const compare = async (variables: Record<string, unknown>) => {
  const response = await env.server.gql<Answer>(
    `query($metrics: [String!]!, $level: RegionLevel!, $parentId: ID, $regionIds: [ID!], $years: [Int!], $period: PeriodInput) {
      compareRegions(metrics: $metrics, level: $level, parentId: $parentId, regionIds: $regionIds, years: $years, period: $period) {
        metrics rows { region { code } year values } medians { region { code } year values } parents { region { code } year values } } }`,
    { metrics: keys, ...variables },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.compareRegions;
};

/** The row's values by metric key. */
const byKey = (row: Row | undefined) => Object.fromEntries(keys.map((key, index) => [key, row?.values[index]]));

/** What each metric must be at the end of 2023, worked out by hand from the table above. */
const expected2023: Record<string, Record<string, number | null>> = {
  '990101': {
    deputies: 3, // d1, d3, d4 (d2 ended mid-year)
    stations: 2, // s1 (A1), s2 (A)
    deputiesPerStation: 1.5,
    assignmentRate: 1 / 3, // d1 (d3's assignment ended 2023-03-01)
    stationEntryRate: 2 / 3, // d1 and d3 at s1 on 2023-04-01; d4 only at a meeting outside a station
    activitiesPerDeputy: 4 / 3, // d1 ×2, d3, d4
    votersReceived: 50, // 30 + 20 (the 2022 reception is not in 2023)
    groupsRegional: 1,
    groupsProfessional: 0,
    groupsFunctional: 0, // A1's functional group was dissolved on 2022-06-30
    fundingPerDeputy: 800, // 8000 / 10
    fundingExecutionRate: 0.8, // (6000 + 2000) / (8000 + 2000)
    suggestions: 4,
    answerRate: 1, // 3 answered of 3 assigned
    satisfactionRate: 0.5, // s1 satisfied, s4 dissatisfied
    closureRate: 1 / 3,
    onTimeAnswerRate: 2 / 3, // h1, h4 by their due dates; h2 a day late (h3 answered in 2024)
    overdue: 2, // h3 and h5 on 31 December
    daysOverdue: 74, // (31 + 117) / 2: h3 due 30 November, h5 due 5 September, on 31 December
    appointments: 3, // a township congress electing its chair (a4) is not a standing committee's 任免
    oathCoverage: 2 / 3, // a1 and a4 (the township's chair) sworn; a2 not; a3 (a removal) takes none
    examPassRate: 0.5,
    trainingCoverage: 1 / 3, // d3's holder
    femaleShare: 2 / 3, // d1, d4
    minorityShare: 0, // d2 (回族) ended
    frontlineShare: 2 / 3, // d1 farmer, d3 worker
    averageAge: 43, // (53 + 33) / 2; d4 has no birth date
  },
  '990102': {
    deputies: 1,
    stations: 0,
    deputiesPerStation: null, // zero stations: no data
    assignmentRate: 0,
    stationEntryRate: 0,
    activitiesPerDeputy: 0,
    votersReceived: 0,
    groupsRegional: 0,
    groupsProfessional: 0, // founded 2024
    groupsFunctional: 0,
    fundingPerDeputy: null,
    fundingExecutionRate: null,
    suggestions: 0,
    answerRate: null,
    satisfactionRate: null,
    closureRate: null,
    onTimeAnswerRate: null,
    overdue: 0,
    daysOverdue: null, // nothing overdue: no data, not 0
    appointments: 0,
    oathCoverage: null,
    examPassRate: null,
    trainingCoverage: 1,
    femaleShare: 0,
    minorityShare: 0,
    frontlineShare: 0,
    averageAge: 48,
  },
  // The city: its summed numerators over its summed denominators, not the mean of the counties' rates.
  '990100': {
    deputies: 4,
    stations: 2,
    deputiesPerStation: 2,
    assignmentRate: 1 / 4,
    stationEntryRate: 2 / 4,
    activitiesPerDeputy: 4 / 4,
    votersReceived: 50,
    groupsRegional: 1,
    groupsProfessional: 0,
    groupsFunctional: 0,
    fundingPerDeputy: 800,
    fundingExecutionRate: 0.8,
    suggestions: 4,
    answerRate: 1,
    satisfactionRate: 0.5,
    closureRate: 1 / 3,
    onTimeAnswerRate: 2 / 3,
    overdue: 2,
    daysOverdue: 74,
    appointments: 3,
    oathCoverage: 2 / 3,
    examPassRate: 0.5,
    trainingCoverage: 2 / 4,
    femaleShare: 2 / 4,
    minorityShare: 0,
    frontlineShare: 2 / 4,
    averageAge: (53 + 33 + 48) / 3,
  },
};

const expectValues = (actual: Record<string, number | null | undefined>, expected: Record<string, number | null>) => {
  for (const [key, value] of Object.entries(expected)) {
    if (value === null) expect(actual[key], key).toBeNull();
    else expect(actual[key], key).toBeCloseTo(value, 6);
  }
};

describe('every metric on a hand-built data set', () => {
  let answer: Answer['compareRegions'];
  beforeAll(async () => {
    answer = await compare({ level: 'COUNTY', parentId: '9100', years: [2023] });
  });

  it('compares the counties under the city, in code order, values aligned with the metrics asked', () => {
    expect(answer.metrics).toEqual(keys);
    expect(answer.rows.map((row) => [row.region?.code, row.year])).toEqual([
      ['990101', 2023],
      ['990102', 2023],
    ]);
    expect(answer.rows.every((row) => row.values.length === keys.length)).toBe(true);
  });

  it('gives county A its hand-worked values', () => expectValues(byKey(answer.rows[0]), expected2023['990101']));
  it('gives county B its values, null where the denominator is zero', () => expectValues(byKey(answer.rows[1]), expected2023['990102']));
  it('gives the parent its summed numerators over summed denominators', () => {
    expect(answer.parents.map((row) => row.region?.code)).toEqual(['990100']);
    expectValues(byKey(answer.parents[0]), expected2023['990100']);
  });

  it('gives the group median of each metric (ignoring no-data counties)', () => {
    const medians = byKey(answer.medians[0]);
    expect(answer.medians[0].region).toBeNull();
    expect(medians.deputies).toBeCloseTo(2, 6); // median of 3 and 1
    expect(medians.femaleShare).toBeCloseTo(1 / 3, 5); // of 2/3 and 0 (the median of values rounded to 6 places)
    expect(medians.deputiesPerStation).toBeCloseTo(1.5, 6); // B has no data
  });

  it('counts a seat that ended mid-year in the year before but not at the end of its last year', async () => {
    const years = await compare({ level: 'COUNTY', regionIds: ['9101'], years: [2022, 2023] });
    const [y2022, y2023] = years.rows.map(byKey);
    expect(y2022.deputies).toBe(3); // d1, d2, d3
    expect(y2022.minorityShare).toBeCloseTo(1 / 3, 6); // d2 still active
    expect(y2022.assignmentRate).toBeCloseTo(2 / 3, 6); // d1 and d3
    expect(y2023.deputies).toBe(3); // d1, d3, d4
    // 2022: d2's one, over d1, d2, d3; 2023: d1 ×2, d3, d4 over d1, d3, d4.
    expect(y2022.activitiesPerDeputy).toBeCloseTo(1 / 3, 6);
    expect(y2023.activitiesPerDeputy).toBeCloseTo(4 / 3, 6);
  });

  it('counts a group in the years it existed: founded by the year’s end and not yet dissolved', async () => {
    const years = await compare({ level: 'COUNTY', regionIds: ['9101'], years: [2019, 2020, 2021, 2022, 2023] });
    expect(years.rows.map((row) => byKey(row).groupsFunctional)).toEqual([0, 1, 1, 0, 0]); // founded 2020-01-01, dissolved 2022-06-30
    expect(years.rows.map((row) => byKey(row).groupsRegional)).toEqual([0, 1, 1, 1, 1]);
  });

  it('answers on time by the answer’s year, and counts what is late at each year’s end', async () => {
    const years = await compare({ level: 'COUNTY', regionIds: ['9101'], years: [2022, 2023, 2024] });
    const [y2022, y2023, y2024] = years.rows.map(byKey);
    expect(y2022.onTimeAnswerRate).toBeNull(); // nothing answered
    expect(y2022.overdue).toBe(0);
    expect(y2023.overdue).toBe(2); // h3, h5
    expect(y2024.onTimeAnswerRate).toBe(0); // h3, late
    expect(y2024.overdue).toBe(1); // h5; h3 answered
    expect(y2022.daysOverdue).toBeNull();
    expect(y2023.daysOverdue).toBe(74);
    expect(y2024.daysOverdue).toBe(483); // h5 alone: 2023-09-05 to 2024-12-31 (2024 a leap year), h3 answered in January
    const towns = await compare({ level: 'TOWNSHIP', parentId: '9101', years: [2023] });
    expectValues(byKey(towns.rows[0]), { onTimeAnswerRate: 1, overdue: 1, daysOverdue: 117 }); // A1: h4 on time, h5 late
    expectValues(byKey(towns.rows[1]), { overdue: 0, daysOverdue: null }); // A2: none
  });
  it('keeps each handling’s answeredLate from its dates, for the per-unit report to filter on (h2, h3 late; h1, h4 on time; h5 unanswered)', async () => {
    const count = async (where: unknown) =>
      (await env.server.gql(`query($where: SuggestionHandlingFilter) { suggestionHandlings(where: $where, limit: 0) { totalCount } }`, { where })).data.suggestionHandlings.totalCount;
    expect([await count({ answeredLate: { eq: true } }), await count({ answeredLate: { eq: false } }), await count({ answeredLate: { isNull: true } })]).toEqual([2, 2, 1]);
  });

  it('drills down to the townships of a county with the same metrics (one with no seats: no data)', async () => {
    const towns = await compare({ level: 'TOWNSHIP', parentId: '9101', years: [2023] });
    expect(towns.rows.map((row) => row.region?.code)).toEqual(['990101001', '990101002']);
    const [a1, a2] = towns.rows.map(byKey);
    expect(a1.deputies).toBe(2);
    expect(a1.femaleShare).toBeCloseTo(0.5, 6);
    expect(a2.deputies).toBe(0);
    expect(a2.femaleShare).toBeNull();
    expect(a2.averageAge).toBeNull();
    expectValues(byKey(towns.parents[0]), { deputies: 3, femaleShare: 2 / 3 });
  });

  it('sums flows and takes stocks at the end over a period of whole years (read from the facts)', async () => {
    const period = await compare({ level: 'COUNTY', regionIds: ['9101'], period: { from: '2022-01-01', to: '2023-12-31' } });
    const a = byKey(period.rows[0]);
    expect(period.rows[0].year).toBeNull();
    expect(a.votersReceived).toBe(60); // 30 + 20 + 10
    expect(a.deputies).toBe(3); // at the period's end
    expect(a.stationEntryRate).toBeCloseTo(2 / 3, 6); // d1, d3 of the seats active at the end; d2 entered but ended
    // 4 in 2023 by the seats at the end; d2's of 2022 counts in neither numerator nor denominator (its seat ended in 2023).
    expect(a.activitiesPerDeputy).toBeCloseTo(4 / 3, 6);
  });

  it('computes a period that is not whole years from the records', async () => {
    const spring = await compare({ level: 'COUNTY', regionIds: ['9101'], period: { from: '2023-04-01', to: '2023-04-30' } });
    const a = byKey(spring.rows[0]);
    expect(a.votersReceived).toBe(30);
    expect(a.suggestions).toBe(1); // s2, submitted 2023-04-01
    expect(a.deputies).toBe(4); // on 2023-04-30 d2 still sits: d1, d2, d3, d4
  });

  it('computes years outside the facts from the records, with the same definitions', async () => {
    const old = await compare({ level: 'COUNTY', regionIds: ['9101'], years: [2000] });
    expect(byKey(old.rows[0]).deputies).toBe(0);
    expect(byKey(old.rows[0]).femaleShare).toBeNull();
  });
});

describe('aggregates by region level (what the chart builder draws)', () => {
  it('rolls township records up to their county, by year, with sums', async () => {
    const response = await env.server.gql(`{ activitiesAggregate(groupBy: [{ field: region, level: COUNTY }, { field: heldOn, part: YEAR }]) {
      key { field value label } count sum { votersReceived } } }`);
    expect(response.errors).toBeUndefined();
    const rows = response.data.activitiesAggregate.map((row: any) => [row.key[0].label, row.key[1].value, row.count, row.sum.votersReceived]);
    // 9503 (甲县, 2022, 10); 9501 (甲一镇 → 甲县, 2023, 30) and 9502 (甲县, 2023, 20)
    expect(rows).toEqual([
      ['甲县', '2022', 1, 10],
      ['甲县', '2023', 2, 50],
    ]);
  });

  it('refuses a level on a field that does not point into the region tree', async () => {
    const response = await env.server.gql(`{ activitiesAggregate(groupBy: [{ field: kind, level: COUNTY }]) { count } }`);
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('只有指向区划的字段可以按层级汇总');
  });

  it('refuses an unknown metric clearly, in the request’s language, with the request id (an operation of comparisons alone, answered as text otherwise)', async () => {
    const query = `{ compareRegions(metrics: ["deputies", "noSuchMetric"], level: COUNTY, years: [2023]) { rows { values } } }`;
    const zh = await env.server.gql(query);
    expect(zh.errors?.[0]).toMatchObject({ message: '未知的指标：noSuchMetric', extensions: { code: 'BAD_USER_INPUT', field: 'metrics' } });
    expect(zh.errors?.[0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const en = await env.server.gql(query, {}, { 'accept-language': 'en' });
    expect(en.errors?.[0].message).toBe('Unknown metric: noSuchMetric');
  });
});
