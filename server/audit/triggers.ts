/**
 * The audit triggers, derived from the model at migrate time like the metric triggers: every served table
 * (and the settings) gets statement-level triggers that call `crc_audit_rows` (migration …_access), which
 * writes one hash-chained entry per changed row in the writing transaction — ORM and plain SQL alike —
 * and refuses a write whose transaction names no actor. A new entity is audited with no migration.
 */
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { derivedColumns } from '../../schema/model/relations.js';
import { dryRunGuardTrigger, inDryRun } from '../db/dry-run.js';

export type AuditedTable = { table: string; entity: string; names: Record<string, string>; secret: string[]; key: string; derived: string[] };

/** What is audited: each table with its entity name and the API names of its columns. */
export function auditedTables(): AuditedTable[] {
  const models = servedEntities.map((entity) => modelOf(entity));
  return [
    ...models.map((model) => ({
      table: model.table,
      entity: model.name,
      names: Object.fromEntries(model.fields.filter((field) => field.column).map((field) => [field.column!, field.name])),
      // Stored but never shown: a password hash is recorded as changed, never by value.
      secret: model.name === 'User' ? ['password_hash'] : [],
      key: 'id',
      derived: derivedColumns(model),
    })),
    { table: 'setting', entity: 'Setting', names: { updated_at: 'updatedAt' }, secret: [], key: 'key', derived: [] },
  ];
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function tableTriggers({ table, entity, names, secret, key, derived }: AuditedTable): string[] {
  const args = [entity, JSON.stringify(names), `{${secret.join(',')}}`, key, `{${derived.join(',')}}`].map(literal).join(', ');
  // Not in a dry run, whose writes the guard keeps from ever committing (server/db/dry-run.ts).
  const audited = `when (not (${inDryRun})) execute function crc_audit_rows(${args})`;
  return [
    `create or replace trigger crc_audit_${table}_insert after insert on "${table}" referencing new table as new_rows for each statement ${audited};`,
    `create or replace trigger crc_audit_${table}_update after update on "${table}" referencing old table as old_rows new table as new_rows for each statement ${audited};`,
    `create or replace trigger crc_audit_${table}_delete after delete on "${table}" referencing old table as old_rows for each statement ${audited};`,
    ...dryRunGuardTrigger(table),
  ];
}

/**
 * Every statement that (re)creates the audit triggers of the tables that exist; idempotent. (A table the
 * model declares before its migration exists — while `migration:create` diffs — gets its triggers later.)
 */
export function auditTriggerStatements(existing: ReadonlySet<string>): string[] {
  return auditedTables()
    .filter((audited) => existing.has(audited.table))
    .flatMap(tableTriggers);
}

/** The trigger names on `table`: bulk loads switch them off and write one LOAD entry instead (seeds/). */
export function auditTriggerNames(table: string): string[] {
  return ['insert', 'update', 'delete'].map((event) => `crc_audit_${table}_${event}`);
}
