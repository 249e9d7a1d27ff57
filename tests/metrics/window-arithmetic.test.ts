/**
 * The arithmetic the metric facts use instead of slower SQL (server/metrics/windows.ts, catalog.ts) gives what the
 * slower SQL gave, on real PostgreSQL: whole years from day numbers as `age` counts them (29 February, a birth day
 * after the window's end), a window found by binary search among the windows' starts as `between` finds it (windows
 * with gaps between them, a period), and occurrences in a sorted array counted by binary search.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, sql, type Sql } from '../../server/sql/sql.js';
import { dayNumber, inWindow, occurrences, periodWindow, wholeYears, yearWindows } from '../../server/metrics/windows.js';
import { everywhere } from '../../server/metrics/metric.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  client = await database.superClient();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

/** Days around the edges of years, months and leap days, 1999 to 2025, as the relation `alias(day)`. */
const days = (alias: string) => `(select d::date as day from generate_series(date '1999-12-25', date '2025-03-05', interval '1 day') d
  where extract(day from d) in (1, 2, 27, 28, 29, 30, 31) and extract(month from d) in (1, 2, 3, 12)) ${alias}`;

describe('metric window arithmetic', () => {
  it('counts whole years between two days from their day numbers as age does, either way round', async () => {
    const { rows } = await client.query(
      `select count(*)::int as pairs, count(*) filter (where ${wholeYears(dayNumber('e.day'), dayNumber('b.day'))} <> extract(year from age(e.day, b.day)))::int as wrong
      from ${days('e')} cross join ${days('b')}`,
    );
    expect(rows[0].pairs).toBeGreaterThan(100_000);
    expect(rows[0].wrong).toBe(0);
  });

  const windowsOfDays = async (windows: Sql, join: Sql) =>
    (await client.query(sql`with ${windows} select to_char(day, 'YYYY-MM-DD') || ' ' || w.year as hit from ${raw(days('days'))} join w on ${join} order by 1`.compile())).rows.map((row) => row.hit);

  it('finds the window of a day as between does, with gaps between the windows and over a period', async () => {
    for (const windows of [yearWindows([2016, 2019, 2020, 2024]), yearWindows([2000]), periodWindow('2019-02-28', '2021-03-01')]) {
      const found = await windowsOfDays(windows, inWindow('day', everywhere));
      expect(found.length).toBeGreaterThan(20);
      expect(found).toEqual(await windowsOfDays(windows, raw('day between w.starts and w.ends')));
    }
  });

  it('counts the occurrences of a value in a sorted array as array_positions does', async () => {
    const { rows } = await client.query(
      `select count(*)::int as cases, count(*) filter (where ${occurrences('v', 'a')} <> cardinality(array_positions(a, v)))::int as wrong
      from (values ('{2015,2015,2017,2020,2020,2020}'::int[]), ('{2018}'), ('{}')) as arrays(a) cross join generate_series(2013, 2022) v`,
    );
    expect(rows[0].cases).toBe(30);
    expect(rows[0].wrong).toBe(0);
  });
});
