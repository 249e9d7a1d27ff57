/**
 * Exports through POST /export: a nested list query as CSV (flattened columns, headers from the model's
 * labels, a byte-order mark) or JSON, masked like the API, and 100,000 rows streamed by keyset with the
 * server's memory flat.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

async function exportOf(cookie: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${env.server.url}/export`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
}

const nested = `{ deputies(where: { termNumber: { eq: 18 } }, limit: 1) { nodes { termNumber person { name idNumber } memberships { nodes { group { name } } } } } }`;

beforeAll(async () => {
  const gql = env.server.gql;
  const province = (await gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  const county = (await gql(`mutation { createRegion(input: { code: "620822", name: "灵台县", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
  const groups = [];
  for (const name of ['苹果产业代表小组', '中台镇代表小组']) {
    groups.push((await gql(`mutation { createDeputyGroup(input: { name: "${name}", kind: REGIONAL, regionId: "${county}" }) { id } }`)).data.createDeputyGroup.id);
  }
  for (const [index, name] of ['王秀兰', '李明, "老李"'].entries()) {
    const person = (await gql(`mutation ($name: String!) { createPerson(input: { name: $name, idNumber: "${['11010519491231002X', '620822198506151230'][index]}" }) { id } }`, { name })).data
      .createPerson.id;
    const deputy = (await gql(`mutation { createDeputy(input: { personId: "${person}", level: COUNTY, termNumber: 18, regionId: "${county}", electedOn: "2021-10-01" }) { id } }`)).data.createDeputy
      .id;
    for (const group of index === 0 ? groups : []) {
      await gql(`mutation { createGroupMembership(input: { deputyId: "${deputy}", groupId: "${group}", joinedOn: "2022-01-01" }) { id } }`);
    }
  }
});

describe('exports', () => {
  it('flatten a nested list query into CSV with the model’s Chinese labels, a byte-order mark, and every row', async () => {
    const admin = await env.server.as('ADMIN');
    const response = await exportOf(admin.cookie, { query: nested, format: 'csv', filename: '代表名单' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="____.csv"; filename*=UTF-8''${encodeURIComponent('代表名单.csv')}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines).toEqual([
      '届次,人员·姓名,人员·公民身份号码,所在小组·代表小组',
      '第十八届,王秀兰,11010519491231002X,苹果产业代表小组；中台镇代表小组',
      // The query's `limit: 1` is a page size for the API, not for the export: every matching row comes out.
      '第十八届,"李明, ""老李""",620822198506151230,',
      '',
    ]);
  });

  it('give JSON rows as the API gives nodes, and mask identifiers as the API does', async () => {
    const analyst = await env.server.as('ANALYST');
    const response = await exportOf(analyst.cookie, { query: nested, format: 'json' });
    const rows = (await response.json()) as { person: { name: string; idNumber: string } }[];
    expect(rows.map((row) => row.person)).toEqual([
      { name: '王秀兰', idNumber: '110105********002X' },
      { name: '李明, "老李"', idNumber: '620822********1230' },
    ]);
  });

  it("come out in the list's own order when the query gives one, every row past the first page (issue 18, defect 2)", async () => {
    const admin = await env.server.as('ADMIN');
    const owner = await env.database.superClient();
    try {
      await owner.query(`select set_config('crc.actor', '{"name":"system:test"}', false)`);
      await owner.query(`insert into person (name) select '排序' || lpad(g::text, 4, '0') from generate_series(1, 2500) g`);
    } finally {
      await owner.end();
    }
    const response = await exportOf(admin.cookie, {
      query: `query ($where: PersonFilter, $orderBy: [PersonOrderBy!]) { persons(where: $where, orderBy: $orderBy, limit: 25) { nodes { name } } }`,
      variables: { where: { name: { startsWith: '排序' } }, orderBy: [{ field: 'name', direction: 'DESC' }] },
      format: 'csv',
    });
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\r\n').filter(Boolean); // text() drops the byte-order mark
    expect(lines[0]).toBe('姓名');
    expect(lines.slice(1)).toEqual(Array.from({ length: 2500 }, (_, index) => `排序${String(2500 - index).padStart(4, '0')}`));
  });

  it('refuse what is not one list query, and anyone not signed in', async () => {
    const admin = await env.server.as('ADMIN');
    const twoRoots = await exportOf(admin.cookie, { query: '{ deputies { nodes { id } } persons { nodes { id } } }', format: 'csv' });
    expect(twoRoots.status).toBe(400);
    expect(((await twoRoots.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const anonymous = await fetch(`${env.server.url}/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: nested }) });
    expect(anonymous.status).toBe(401);
  });

  it('stream 100,000 rows by keyset with the server’s memory flat', async () => {
    const client = await env.database.superClient();
    try {
      // Straight into the table (the audit trigger off for the bulk, as the seeds do): the export is under test, not the insert.
      await client.query(`alter table person disable trigger crc_audit_person_insert`);
      await client.query(`insert into person (name) select '导出' || g from generate_series(1, 100000) g`);
      await client.query(`alter table person enable trigger crc_audit_person_insert`);
    } finally {
      await client.end();
    }
    const admin = await env.server.as('ADMIN');
    // The live heap (garbage collected first), sampled while the rows stream: a buffered export would hold them all.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc (vitest.config.ts)');
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const baseline = live();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 1000);
    const started = performance.now();
    const response = await exportOf(admin.cookie, { query: `{ persons(where: { name: { startsWith: "导出" } }) { nodes { id name createdAt updatedAt version } } }`, format: 'csv' });
    let lines = 0;
    let bytes = 0;
    let firstChunkAt = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      firstChunkAt ||= performance.now() - started;
      bytes += value.length;
      for (const byte of value) if (byte === 0x0a) lines += 1;
    }
    const total = performance.now() - started;
    clearInterval(sampler);
    expect(lines).toBe(100_001);
    const growth = (peak - baseline) / 1024 ** 2;
    console.log(
      `export of 100,000 rows: ${(bytes / 1024 ** 2).toFixed(1)} MiB in ${(total / 1000).toFixed(1)} s, first bytes after ${firstChunkAt.toFixed(0)} ms; live heap grew at most ${growth.toFixed(1)} MiB`,
    );
    // Streamed: the first page leaves long before the last is read (a third of the way, with room for a busy
    // machine: the first page also pays for warming up), and the live heap holds about one page.
    expect(firstChunkAt).toBeLessThan(total / 3);
    expect(growth).toBeLessThan(16);
  }, 120_000);
});
