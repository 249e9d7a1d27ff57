import { Migration } from '@mikro-orm/migrations';

/**
 * Whether a handling was answered after its due date, kept by PostgreSQL itself (a generated column): the
 * 建议办理情况表 counts on-time and late answers per unit with the API's ordinary filters, and no writer — the
 * workflow's steps, a bulk load, a restore — can leave it disagreeing with the dates.
 */
export class Migration20261212120000_answered_late extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "suggestion_handling" add column "answered_late" boolean generated always as ("answered_on" > "due_on") stored;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "suggestion_handling" drop column "answered_late";`);
  }
}
