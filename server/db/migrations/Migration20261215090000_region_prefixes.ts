import { Migration } from '@mikro-orm/migrations';
import { Person } from '../../../schema/entities/person.entity.js';
import { modelOf } from '../../../schema/model/registry.js';
import { switchAudit } from '../pinyin.js';
import { prefixesSql } from '../region-prefixes.js';
import { auditRowsTogether } from './Migration20261206120000_audit_append_rows.js';

/** Replaces `from` in `text`, which must hold it once: a function derived from an earlier migration's text. */
function edited(text: string, edits: [from: string, to: string][]): string {
  return edits.reduce((result, [from, to]) => {
    if (result.split(from).length !== 2) throw new Error(`crc_audit_rows: expected one "${from}"`);
    return result.replace(from, to);
  }, text);
}

/**
 * crc_audit_rows as the audit_append_rows migration left it, with the columns the database derives (a trigger's fifth
 * argument: region prefixes, pinyin) left out of every entry, and an update that changed only such columns not
 * recorded: a seat added rewrites its person's prefixes, which no one wrote and no history shows.
 */
const auditRowsWithoutDerived = edited(auditRowsTogether, [
  [`key_column text := tg_argv[3];`, `key_column text := tg_argv[3];\n      derived text[] := coalesce(tg_argv[4]::text[], '{}');`],
  [`a.key not in ('id', 'version', 'created_at', 'updated_at') and`, `a.key not in ('id', 'version', 'created_at', 'updated_at') and not a.key = any(derived) and`],
  [
    `where a.key not in ('version', 'updated_at') and a.value is distinct from b.value
          ) c;`,
    `where a.key not in ('version', 'updated_at') and not a.key = any(derived) and a.value is distinct from b.value
          ) c
          where c.changes <> '{}' or not exists (
            select 1 from jsonb_each(r.after) a join jsonb_each(r.before) b on b.key = a.key where a.key = any(derived) and a.value is distinct from b.value);`,
  ],
  [`from jsonb_each(r.before) b where b.value <> 'null'::jsonb`, `from jsonb_each(r.before) b where b.value <> 'null'::jsonb and not b.key = any(derived)`],
]);

/**
 * A person's region prefixes (server/db/region-prefixes.ts): the column, filled for the persons already there from
 * their paths as the model gives them today (a model whose paths change brings its own refill), with the audit
 * triggers and the metric facts' marking off (in the migration's transaction); the triggers that keep it are derived
 * at migrate time, its GIN index with the scope indexes.
 */
export class Migration20261215090000_region_prefixes extends Migration {
  override async up(): Promise<void> {
    this.addSql(auditRowsWithoutDerived);
    const person = modelOf(Person);
    const run = (statement: string) => this.execute(statement);
    await run(`alter table "person" add column "region_prefixes" text[] null;`);
    await switchAudit(run, 'person', false);
    await run(`update "person" t set "region_prefixes" = ${prefixesSql(person, 't')}`);
    await switchAudit(run, 'person', true);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "person" drop column "region_prefixes";`);
    this.addSql(auditRowsTogether);
  }
}
