/**
 * An upgrade of a database that holds records: migrations that bring existing rows to a new rule write audited
 * tables, and the audit triggers refuse a write without an actor. On a fresh database no row is there to write,
 * so only a secretariat's own database would have failed to start (found upgrading the national bench set). A
 * database migrated to the level before the suggestion workflow, holding an assigned handling, is migrated to the
 * end: the handling gets its due date, the write is audited as `system:migration`, and the audit chain verifies.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { actAsSystem } from '../../server/audit/bulk.js';
import { verifyAuditTrail } from '../../server/audit/verify.js';
import { migrate } from '../../server/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

let database: TestDatabase | undefined;
afterAll(async () => {
  await database?.drop();
});

describe('an upgrade of a database with records', () => {
  it('runs the migrations that rewrite existing rows, audited as the migration', async () => {
    database = await createTestDatabase({ migrated: false });
    await migrate(database.ownerUrl, { to: 'Migration20261208090000_metric_replay' });
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      await owner.query('begin');
      await actAsSystem(owner, 'upgrade-test');
      const region = await owner.query(`insert into region (code, name, kind, level) values ('990000', '升级测试省', 'PROVINCE', 'PROVINCE') returning id`);
      const unit = await owner.query(`insert into organisation (name, kind, region_id) values ('升级测试厅', 'GOVERNMENT_DEPT', $1) returning id`, [region.rows[0].id]);
      const suggestion = await owner.query(
        `insert into suggestion (number, title, region_id, submitted_on, assigned_on, status) values ('1', '关于升级的建议', $1, '2024-01-02', '2024-01-05', 'IN_PROGRESS') returning id`,
        [region.rows[0].id],
      );
      const handling = await owner.query(`insert into suggestion_handling (suggestion_id, organisation_id, role, assigned_on) values ($1, $2, 'LEAD', '2024-01-05') returning id`, [
        suggestion.rows[0].id,
        unit.rows[0].id,
      ]);
      await owner.query('commit');

      await migrate(database.ownerUrl);

      const { rows } = await owner.query(`select due_on::text as due, started_on::text as started from suggestion_handling where id = $1`, [handling.rows[0].id]);
      expect(rows[0]).toEqual({ due: '2024-04-05', started: '2024-01-05' });
      const audited = await owner.query(`select actor_name from audit_entry where entity = 'SuggestionHandling' and record_id = $1 and operation = 'UPDATE'`, [String(handling.rows[0].id)]);
      expect(audited.rows.map((row) => row.actor_name)).toEqual(['system:migration', 'system:migration']);
      expect((await verifyAuditTrail(owner)).ok).toBe(true);
    } finally {
      await owner.end();
    }
  }, 120_000);
});
