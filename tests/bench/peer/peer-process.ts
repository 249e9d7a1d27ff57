/**
 * The peer of `npm run bench:peer`, PostGraphile 5, kept out of the repository's own dependencies: it needs
 * Node ≥ 22, and the npm `node` package that brings one would put it in node_modules/.bin, where every npm
 * script would then find it. So it is installed, with its Node 22, into a directory of its own (BENCH_PEER_DIR,
 * default .data/bench-peer) on the first run, and run there with that Node.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * What the peer's directory holds, pinned: the Node binary, PostGraphile, and the crystal packages its
 * Amber preset, pg adaptor and grafserv come from (postgraphile re-exports them), so that its ranges resolve
 * to these. `allowScripts`: the `node` package fetches its binary in an install script, which npm 11 runs
 * only when allowed.
 */
export const peerManifest = {
  name: 'crc-bench-peer',
  private: true,
  description: 'PostGraphile 5 for npm run bench:peer (installed by tests/bench/peer/peer-process.ts)',
  type: 'module',
  dependencies: {
    node: '22.23.3',
    postgraphile: '5.1.5',
    '@dataplan/json': '1.0.1',
    '@dataplan/pg': '1.1.2',
    grafast: '1.1.3',
    grafserv: '1.0.2',
    'graphile-build': '5.1.1',
    'graphile-build-pg': '5.1.4',
    'graphile-config': '1.1.1',
    graphql: '16.15.0',
    pg: '8.23.1',
    'pg-sql2': '5.0.1',
    tamedevil: '0.1.1',
  },
  allowScripts: { node: true },
};

export type PeerInstall = { dir: string; node: string; versions: Record<string, string> };

async function readJson(file: string): Promise<any> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

/** The installed version of each pinned package, and the Node binary's own. */
async function installed(dir: string, node: string): Promise<Record<string, string> | undefined> {
  try {
    const versions: Record<string, string> = {};
    for (const name of Object.keys(peerManifest.dependencies)) {
      versions[name] = (await readJson(path.join(dir, 'node_modules', name, 'package.json'))).version;
    }
    versions.nodeBinary = (await run(node, ['--version'])).stdout.trim();
    return versions;
  } catch {
    return undefined;
  }
}

/** Installs the peer into `dir` unless the pinned versions are there already; `say` reports the first run. */
export async function installPeer(dir: string, say: (line: string) => void): Promise<PeerInstall> {
  const node = path.join(dir, 'node_modules', 'node', 'bin', 'node');
  const manifest = `${JSON.stringify(peerManifest, null, 2)}\n`;
  const current = await fs.readFile(path.join(dir, 'package.json'), 'utf8').catch(() => '');
  let versions = current === manifest ? await installed(dir, node) : undefined;
  if (!versions) {
    say(`installing the peer into ${dir} (postgraphile ${peerManifest.dependencies.postgraphile}, node ${peerManifest.dependencies.node}; first run only) …`);
    const started = performance.now();
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'package.json'), manifest);
    // npm itself runs on this Node 20: PostGraphile's `engines` (node >= 22) are for the binary installed beside it.
    await run('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--engine-strict=false', '--loglevel=error'], { maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`npm install of the peer into ${dir} failed: ${error.stderr?.slice(-2000) ?? error.message}`);
      },
    );
    versions = await installed(dir, node);
    if (!versions) throw new Error(`the peer's install in ${dir} is incomplete (no ${node}: did npm skip the node package's install script?)`);
    say(`  installed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  if (versions.nodeBinary !== `v${peerManifest.dependencies.node}`) throw new Error(`${node} is ${versions.nodeBinary}, not v${peerManifest.dependencies.node}`);
  return { dir, node, versions };
}

export type PeerProcess = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | string> };

/** Starts the peer's server (server.mjs, copied into the install so that it resolves PostGraphile there) and waits until it listens. */
export async function startPeer(install: PeerInstall, options: { databaseUrl: string; port: number; poolMax: number }): Promise<PeerProcess> {
  const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.mjs');
  const script = path.join(install.dir, 'server.mjs');
  await fs.copyFile(source, script);
  const child = spawn(install.node, [script], {
    cwd: install.dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PEER_DATABASE_URL: options.databaseUrl,
      PEER_PORT: String(options.port),
      PEER_HOST: '127.0.0.1',
      PEER_POOL_MAX: String(options.poolMax),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const deadline = Date.now() + 120_000;
  while (!output.includes('peer listening on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the peer did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url: `http://127.0.0.1:${options.port}`, output: () => output, exited };
}
