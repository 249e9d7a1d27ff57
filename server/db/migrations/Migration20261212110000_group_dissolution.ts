import { Migration } from '@mikro-orm/migrations';

/**
 * A deputy group's dissolution date (issue 22): the group counts of past years take the groups that existed on
 * the day they measure, not today's `active` flag, which now follows the date. A group already marked inactive
 * is taken as dissolved on the day it was last changed — the best date the records hold.
 */
export class Migration20261212110000_group_dissolution extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "deputy_group" add column "dissolved_on" date null;`);
    this.addSql(`update "deputy_group" set "dissolved_on" = greatest("founded_on", "updated_at"::date) where not "active";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deputy_group" drop column "dissolved_on";`);
  }
}
