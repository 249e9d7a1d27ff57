/**
 * `npm run seed -- --scale national|province|N`: generates a synthetic, deterministic country of N
 * counties (codes beginning with 9; DOMAIN.md's row budget, about 30 million rows at national scale) and
 * bulk-loads it with COPY in one transaction: free-disk check, keys, indexes and row-count triggers off,
 * every table streamed (frozen when it was empty), then indexes rebuilt, foreign keys validated, live
 * row counts and id sequences set, statistics gathered. A failure rolls everything back.
 */
import type pg from 'pg';
import { syncIdSequences } from '../copy.js';
import { activities, activityParticipants } from './activities.js';
import { appointmentRecords, oaths } from './appointments.js';
import { actAsSystem, noteBulk } from '../../server/audit/bulk.js';
import { invalidateMetricFacts } from '../../server/metrics/facts.js';
import { rebuildSearchZones, zonedOrders } from '../../server/db/search-zones.js';
import { dropForLoad, rebuildIndexes, restoreForeignKeys, tuneSession } from './bulk-session.js';
import { copyTable } from './copy-writer.js';
import { deputies, performanceRecords } from './deputies.js';
import { checkFreeDisk, ScaleRefusal } from './disk.js';
import { fundingAllocations, fundingStandards } from './funding.js';
import { deputyGroups, groupMemberships } from './groups.js';
import { organisations } from './organisations.js';
import { maxPersons, persons } from './persons.js';
import { Plan } from './plan.js';
import { Progress } from './progress.js';
import { livelihoodProjects, motions } from './proposals.js';
import { regions } from './regions.js';
import { liaisonStations, stationAssignments } from './stations.js';
import { suggestionHandlings, suggestions, suggestionSubmitters } from './suggestions.js';
import type { TableGenerator } from './table.js';
import { trainingParticipants, trainings } from './trainings.js';

export { ScaleRefusal } from './disk.js';

/** Every table the generator fills, parents first. */
export const generators: readonly TableGenerator[] = [
  regions,
  persons,
  organisations,
  liaisonStations,
  deputies,
  deputyGroups,
  groupMemberships,
  stationAssignments,
  fundingStandards,
  fundingAllocations,
  activities,
  activityParticipants,
  appointmentRecords,
  oaths,
  suggestions,
  suggestionSubmitters,
  suggestionHandlings,
  trainings,
  trainingParticipants,
  performanceRecords,
  motions,
  livelihoodProjects,
];

export const nationalCounties = 2850;
export const provinceCounties = 95;
/** Above this the ID numbers' registration areas would run out (persons.ts). */
export const maxCounties = 30_000;
export const defaultSeed = 'crc-national';

/** `national` → 2850, `province` → 95, a positive whole number → itself; anything else: undefined. */
export function scaleCounties(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'national') return nationalCounties;
  if (value === 'province') return provinceCounties;
  if (!/^\d+$/.test(value)) return undefined;
  const counties = Number(value);
  return counties >= 1 && counties <= maxCounties ? counties : undefined;
}

export type ScaleSummary = {
  counties: number;
  seed: string;
  /** Rows loaded per table. */
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  /** pg_size_pretty(pg_database_size(current_database())) after the load. */
  databaseSize: string;
  databaseBytes: number;
  /** Seconds per step: copy, indexes, analyze, search zones, foreign keys, finish. */
  steps: Record<string, number>;
};

