/**
 * `npm run smoke:prod`: proves the Docker image's build and start steps natively, without a Docker engine.
 *
 *   (a) `npm run build`, the command the Dockerfile's build stage runs;
 *   (b) a separate throwaway PostgreSQL 17 (never the developer's .data) playing the compose `postgres`
 *       service, with the roles and database created as server/db/initdb/10-crc-roles.sh does;
 *   (c) `node <npm start's options> dist/main.js`, the image's CMD, with NODE_ENV=production and the two database URLs;
 *   (d) /readyz, /healthz, a GraphQL query and the console's HTML;
 *   (e) SIGTERM, then exit code 0;
 *   (f) everything stopped and removed, pass or fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EmbeddedCluster, freePort } from '../../server/db/embedded-cluster.js';
import { appRoleName, databaseName, ensureRolesAndDatabase, ownerRoleName, type RolePasswords } from '../../server/db/roles.js';
import { productionNodeArgs } from '../support/server-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readyTimeoutMs = 60_000;
const exitTimeoutMs = 30_000;
const consoleTitle = '人大履职数据台';

const started = Date.now();
const say = (line: string) => console.log(`smoke:prod ${line}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

class SmokeFailure extends Error {}
function fail(reason: string): never {
  throw new SmokeFailure(reason);
}

/**
 * Ctrl-C or a SIGTERM to this script aborts the current step, so the cleanup in `finally` still runs.
 * The listeners stay: a second signal (npm and tsx relay one too) must not kill the script mid-cleanup.
 */
const aborted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!aborted.signal.aborted) aborted.abort(new SmokeFailure(`interrupted by ${signal}`));
  });
}
function abortable<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (aborted.signal.aborted) return reject(aborted.signal.reason);
    const onAbort = () => reject(aborted.signal.reason);
    aborted.signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => aborted.signal.removeEventListener('abort', onAbort));
  });
}
const sleep = (ms: number) => abortable(new Promise<void>((resolve) => setTimeout(resolve, ms)));

/** Forwards each line of a child's output, prefixed, as it comes (for diagnosis when a step fails). */
function forward(stream: Readable | null, prefix: string, sink: (line: string) => void) {
  if (!stream) return;
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => sink(`${prefix}${line}`));
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };
function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', reject);
  });
}
const describeExit = ({ code, signal }: Exit) => (signal ? `signal ${signal}` : `code ${code}`);

/** (a) The build stage's command. Its output is shown only if it fails (then the last 80 lines). */
async function build() {
  const since = Date.now();
  say('(a) npm run build …');
  const output: string[] = [];
  const child = spawn('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
    shell: process.platform === 'win32',
  });
  forward(child.stdout, '  [build] ', (line) => output.push(line));
  forward(child.stderr, '  [build] ', (line) => output.push(line));
  const exit = await abortable(exitOf(child)).catch((error) => {
    child.kill('SIGTERM');
    throw error;
  });
  if (exit.code !== 0) {
    console.error(output.slice(-80).join('\n'));
    fail(`(a) npm run build failed with ${describeExit(exit)}`);
  }
  // history.json: the division history the demo dates its regions from, copied beside the compiled seeds.
  for (const built of ['dist/main.js', 'admin/dist/index.html', 'dist/seeds/divisions/history.json']) {
    await fs.access(path.join(root, built)).catch(() => fail(`(a) npm run build did not produce ${built}`));
  }
  say(`(a) build ok: dist/main.js and admin/dist/index.html (${seconds(since)})`);
}

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; type: string; body: string }> {
  const response = await abortable(fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }));
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

