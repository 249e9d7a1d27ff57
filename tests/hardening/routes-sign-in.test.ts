/**
 * Every route beside GraphQL hears who is asking before it reads anything (server/http/route-errors.ts
 * `signedInFirst`): each route the import and attachment routers declare — enumerated from the routers
 * themselves, so a route added later is covered too — and /graphql and the exports, asked without a session,
 * answer 401 UNAUTHENTICATED in both languages, an oversize body included (a 413 would mean it was read first);
 * and the same routes asked with a session are not refused for it (the positive counterpart). A JSON body too
 * large or not JSON is refused in words, as JSON, not as Express's HTML page.
 */
import type express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentRoutes } from '../../server/attachments/attachment.routes.js';
import { defaultAttachmentLimits } from '../../server/attachments/attachment-limits.js';
import type { Context } from '../../server/graphql/context.js';
import { importRoutes } from '../../server/import/import.routes.js';
import type { ImportJobs } from '../../server/import/import-jobs.js';
import { defaultSheetLimits } from '../../server/import/read-sheet.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

type Route = { method: string; path: string };

/** The routes a router declares, its path parameters filled with a record id (or an entity's name). */
function declared(mount: string, router: express.Router): Route[] {
  const stack = (router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack;
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method: method.toUpperCase(),
          path: `${mount}${layer.route!.path === '/' ? '' : layer.route!.path.replace(':entity', 'Deputy').replace(/:[a-z]+/gi, '1')}`,
        }))
      : [],
  );
}

const unused = async (): Promise<Context> => {
  throw new Error('not called: the routes are only listed');
};
const routes: Route[] = [
  ...declared('/import', importRoutes(unused, {} as ImportJobs, defaultSheetLimits)),
  ...declared('/attachments', attachmentRoutes(unused, defaultAttachmentLimits)),
  { method: 'POST', path: '/graphql' },
  { method: 'POST', path: '/export' },
  { method: 'POST', path: '/export/table' },
];

let database: TestDatabase;
let server: TestServer;
/** Larger than every route's body limit (1 MB GraphQL, 4 MB table export, the import's and attachments' limits). */
const oversize = Buffer.alloc(Math.max(defaultSheetLimits.maxBytes, defaultAttachmentLimits.maxBytes) + 1024, 0x20);

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  await server.db.whenConnected();
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const ask = (route: Route, headers: Record<string, string>, body?: Buffer) =>
  fetch(`${server.url}${route.path}`, {
    method: route.method,
    headers: { 'content-type': 'application/json', 'x-filename': 'a.pdf', ...headers },
    body: route.method === 'GET' ? undefined : (body ?? Buffer.from('{}')),
  });

describe('the routes beside GraphQL', () => {
  it('are found in the routers (the list is not empty or stale)', () => {
    expect(routes.filter((route) => route.path.startsWith('/import')).length).toBeGreaterThanOrEqual(7);
    expect(routes.filter((route) => route.path.startsWith('/attachments')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s: nobody signed in is refused 401 before a body is read', async (_name, route) => {
    for (const [cookie, language, message] of [
      [undefined, 'zh-CN', /登录/],
      ['crc_session=forged', 'en', /sign in/i],
    ] as const) {
      const response = await ask(route, { 'accept-language': language, ...(cookie ? { cookie } : {}) }, route.method === 'GET' ? undefined : oversize);
      const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
      expect([response.status, body.errors?.[0].extensions.code], `${route.method} ${route.path}`).toEqual([401, 'UNAUTHENTICATED']);
      expect(body.errors?.[0].message).toMatch(message);
    }
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s: someone signed in is heard (refused, if at all, for another reason)', async (_name, route) => {
    const { cookie } = await server.as('ADMIN');
    const response = await ask(route, { cookie });
    expect(response.status, `${route.method} ${route.path}`).not.toBe(401);
  });
});

describe('the JSON routes’ bodies', () => {
  const jsonRoutes = routes.filter((route) => route.path === '/graphql' || route.path.startsWith('/export'));
  it.each(jsonRoutes.map((route) => [route.path, route] as const))('%s: a body too large is 413 and one not JSON 400, in words, as JSON', async (_path, route) => {
    const { cookie } = await server.as('ADMIN');
    const large = await ask(route, { cookie, 'accept-language': 'en' }, Buffer.from(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(5 * 1_048_576) })));
    expect(large.status).toBe(413);
    expect(((await large.json()) as any).errors[0]).toMatchObject({
      message: expect.stringMatching(/may not be larger than \d+ MB/),
      extensions: { code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE' },
    });
    const broken = await ask(route, { cookie }, Buffer.from('{"query": '));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0]).toMatchObject({ message: '请求体不是有效的 JSON', extensions: { code: 'BAD_REQUEST', messages: { en: 'The request body is not valid JSON' } } });
  });
});
