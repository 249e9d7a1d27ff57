import { Migration } from '@mikro-orm/migrations';

/**
 * Deputies at hearings and evaluation meetings (听证会、评议会, issue 22: 兰州's 100+ a year) are an activity kind
 * of their own: none of the others (inspection, research, attending the standing committee) is what they do there.
 */
export class Migration20261213100000_hearing_activity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "activity" drop constraint "activity_kind_check";`);
    this.addSql(
      `alter table "activity" add constraint "activity_kind_check" check ("kind" in ('VOTER_RECEPTION', 'INSPECTION', 'RESEARCH', 'LAW_ENFORCEMENT_CHECK', 'TRAINING', 'ATTEND_SESSION', 'REPORT_TO_VOTERS', 'HEARING', 'GROUP_ACTIVITY', 'OTHER'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`update "activity" set "kind" = 'OTHER' where "kind" = 'HEARING';`);
    this.addSql(`alter table "activity" drop constraint "activity_kind_check";`);
    this.addSql(
      `alter table "activity" add constraint "activity_kind_check" check ("kind" in ('VOTER_RECEPTION', 'INSPECTION', 'RESEARCH', 'LAW_ENFORCEMENT_CHECK', 'TRAINING', 'ATTEND_SESSION', 'REPORT_TO_VOTERS', 'GROUP_ACTIVITY', 'OTHER'));`,
    );
  }
}
