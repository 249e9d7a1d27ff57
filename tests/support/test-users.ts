/**
 * Users for tests and benches (no vitest here, so bench scripts can import it): created on an owner
 * connection like `npm run user:create`, with light argon2 parameters (TRAPS.md "Sign-in").
 */
import pg from 'pg';
import type { UserRole } from '../../schema/shared/enums.js';
import { Passwords, type HashCost } from '../../server/access/passwords.js';
import { asActor } from '../../server/access/actor.js';

/** Light argon2 for tests only; the server's own default stays at 64 MiB. */
export const testHashCost: HashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
export const testPassword = 'test-password-2026';
const passwords = new Passwords(testHashCost);

export type TestUser = { username: string; role: UserRole; regionCode?: string | null };

/** Creates a user (password `testPassword`) on an owner connection, like `npm run user:create` does. */
export async function createUserWith(client: pg.ClientBase, user: TestUser): Promise<void> {
  // A region that does not exist must not quietly make an unscoped (super) user.
  if (user.regionCode && (await client.query(`select 1 from region where code = $1 and deleted_at is null`, [user.regionCode])).rowCount === 0) {
    throw new Error(`test user ${user.username}: no region coded ${user.regionCode}`);
  }
  const hash = await passwords.hash(testPassword);
  await asActor(client, { system: 'test' }, async () => {
    // A handler works for the region's first organisation (by id), one made for them if the region has none;
    // their region is that organisation's.
    const organisation =
      user.role === 'HANDLER'
        ? ((
            await client.query<{ id: string }>(
              `select id from organisation where region_id = (select id from region where code = $1 and deleted_at is null) and deleted_at is null order by id limit 1`,
              [user.regionCode],
            )
          ).rows[0]?.id ??
          (
            await client.query<{ id: string }>(
              `insert into organisation (name, kind, region_id) values ('测试承办单位', 'GOVERNMENT_DEPT', (select id from region where code = $1 and deleted_at is null)) returning id`,
              [user.regionCode],
            )
          ).rows[0].id)
        : null;
    await client.query(
      `insert into app_user (username, display_name, role, region_id, organisation_id, password_hash, password_changed_at)
       values ($1, $1, $2, (select id from region where code = $3 and deleted_at is null), $4, $5, now()) on conflict do nothing`,
      [user.username, user.role, user.regionCode ?? null, organisation, hash],
    );
  });
}

export async function createUser(ownerUrl: string, user: TestUser): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await createUserWith(client, user);
  } finally {
    await client.end();
  }
}
