/**
 * One demo account per role, only in the embedded demo database (never an external one: no known
 * password reaches a production database). The README gives the password. The handling unit's account
 * belongs to the unit that handles most of 镇平县's suggestions (its region is the unit's).
 */
import type pg from 'pg';
import type { UserRole } from '../../schema/shared/enums.js';
import { Passwords } from '../../server/access/passwords.js';
import { asActor } from '../../server/access/actor.js';

export const demoPassword = 'Demo-2026-renda';

export const demoAccounts: { username: string; displayName: string; role: UserRole; regionCode: string | null }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'ADMIN', regionCode: null },
  { username: 'clerk_lingtai', displayName: '灵台县人大常委会办公室', role: 'CLERK', regionCode: '620822' },
  { username: 'leader', displayName: '常委会领导', role: 'LEADER', regionCode: null },
  { username: 'analyst', displayName: '研究室分析员', role: 'ANALYST', regionCode: null },
  { username: 'handler_zhenping', displayName: '镇平县承办单位', role: 'HANDLER', regionCode: '411324' },
];

/** The unit handling most of the region's suggestions (ties: the first created). */
const busiestUnit = `select h.organisation_id as id from suggestion_handling h join suggestion s on s.id = h.suggestion_id join region r on r.id = s.region_id
  where r.code = $4 and h.deleted_at is null and s.deleted_at is null group by 1 order by count(*) desc, 1 limit 1`;

/** Creates the demo accounts when the database has no users yet; returns the usernames created. */
export async function ensureDemoAccounts(client: pg.ClientBase, passwords = new Passwords()): Promise<string[]> {
  const existing = await client.query(`select 1 from app_user limit 1`);
  if (existing.rowCount) return [];
  const hash = await passwords.hash(demoPassword);
  await asActor(client, { system: 'demo-seed' }, async () => {
    for (const account of demoAccounts) {
      const values = [account.username, account.displayName, account.role, account.regionCode, hash];
      if (account.role === 'HANDLER') {
        await client.query(
          `insert into app_user (username, display_name, role, region_id, organisation_id, password_hash, password_changed_at)
           select $1, o.name, $3, o.region_id, o.id, $5, now() from (${busiestUnit}) unit join organisation o on o.id = unit.id and o.deleted_at is null
           where $2::text is not null`,
          values,
        );
      } else {
        await client.query(
          `insert into app_user (username, display_name, role, region_id, password_hash, password_changed_at)
           values ($1, $2, $3, (select id from region where code = $4 and deleted_at is null), $5, now())`,
          values,
        );
      }
    }
  });
  const { rows } = await client.query<{ username: string }>(`select username from app_user order by id`);
  return rows.map((row) => row.username);
}
