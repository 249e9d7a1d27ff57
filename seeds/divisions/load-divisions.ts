/**
 * Loads a division tree into the region table, idempotently, as the system (every change audited): a division
 * new to the table is added under its parent, one whose name, kind, parent or validity dates changed is updated in
 * place (its id, and so every record that points at it, kept), one unchanged is left alone, and a live region whose
 * code the tree does not have at all is marked ended (`valid_to` today) — never deleted, since records still name
 * it. The dates are the tree's (dated-divisions.ts: ended divisions come with theirs); a division without them is
 * written without.
 */
import type pg from 'pg';
import { levelOfKind } from '../../schema/shared/enums.js';
import { asActor } from '../../server/access/actor.js';
import { pinyinForms } from '../../schema/shared/pinyin.js';
import type { DatedDivision } from './dated-divisions.js';

export type DivisionLoad = { added: number; updated: number; unchanged: number; ended: number };

const levels = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP'] as const;

export async function loadDivisions(client: pg.ClientBase, divisions: readonly DatedDivision[], today: string): Promise<DivisionLoad> {
  const outcome = await writeDivisions(client, divisions, today);
  // Fresh statistics: the planner otherwise keeps thinking the table as small as before the load, and a
  // region looked up by id within a list of thousands of rows scans the table each time.
  if (outcome.added + outcome.updated + outcome.ended > 0) await client.query('analyze region');
  return outcome;
}

function writeDivisions(client: pg.ClientBase, divisions: readonly DatedDivision[], today: string): Promise<DivisionLoad> {
  return asActor(client, { system: 'regions' }, async () => {
    const outcome: DivisionLoad = { added: 0, updated: 0, unchanged: 0, ended: 0 };
    // Level by level, so that a division's parent is in the table (with its id) before the division itself.
    for (const level of levels) {
      const rows = divisions.filter((division) => levelOfKind[division.kind] === level);
      if (rows.length === 0) continue;
      // With each name its pinyin forms, as the API would store them (schema/shared/pinyin.ts): a renamed region is found by its new name's.
      const columns = [
        rows.map((row) => row.code),
        rows.map((row) => row.name),
        rows.map((row) => row.kind),
        rows.map((row) => row.parentCode),
        rows.map((row) => pinyinForms(row.name, 'words')),
        rows.map((row) => row.validFrom ?? null),
        rows.map((row) => row.validTo ?? null),
      ];
      const incoming = `select i.code, i.name, i.kind, p.id as parent_id, i.name_pinyin, i.valid_from, i.valid_to
          from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[]) as i(code, name, kind, parent_code, name_pinyin, valid_from, valid_to)
          left join region p on p.code = i.parent_code and p.deleted_at is null`;
      const updated = await client.query(
        `update region r set name = i.name, name_pinyin = i.name_pinyin, kind = i.kind, level = $8, parent_id = i.parent_id, valid_from = i.valid_from, valid_to = i.valid_to, version = r.version + 1, updated_at = now()
           from (${incoming}) i
          where r.code = i.code and r.deleted_at is null and (r.name, r.kind, r.parent_id, r.valid_from, r.valid_to) is distinct from (i.name, i.kind, i.parent_id, i.valid_from, i.valid_to)`,
        [...columns, level],
      );
      const added = await client.query(
        `insert into region (code, name, name_pinyin, kind, level, parent_id, valid_from, valid_to)
         select i.code, i.name, i.name_pinyin, i.kind, $8, i.parent_id, i.valid_from, i.valid_to from (${incoming}) i
          where not exists (select 1 from region r where r.code = i.code and r.deleted_at is null)`,
        [...columns, level],
      );
      outcome.updated += updated.rowCount ?? 0;
      outcome.added += added.rowCount ?? 0;
      outcome.unchanged += rows.length - (updated.rowCount ?? 0) - (added.rowCount ?? 0);
    }
    const ended = await client.query(
      `update region set valid_to = $2::date, version = version + 1, updated_at = now()
        where deleted_at is null and valid_to is null and code <> all($1::text[])`,
      [divisions.map((division) => division.code), today],
    );
    outcome.ended = ended.rowCount ?? 0;
    return outcome;
  });
}
