/**
 * Analysts' queries run on their own pool with a shorter statement timeout (a timed-out query is a clear
 * BAD_USER_INPUT, and staff are unaffected), and requests per minute are limited per user and per IP
 * with 429 RATE_LIMITED, leaving everyone else alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, {
    trustProxy: 'loopback',
    rateLimit: { perUser: 5, perIp: 12, heavyPerUser: 0 },
    database: { statementTimeoutMs: 15_000, analystStatementTimeoutMs: 1, analystConnections: 2, heavyStatementTimeoutMs: 15_000, heavyConnections: 2 },
  });
  await server.db.whenConnected();
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const query = `{ regions(limit: 5) { totalCount nodes { code } } }`;

describe('pools and rates', () => {
  it('stops an analyst’s query at the analysts’ statement timeout, clearly, while staff read on', async () => {
    const analyst = await server.as('ANALYST');
    const slow = await analyst(query, {}, { 'x-forwarded-for': '10.1.0.1' });
    expect(slow.errors?.[0]).toMatchObject({ message: '查询运行时间超过上限，已被终止：请缩小范围或减少嵌套', extensions: { code: 'BAD_USER_INPUT', limit: 'time' } });
    const admin = await server.as('ADMIN');
    const fine = await admin(query, {}, { 'x-forwarded-for': '10.1.0.2' });
    expect(fine.errors).toBeUndefined();
  });

  it('answers 429 RATE_LIMITED past a user’s requests per minute, for that user only', async () => {
    const leader = await server.as('LEADER');
    const another = await server.as('ADMIN', null);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await leader(query, {}, { 'x-forwarded-for': `10.2.0.${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await leader(query, {}, { 'x-forwarded-for': '10.2.0.9' });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]).toMatchObject({ message: '请求过于频繁，请稍后再试', extensions: { code: 'RATE_LIMITED' } });
    expect((await another(query, {}, { 'x-forwarded-for': '10.2.1.1' })).status).not.toBe(429);
  });

  it('limits one address, whoever signs in from it, and not the others', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await server.anonymous(query, {}, { 'x-forwarded-for': '10.3.0.1' })).status);
    expect(statuses.slice(0, 12).every((status) => status === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
    expect((await server.anonymous(query, {}, { 'x-forwarded-for': '10.3.0.2' })).status).toBe(401);
  });
});
