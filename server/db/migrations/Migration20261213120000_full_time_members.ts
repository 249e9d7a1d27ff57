import { Migration } from '@mikro-orm/migrations';

/**
 * 专职 (issue 22: 吉县's 18 full-time standing-committee members): an election to the standing committee says
 * whether the member works for it full-time. Existing appointments say nothing, so they start as not full-time.
 */
export class Migration20261213120000_full_time_members extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "appointment" add column "full_time" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "appointment" drop column "full_time";`);
  }
}
