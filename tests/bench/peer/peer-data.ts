/**
 * What `npm run bench:peer` adds to the loaded synthetic set, on the owner's connection: one person holding
 * ten seats (the set's people hold one or two), and the indexes PostGraphile needs. It exposes a backward
 * relation (a deputy's memberships, a person's seats) or a `condition:` on a column only when a non-partial
 * index leads with that column; ours are all partial (`where deleted_at is null`), so the peer gets plain
 * copies of the ones the pairs use.
 */
import type pg from 'pg';
import { asActor } from '../../../server/access/actor.js';

/** [table, column]: each becomes `create index bench_peer_<table>_<column> on <table> (<column>)`. */
export const peerIndexes: readonly (readonly [table: string, column: string])[] = [
  ['group_membership', 'deputy_id'],
  ['station_assignment', 'deputy_id'],
  ['deputy', 'person_id'],
  ['deputy', 'region_id'],
];

export type PeerData = {
  personId: string;
  /** The county with the most deputies (the filtered list's and the count's). */
  region: { id: string; code: string; name: string; deputies: number };
  deputies: number;
  /** The indexes added, as `table(column)`. */
  indexes: string[];
};

export async function preparePeerData(owner: pg.Client): Promise<PeerData> {
  const personId = await asActor(owner, { system: 'bench-peer' }, async () => {
    const { rows } = await owner.query(`insert into person (name, gender, region_id) values ('基准十席', 'FEMALE', (select id from region where level = 'COUNTY' order by code limit 1)) returning id`);
    await owner.query(
      `insert into deputy (person_id, level, term_number, region_id, elected_on)
       select $1, 'COUNTY', 18, id, date '2021-10-01' from region where level = 'COUNTY' and deleted_at is null order by code limit 10`,
      [rows[0].id],
    );
    return String(rows[0].id);
  });
  for (const [table, column] of peerIndexes) {
    await owner.query(`create index if not exists "bench_peer_${table}_${column}" on "${table}" ("${column}")`);
  }
  await owner.query('analyze person, deputy, group_membership, station_assignment');
  const { rows: regions } = await owner.query(
    `select r.id::text as id, r.code, r.name, count(*)::int as deputies from deputy d join region r on r.id = d.region_id
     where r.level = 'COUNTY' group by r.id order by count(*) desc, r.code limit 1`,
  );
  const total = await owner.query(`select count(*)::int as n from deputy`);
  const seats = await owner.query(`select count(*)::int as n from deputy where person_id = $1`, [personId]);
  if (regions.length === 0 || seats.rows[0].n !== 10) throw new Error(`the bench's data is not as expected: ${regions.length} counties with deputies, ${seats.rows[0].n} seats`);
  return { personId, region: regions[0], deputies: total.rows[0].n, indexes: peerIndexes.map(([table, column]) => `${table}(${column})`) };
}
