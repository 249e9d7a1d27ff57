import { Migration } from '@mikro-orm/migrations';

/**
 * Dates that let a figure be counted as of a past day (issue 22, the demo's articles): the day a livelihood project
 * was voted on (its year says only which year's list it is on) and the day an organisation was established (吉县's
 * special committees and 一室六委 before its 2021 换届). The records hold neither, so both start empty.
 */
export class Migration20261214090000_article_dates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "livelihood_project" add column "voted_on" date null;`);
    this.addSql(`alter table "organisation" add column "established_on" date null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "livelihood_project" drop column "voted_on";`);
    this.addSql(`alter table "organisation" drop column "established_on";`);
  }
}