async function main() {
  let cluster: EmbeddedCluster | undefined;
  let server: ChildProcess | undefined;
  let serverExit: Promise<Exit> | undefined;
  const tempDirs: string[] = [];
  const mkTemp = async (prefix: string) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    tempDirs.push(dir);
    return dir;
  };

  try {
    await build();

    // (b) The compose `postgres` service, played by a second throwaway cluster. Its roles and database are
    // made by ensureRolesAndDatabase (what server/db/initdb/10-crc-roles.sh does in SQL): psql is not
    // necessarily installed where this runs.
    let since = Date.now();
    say('(b) starting a throwaway PostgreSQL …');
    cluster = await abortable(EmbeddedCluster.start(await mkTemp('crc-smoke-pg-')));
    const passwords: RolePasswords = {
      owner: crypto.randomBytes(18).toString('base64url'),
      app: crypto.randomBytes(18).toString('base64url'),
    };
    await abortable(ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords));
    const databaseUrl = cluster.url({ user: appRoleName, password: passwords.app }, databaseName);
    const ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
    say(`(b) PostgreSQL on 127.0.0.1:${cluster.port} with roles ${ownerRoleName}, ${appRoleName} and database ${databaseName} (${seconds(since)})`);

    // (c) The image's CMD, configured as docker-compose.yml configures the app service.
    since = Date.now();
    const port = await freePort();
    const dataDir = await mkTemp('crc-smoke-data-'); // empty: the server must not touch the developer's .data
    const base = `http://127.0.0.1:${port}`;
    say(`(c) node dist/main.js on port ${port} (NODE_ENV=production, DATABASE_URL as ${appRoleName}, DATABASE_OWNER_URL as ${ownerRoleName})`);
    server = spawn(process.execPath, [...productionNodeArgs, 'dist/main.js'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATABASE_OWNER_URL: ownerUrl,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
    });
    forward(server.stdout, '  [server] ', (line) => console.log(line));
    forward(server.stderr, '  [server] ', (line) => console.error(line));
    serverExit = exitOf(server);
    let exitedEarly: Exit | undefined;
    void serverExit.then(
      (exit) => (exitedEarly = exit),
      () => undefined,
    );

    // (d) What the compose healthcheck asks, then what a user does.
    let last = 'no answer';
    for (;;) {
      if (exitedEarly) fail(`(d) the server exited with ${describeExit(exitedEarly)} before /readyz answered 200`);
      const ready = await get(`${base}/readyz`).catch((error: Error) => {
        if (error instanceof SmokeFailure) throw error;
        return { status: 0, type: '', body: error.message };
      });
      if (ready.status === 200) break;
      last = `${ready.status || 'no connection'} ${ready.body}`.trim();
      if (Date.now() - since > readyTimeoutMs) fail(`(d) /readyz not 200 within ${readyTimeoutMs / 1000}s; last answer: ${last}`);
      await sleep(250);
    }
    say(`(d) /readyz 200 after ${seconds(since)}`);

    const health = await get(`${base}/healthz`);
    if (health.status !== 200) fail(`(d) /healthz answered ${health.status}: ${health.body}`);
    say('(d) /healthz 200');

    const anonymous = await get(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ settings { key } }' }) });
    if (anonymous.status !== 401 || !anonymous.body.includes('UNAUTHENTICATED')) fail(`(d) /graphql without a session answered ${anonymous.status}: ${anonymous.body.slice(0, 300)}`);
    say('(d) /graphql without a session 401 UNAUTHENTICATED');

    // The first administrator of an external database, as the README tells an operator to create it.
    const password = 'smoke-admin-password-1';
    const created = spawnSync('npm', ['run', '--silent', 'user:create', '--', '--role', 'admin', '--username', 'smoke_admin'], {
      cwd: root,
      env: { ...process.env, DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: '', ADMIN_PASSWORD: password },
      encoding: 'utf8',
    });
    if (created.status !== 0) fail(`(d) npm run user:create exited ${created.status}: ${created.stderr}${created.stdout}`);
    say(`(d) ${created.stdout.trim()}`);
    const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'smoke_admin', password }) });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
    if (signIn.status !== 200 || !cookie) fail(`(d) /auth/sign-in answered ${signIn.status}: ${await signIn.text()}`);
    say('(d) /auth/sign-in 200 with a session cookie');

    const graphql = await get(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ settings { key } }' }),
    });
    let payload: { data?: { settings?: unknown }; errors?: unknown } = {};
    try {
      payload = JSON.parse(graphql.body);
    } catch {
      fail(`(d) /graphql answered ${graphql.status} with non-JSON: ${graphql.body.slice(0, 300)}`);
    }
    if (graphql.status !== 200 || !Array.isArray(payload.data?.settings) || payload.errors) {
      fail(`(d) /graphql { settings { key } } answered ${graphql.status}: ${graphql.body.slice(0, 500)}`);
    }
    say(`(d) /graphql { settings { key } } 200 with data.settings an array of ${(payload.data.settings as unknown[]).length}`);

    const admin = await get(`${base}/admin/`);
    if (admin.status !== 200 || !admin.type.includes('text/html') || !admin.body.includes(consoleTitle)) {
      fail(`(d) /admin/ answered ${admin.status} (${admin.type}) without "${consoleTitle}": ${admin.body.slice(0, 300)}`);
    }
    const script = /<script[^>]*\ssrc="(\/admin\/assets\/[^"]+\.js)"/.exec(admin.body)?.[1];
    if (!script) fail('(d) /admin/ has no /admin/assets/*.js script: is admin/dist a production build?');
    const asset = await get(`${base}${script}`);
    if (asset.status !== 200 || !/javascript/.test(asset.type)) fail(`(d) ${script} answered ${asset.status} (${asset.type})`);
    say(`(d) /admin/ 200 HTML with "${consoleTitle}", and its bundle ${script} 200`);

    // (e) `docker stop` sends SIGTERM and waits stop_grace_period (30s) before SIGKILL.
    since = Date.now();
    server.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), exitTimeoutMs).unref());
    const exit = await abortable(Promise.race([serverExit, timeout]));
    if (exit === 'timeout') fail(`(e) the server did not exit within ${exitTimeoutMs / 1000}s of SIGTERM`);
    if (exit.code !== 0) fail(`(e) the server exited with ${describeExit(exit)} after SIGTERM, expected code 0`);
    say(`(e) SIGTERM: exit code 0 after ${seconds(since)}`);
  } finally {
    // (f) Nothing left behind, whatever happened above.
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await serverExit?.catch(() => undefined);
    }
    const problems: string[] = [];
    await cluster?.stop().catch((error: Error) => problems.push(`stopping PostgreSQL: ${error.message}`));
    for (const dir of tempDirs) {
      await fs.rm(dir, { recursive: true, force: true }).catch((error: Error) => problems.push(`removing ${dir}: ${error.message}`));
    }
    if (problems.length) console.error(`smoke:prod (f) cleanup incomplete: ${problems.join('; ')}`);
    else say(`(f) PostgreSQL stopped, ${tempDirs.length} temp dir(s) removed`);
  }
}

try {
  await main();
  say(`all steps done in ${seconds(started)}`);
  console.log('smoke:prod passed');
  process.exit(0);
} catch (error) {
  const reason = error instanceof SmokeFailure ? error.message : ((error as Error)?.stack ?? String(error));
  console.error(`smoke:prod FAILED: ${reason}`);
  process.exit(1);
}
