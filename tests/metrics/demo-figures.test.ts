/**
 * The published figures of DOMAIN.md come out of `compareRegions` on the demo data set (the same figures
 * tests/seeds/demo.test.ts checks through plain list queries), and 平凉市's seven counties compare.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoInto } from '../support/demo-database.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer(loadDemoInto);

/** The day each published figure holds on (its article's date), as the fixture dates it. */
const figures = (JSON.parse(readFileSync(new URL('../fixtures/published-figures.json', import.meta.url), 'utf8')) as { figures: { id: string; asOf: string }[] }).figures;
const asOf = (id: string): string => figures.find((figure) => figure.id === id)!.asOf;

const regionId = async (code: string): Promise<string> => {
  const response = await env.server.gql(`query($code: String!) { regions(where: { code: { eq: $code } }) { nodes { id } } }`, { code });
  return response.data.regions.nodes[0].id;
};

type Comparison = { metrics: string[]; rows: { region: { name: string; code: string }; values: (number | null)[] }[] };
const compare = async (metrics: string[], args: string, variables: Record<string, unknown>): Promise<Comparison> => {
  const response = await env.server.gql(
    `query($metrics: [String!]!, $regionIds: [ID!], $parentId: ID) {
      compareRegions(metrics: $metrics, regionIds: $regionIds, parentId: $parentId, ${args}) { metrics rows { region { name code } values } } }`,
    { metrics, ...variables },
  );
  expect(response.errors).toBeUndefined();
  return response.data.compareRegions;
};

describe('the published figures through compareRegions (demo data set)', () => {
  let zhenping: string;
  beforeAll(async () => {
    zhenping = await regionId('411324');
  });

  it('镇平县 from 2020 to its article: 134 motions and suggestions; answer and satisfaction rates above 95%, closure above 80%', async () => {
    const to = asOf('zhenping.suggestions');
    const answer = await compare(['answerRate', 'satisfactionRate', 'closureRate', 'suggestions'], `level: COUNTY, period: { from: "2020-01-01", to: "${to}" }`, {
      regionIds: [zhenping],
    });
    const [answerRate, satisfactionRate, closureRate, suggestions] = answer.rows[0].values as number[];
    expect(answer.rows[0].region.name).toBe('镇平县');
    // The article's 议案建议 counts motions too (the catalog's metric counts suggestions).
    const motions = await env.server.gql(`query($where: MotionFilter) { motions(where: $where, limit: 0) { totalCount } }`, {
      where: { region: { code: { startsWith: '411324' } }, submittedOn: { gte: '2020-01-01', lte: to } },
    });
    expect(suggestions + motions.data.motions.totalCount).toBe(134);
    expect(answerRate).toBeGreaterThan(0.95);
    expect(satisfactionRate).toBeGreaterThan(0.95);
    expect(closureRate).toBeGreaterThan(0.8);
  });

  it('镇平县 from 2019 to its article: 91% of deputies took part in station activities; 242 appointments', async () => {
    const to = asOf('zhenping.station-entry');
    expect(asOf('zhenping.appointments')).toBe(to);
    const answer = await compare(['stationEntryRate', 'appointments', 'oathCoverage'], `level: COUNTY, period: { from: "2019-01-01", to: "${to}" }`, {
      regionIds: [zhenping],
    });
    const [entry, appointments, oathCoverage] = answer.rows[0].values as number[];
    expect(Math.round(entry * 100)).toBe(91);
    expect(appointments).toBe(242);
    expect(oathCoverage).toBeGreaterThan(0);
  });

  it('吉县 2021: the oath coverage of DOMAIN.md’s definition — oaths ÷ appointments requiring one, its township congresses’ elections included', async () => {
    const year = { decisionDate: { gte: '2021-01-01', lte: '2021-12-31' }, region: { code: { startsWith: '141028' } }, action: { in: ['ELECT', 'APPOINT', 'DECIDE_APPOINT'] } };
    const count = async (query: string, where: unknown) => Object.values((await env.server.gql(query, { where })).data as Record<string, { totalCount: number }>)[0].totalCount;
    const requiring = await count(`query($where: AppointmentFilter) { appointments(where: $where, limit: 0) { totalCount } }`, year);
    const sworn = await count(`query($where: OathFilter) { oaths(where: $where, limit: 0) { totalCount } }`, { appointment: year });
    const answer = await compare(['oathCoverage'], 'level: COUNTY, years: [2021]', { regionIds: [await regionId('141028')] });
    // 9 of 10 before 东城乡 ended (by 2021-10-31): its congress elects no chair in the 2021 换届, one fewer of each.
    expect([sworn, requiring]).toEqual([8, 9]);
    expect(answer.rows[0].values[0]).toBeCloseTo(sworn / requiring, 6);
  });

  it('平凉市: its seven counties, by name, on every metric of the catalog', async () => {
    const catalog = await env.server.gql(`{ metricCatalog { key } }`);
    const keys = catalog.data.metricCatalog.map((metric: { key: string }) => metric.key);
    const answer = await compare(keys, 'level: COUNTY, years: [2024]', { parentId: await regionId('620800') });
    expect(answer.rows.map((row) => row.region.name)).toEqual(['崆峒区', '泾川县', '灵台县', '崇信县', '庄浪县', '静宁县', '华亭市']);
    for (const row of answer.rows) {
      expect(row.values).toHaveLength(keys.length);
      expect(row.values[keys.indexOf('deputies')]).toBeGreaterThan(0);
    }
  });
});
