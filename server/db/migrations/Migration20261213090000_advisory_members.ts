import { Migration } from '@mikro-orm/migrations';

/**
 * Advisory groups (咨询型, issue 22: 庄浪县's 专家咨询团) whose members are experts, not necessarily deputies: a
 * membership names either a deputy or a person without a seat, exactly one of the two. Every existing row names
 * a deputy, so the check holds on a database with data; deputies' statistics still count deputy members only.
 */
export class Migration20261213090000_advisory_members extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "deputy_group" drop constraint "deputy_group_kind_check";`);
    this.addSql(`alter table "deputy_group" add constraint "deputy_group_kind_check" check ("kind" in ('REGIONAL', 'PROFESSIONAL', 'FUNCTIONAL', 'ADVISORY'));`);
    this.addSql(`alter table "group_membership" alter column "deputy_id" drop not null;`);
    this.addSql(`alter table "group_membership" add column "person_id" bigint null;`);
    this.addSql(
      `alter table "group_membership" add constraint "group_membership_person_id_foreign" foreign key ("person_id") references "person" ("id") on update no action on delete no action;`,
    );
    this.addSql(`alter table "group_membership" add constraint "group_membership_deputy_id_person_id_one_check" check (num_nonnulls("deputy_id", "person_id") = 1);`);
    this.addSql(`create index "group_membership_person_id_list_idx" on "group_membership" ("person_id", "role", "joined_on" desc, "id") where "deleted_at" is null;`);
    this.addSql(`create unique index "group_membership_person_id_group_id_unique" on "group_membership" ("person_id", "group_id") where "deleted_at" is null and "left_on" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "group_membership" where "person_id" is not null;`);
    this.addSql(`drop index "group_membership_person_id_group_id_unique";`);
    this.addSql(`drop index "group_membership_person_id_list_idx";`);
    this.addSql(`alter table "group_membership" drop constraint "group_membership_deputy_id_person_id_one_check";`);
    this.addSql(`alter table "group_membership" drop column "person_id";`);
    this.addSql(`alter table "group_membership" alter column "deputy_id" set not null;`);
    this.addSql(`update "deputy_group" set "kind" = 'PROFESSIONAL' where "kind" = 'ADVISORY';`);
    this.addSql(`alter table "deputy_group" drop constraint "deputy_group_kind_check";`);
    this.addSql(`alter table "deputy_group" add constraint "deputy_group_kind_check" check ("kind" in ('REGIONAL', 'PROFESSIONAL', 'FUNCTIONAL'));`);
  }
}
