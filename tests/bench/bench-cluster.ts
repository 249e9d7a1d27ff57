/**
 * What every benchmark on a throwaway database stands on: an embedded PostgreSQL in a temporary folder with
 * the roles and the migrations, the server run as `npm start` runs it (its own process, its node options, rate
 * limits off: a benchmark fires faster than any person), a super administrator to sign in as, and the tidy-up —
 * the server stopped, the cluster stopped, the folder removed — whatever happened. A failure is printed with
 * the end of the server's output and sets the exit code.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { request, type Agent } from 'undici';
import { EmbeddedCluster, freePort } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { appRoleName, databaseName, ensureRolesAndDatabase, ownerRoleName } from '../../server/db/roles.js';
import { productionNodeArgs, signIn, spawnServer, type ServerProcess } from '../support/server-process.js';
import { createUserWith, testPassword } from '../support/test-users.js';

export type Bench = {
  cluster: EmbeddedCluster;
  baseDir: string;
  /** The tables' owner (loads data as the seeds do). */
  ownerUrl: string;
  /** Creates the super administrator the benchmark signs in as (`bench`). */
  createBenchUser: (client: pg.ClientBase) => Promise<void>;
  /** Starts the server on the database (extra environment on top of the benchmark's own) and waits until it is ready. */
  startServer: (env?: Record<string, string>) => Promise<ServerProcess>;
  /** A session cookie of the `bench` super administrator: every record, nothing masked, no region condition. */
  signInAsBench: (server: ServerProcess) => Promise<string>;
  /** Whatever else the benchmark started, stopped with the rest (another server). */
  onStop: (stop: () => Promise<unknown>) => void;
  /** More output to print if the benchmark fails (another server's). */
  onFailure: (output: () => string) => void;
};

/**
 * Runs `work` on a fresh bench cluster. `systemSettings`: `alter system` statements applied (with a restart)
 * before anything else, for benchmarks that instrument PostgreSQL itself.
 */
export async function runBench(name: string, work: (bench: Bench) => Promise<void>, options: { systemSettings?: readonly string[] } = {}): Promise<void> {
  const baseDir = await fs.mkdtemp(path.join(os.tmpdir(), `crc-${name}-`));
  let cluster = await EmbeddedCluster.start(baseDir);
  const stops: (() => Promise<unknown>)[] = [];
  const outputs: (() => string)[] = [];
  try {
    if (options.systemSettings?.length) {
      const admin = new pg.Client(cluster.connectionOptions('postgres'));
      await admin.connect();
      for (const statement of options.systemSettings) await admin.query(statement);
      await admin.end();
      await cluster.stop();
      cluster = await EmbeddedCluster.start(baseDir);
    }
    const passwords = { owner: 'bench-owner', app: 'bench-app' };
    await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
    const ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
    await migrate(ownerUrl);
    const appUrl = cluster.url({ user: appRoleName, password: passwords.app }, databaseName);
    await work({
      cluster,
      baseDir,
      ownerUrl,
      createBenchUser: (client) => createUserWith(client, { username: 'bench', role: 'ADMIN' }).then(() => undefined),
      startServer: async (env = {}) => {
        const server = spawnServer(
          { PORT: String(await freePort()), HOST: '127.0.0.1', RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_IP: '0', LOG_LEVEL: 'warn', DATABASE_URL: appUrl, ...env },
          { nodeArgs: productionNodeArgs },
        );
        stops.push(async () => {
          server.child.kill('SIGTERM');
          await server.exited;
        });
        outputs.push(() => server.output());
        await server.waitUntilReady(120_000);
        return server;
      },
      signInAsBench: (server) => signIn(server.url, 'bench', testPassword),
      onStop: (stop) => stops.push(stop),
      onFailure: (output) => outputs.push(output),
    });
  } catch (error) {
    process.stderr.write(`${name} failed: ${(error as Error).stack ?? String(error)}\n${outputs.map((output) => output().slice(-2000)).join('\n')}\n`);
    process.exitCode = 1;
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    await cluster.stop();
    await fs.rm(baseDir, { recursive: true, force: true });
  }
}

/** POSTs a GraphQL body; the answer's text, or a throw when it is not a 200 without errors. */
export async function postGraphql(agent: Agent, url: string, cookie: string, body: string): Promise<string> {
  const response = await request(`${url}/graphql`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', cookie }, body });
  const text = await response.body.text();
  if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`bad response ${response.statusCode}: ${text.slice(0, 300)}`);
  return text;
}
