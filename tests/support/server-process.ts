/** Runs `main.ts` (the server with its demo hook) as its own process, as `npm start` does, to test signals and start-up failures. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  waitUntilReady: (timeoutMs?: number) => Promise<void>;
};

/**
 * The node options `npm start` gives the server (package.json's start script: its heap cap), read from there so
 * that a benchmark or a smoke test runs the server as it ships.
 */
export const productionNodeArgs: string[] = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.match(/--[\w-]+=\S+/g) ?? [];

/** `nodeArgs`: node options for the server (productionNodeArgs); BENCH_SERVER_NODE_ARGS adds more (a `--cpu-prof`, which NODE_OPTIONS refuses). */
export function spawnServer(env: Record<string, string>, options: { nodeArgs?: readonly string[] } = {}): ServerProcess {
  // `node --import tsx` rather than the tsx CLI: no relay process between the test and the server's signals.
  const nodeArgs = [...(options.nodeArgs ?? []), ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(projectRoot, 'main.ts')], {
    cwd: projectRoot,
    // A server on a data directory of the test's own anchors the audit chain there; others never into the project's .data.
    // No daily backup unless a test asks for one (tests/backup/ does): it would cost every start seconds of CPU.
    env: { ...process.env, LOG_LEVEL: 'info', AUDIT_ANCHOR_MINUTES: env.DATA_DIR ? '60' : '0', BACKUP_CHECK_MINUTES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const url = `http://127.0.0.1:${env.PORT}`;

  const poll = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before ${what}:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}:\n${output}`);
  };
  return {
    child,
    url,
    output: () => output,
    exited,
    waitForOutput: (pattern, timeoutMs = 30_000) => poll(() => pattern.test(output), timeoutMs, `output ${pattern}`),
    waitUntilReady: (timeoutMs = 60_000) => poll(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, timeoutMs, '/readyz 200'),
  };
}

/** GraphQL with the session `cookie` (from signIn). */
export async function gql(url: string, query: string, cookie: string): Promise<any> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query }) });
  return response.json();
}

/** Signs in and returns the session cookie; throws when refused. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${username} refused: ${response.status} ${await response.text()}`);
  return cookie;
}