export async function loadScale(client: pg.Client, options: { counties: number; seed?: string; output: NodeJS.WritableStream }): Promise<ScaleSummary> {
  const started = performance.now();
  const seed = options.seed ?? defaultSeed;
  const { counties } = options;
  if (!Number.isInteger(counties) || counties < 1 || counties > maxCounties) throw new ScaleRefusal(`--scale takes 1 to ${maxCounties} counties, not ${counties}`);
  const progress = new Progress(options.output);
  const tables = generators.map((generator) => generator.table);

  const synthetic = await client.query(`select code, name from region where code like '9%' limit 1`);
  if (synthetic.rowCount) {
    throw new ScaleRefusal(
      `this database already holds synthetic regions (codes beginning with 9, e.g. ${synthetic.rows[0].code} ${synthetic.rows[0].name}); ` + 'run again with --reset to delete every record first',
    );
  }
  const offsets: Record<string, number> = {};
  for (const table of tables) {
    offsets[table] = Number((await client.query(`select coalesce(max(id), 0)::bigint as max from "${table}"`)).rows[0].max);
  }
  const plan = new Plan(counties, seed, offsets);
  if (plan.total('person') > maxPersons) throw new ScaleRefusal(`${counties} counties are more than the generator can give unique ID numbers`);
  const expected = Object.fromEntries(generators.map((generator) => [generator.table, generator.expectedRows(plan)]));
  const expectedRows = Object.values(expected).reduce((sum, n) => sum + n, 0);
  const dataBytes = generators.reduce((sum, generator) => sum + expected[generator.table] * generator.bytesPerRow, 0);
  const describe = `${counties} counties (~${Math.round(expectedRows / 1e5) / 10} million rows, seed "${seed}")`;
  const disk = await checkFreeDisk(client, dataBytes, `the synthetic data set of ${describe}`);
  progress.line(`generating ${describe}; ${Math.round(disk.freeBytes / 1024 ** 3)} GB free on ${disk.path}`);

  const rows: Record<string, number> = {};
  const steps: Record<string, number> = {};
  const timed = async (step: string, label: string, run: () => Promise<void>) => {
    const from = performance.now();
    await progress.step(label, run);
    steps[step] = (performance.now() - from) / 1000;
  };
  await client.query('begin');
  try {
    await tuneSession(client);
    const saved = await dropForLoad(client, tables);
    // Empty tables (no id yet) are truncated in this transaction so COPY can write their rows frozen.
    const empty = tables.filter((table) => offsets[table] === 0);
    const live: Record<string, number> = {};
    for (const table of tables) {
      live[table] = empty.includes(table) ? 0 : Number((await client.query(`select count(*) as n from "${table}" where deleted_at is null`)).rows[0].n);
    }
    if (empty.length) await client.query(`truncate ${empty.map((table) => `"${table}"`).join(', ')}`);

    const copyStarted = performance.now();
    for (const generator of generators) {
      const line = progress.table(generator.table, expected[generator.table]);
      rows[generator.table] = await copyTable(client, generator, plan, { freeze: empty.includes(generator.table), onRows: line.update });
      line.done(rows[generator.table]);
    }
    steps.copy = (performance.now() - copyStarted) / 1000;

    await timed('indexes', 'primary keys and indexes', () => rebuildIndexes(client, saved));
    await timed('analyze', 'statistics (analyze)', async () => {
      await client.query(`analyze ${tables.map((table) => `"${table}"`).join(', ')}`);
    });
    // Loaded with triggers off: the search zones of the tables loaded are built again from their rows.
    await timed('zones', 'search zones', async () => {
      for (const zoned of zonedOrders().filter((candidate) => tables.includes(candidate.model.table))) {
        const [{ present }] = (await client.query(`select to_regclass($1) is not null as present`, [zoned.zones])).rows;
        if (present) await rebuildSearchZones(async (statement) => (await client.query(statement)).rows, zoned);
      }
    });
    await timed('foreignKeys', `foreign keys validated (${saved.foreignKeys.length})`, () => restoreForeignKeys(client, saved, tables));
    await timed('finish', 'row counts, id sequences, commit', async () => {
      for (const table of tables) {
        await client.query(`insert into row_count (table_name, live) values ($1, $2) on conflict (table_name) do update set live = excluded.live`, [table, live[table] + rows[table]]);
      }
      await syncIdSequences(client, tables);
      await invalidateMetricFacts(client); // loaded with triggers off: the metric facts are rebuilt whole
      await actAsSystem(client, 'scale-load');
      await noteBulk(client, 'LOAD', Object.fromEntries(tables.map((table) => [table, { rows: rows[table], dataset: `synthetic, ${counties} counties, seed ${seed}` }])));
      await client.query('commit');
    });
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if ((error as { code?: string }).code === '55P03') {
      throw new ScaleRefusal('the tables are in use (a running server or another session held them for 30 s); stop it and try again');
    }
    throw error;
  }

  const size = await client.query<{ pretty: string; bytes: string }>(`select pg_size_pretty(pg_database_size(current_database())) as pretty, pg_database_size(current_database())::text as bytes`);
  const seconds = (performance.now() - started) / 1000;
  const databaseSize = size.rows[0].pretty;
  progress.summary(rows, seconds, databaseSize, `synthetic data set of ${counties} counties loaded (seed "${seed}")`);
  return {
    counties,
    seed,
    rows,
    totalRows: Object.values(rows).reduce((sum, n) => sum + n, 0),
    seconds,
    databaseSize,
    databaseBytes: Number(size.rows[0].bytes),
    steps,
  };
}
