/**
 * One demo account per role, only in the embedded demo database (never an external one: no known
 * password reaches a production database). The README gives the password.
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
];

/** Creates the demo accounts when the database has no users yet; returns the usernames created. */
export async function ensureDemoAccounts(client: pg.ClientBase, passwords = new Passwords()): Promise<string[]> {
  const existing = await client.query(`select 1 from app_user limit 1`);
  if (existing.rowCount) return [];
  const hash = await passwords.hash(demoPassword);
  await asActor(client, { system: 'demo-seed' }, async () => {
    for (const account of demoAccounts) {
      await client.query(
        `insert into app_user (username, display_name, role, region_id, password_hash, password_changed_at)
         values ($1, $2, $3, (select id from region where code = $4 and deleted_at is null), $5, now())`,
        [account.username, account.displayName, account.role, account.regionCode, hash],
      );
    }
  });
  return demoAccounts.map((account) => account.username);
}
