/**
 * Faults on loopback, bounded in time: 50 concurrent updates of one record with the same version, every
 * application connection killed (idle and mid-transaction), and the pools exhausted by blocked queries —
 * the server survives, answers clearly, and recovers; nothing is half written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let regionId: string;

beforeAll(async () => {
  regionId = (await env.server.gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE, population: 1 }) { id } }`)).data.createRegion.id;
});

async function superQuery<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = await env.database.superClient();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('faults', () => {
  it('lets exactly one of 50 concurrent updates with the same version win; 49 get CONFLICT; one audit entry', async () => {
    const { version } = (await env.server.gql(`{ region(id: "${regionId}") { version } }`)).data.region;
    const before = (await superQuery(`select count(*)::int as n from audit_entry where entity = 'Region' and record_id = $1`, [regionId]))[0].n;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => env.server.gql(`mutation { updateRegion(id: "${regionId}", version: ${version}, input: { population: ${100 + index} }) { version } }`)),
    );
    const codes = answers.map((answer) => answer.errors?.[0].extensions.code ?? 'ok');
    expect(codes.filter((code) => code === 'ok')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(49);
    const after = (await superQuery(`select count(*)::int as n from audit_entry where entity = 'Region' and record_id = $1`, [regionId]))[0].n;
    expect(after - before).toBe(1);
  }, 60_000);

  it('survives every application connection being killed, idle and mid-transaction, and serves again', async () => {
    // A write in flight, held mid-transaction by a row lock, when the connections go.
    const holder = await env.database.superClient();
    await holder.query('begin');
    await holder.query(`select * from region where id = $1 for update`, [regionId]);
    const { version } = (await env.server.gql(`{ region(id: "${regionId}") { version } }`)).data.region;
    const inFlight = env.server.gql(`mutation { updateRegion(id: "${regionId}", version: ${version}, input: { name: "半途" }) { version } }`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killed = await superQuery<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and usename = 'crc_app'`);
    expect(killed[0].n).toBeGreaterThan(0);
    await holder.query('rollback');
    await holder.end();
    const interrupted = await inFlight;
    expect(interrupted.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(interrupted.errors?.[0].message).toBe('数据库暂时不可用，请稍后重试');
    // Nothing half written; the next requests are served (pools replace their dead connections).
    expect((await superQuery(`select name from region where id = $1`, [regionId]))[0].name).toBe('甘肃省');
    const deadline = Date.now() + 10_000;
    let served = false;
    while (!served && Date.now() < deadline) served = !(await env.server.gql(`{ region(id: "${regionId}") { name } }`)).errors;
    expect(served).toBe(true);
    expect((await fetch(`${env.server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('answers SERVICE_UNAVAILABLE within seconds when the pool is exhausted by blocked queries, and recovers', async () => {
    const blocker = await env.database.superClient();
    await blocker.query('begin');
    await blocker.query('lock table person in access exclusive mode');
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 14 }, () => env.server.gql(`{ persons(limit: 1) { totalCount } }`)));
    const seconds = (Date.now() - started) / 1000;
    await blocker.query('rollback');
    await blocker.end();
    expect(answers.every((answer) => answer.errors?.[0].extensions.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(seconds).toBeLessThan(12);
    expect((await env.server.gql(`{ persons(limit: 1) { totalCount } }`)).errors).toBeUndefined();
  }, 60_000);
});
