import { Migration } from '@mikro-orm/migrations';

/**
 * 优秀建议 (issue 22: 庄浪's 20+ high-quality suggestions): the standing committee's yearly selection marks a
 * suggestion commended. Existing suggestions were never selected, so they start as not commended.
 */
export class Migration20261213110000_commended_suggestion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "suggestion" add column "commended" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "suggestion" drop column "commended";`);
  }
}
