/**
 * The demo data set, once: loaded when the database has none of it (marker: the `demo.dataset` setting),
 * skipped otherwise, so starting twice or running the seed command twice never duplicates anything.
 */
import type pg from 'pg';
import { loadDataset } from '../load.js';
import { actAsSystem } from '../../server/audit/bulk.js';
import { storeAnswerLetters } from './answer-letters.js';
import { buildDemo, demoReferenceDate, demoSeed } from './build.js';

export const demoMarker = 'demo.dataset';
/** The region the comparison page opens on (admin/src/analysis): 平凉市, whose seven counties leaders compare. */
const analysisStart = { key: 'analysis.defaultParentCode', code: '620800' };

export type DemoOutcome = { loaded: false; reason: string } | { loaded: true; counts: Record<string, number>; milliseconds: number };

export async function loadDemo(client: pg.ClientBase, onTable?: (table: string, rows: number) => void): Promise<DemoOutcome> {
  const marker = await client.query(`select value from setting where key = $1`, [demoMarker]);
  if (marker.rowCount) return { loaded: false, reason: `the demo data set is already loaded (${JSON.stringify(marker.rows[0].value)})` };
  const started = Date.now();
  await client.query('begin');
  try {
    await actAsSystem(client, 'demo-seed');
    const counts = await loadDataset(client, buildDemo(demoSeed), 'demo', onTable);
    await storeAnswerLetters(client);
    await client.query(`insert into setting (key, value) values ($1, $2)`, [demoMarker, JSON.stringify({ seed: demoSeed, referenceDate: demoReferenceDate, loadedAt: new Date().toISOString() })]);
    await client.query(`insert into setting (key, value) values ($1, $2) on conflict (key) do nothing`, [analysisStart.key, JSON.stringify(analysisStart.code)]);
    await client.query('commit');
    // Vacuumed, not only analyzed: the seats loaded after their persons rewrote most persons' region prefixes
    // (server/db/region-prefixes.ts), leaving a dead version of 13,400 of the 21,600; analyzed only, the planner chose
    // to read all 3,452 persons matching a broad deputies' search for its count, where it reads 412 (search-drive.test.ts).
    await client.query('vacuum (analyze)');
    return { loaded: true, counts, milliseconds: Date.now() - started };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
