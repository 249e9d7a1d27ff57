import { Migration } from '@mikro-orm/migrations';

/**
 * The suggestion workflow (issue 21; schema/shared/suggestion-workflow.ts): handling unit staff as users bound
 * to an organisation (role HANDLER), the ends REJECTED and MERGED, the workflow's facts on suggestions and
 * handlings (due dates, answers, re-assignment requests, a second dissatisfied close), and the history of
 * each suggestion's steps (suggestion_transition).
 */
export class Migration20261209090000_suggestion_workflow extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "suggestion_transition" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_reason" varchar(200) null, "version" int not null default 1, "suggestion_id" bigint not null, "handling_id" bigint null, "organisation_id" bigint null, "step" text check ("step" in ('ACCEPT', 'REJECT', 'MERGE', 'ASSIGN', 'START', 'ANSWER', 'FEEDBACK', 'REOPEN', 'CLOSE', 'REQUEST_REASSIGNMENT', 'ACCEPT_REASSIGNMENT', 'REFUSE_REASSIGNMENT')) not null, "from_status" text check ("from_status" in ('SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED', 'REJECTED', 'MERGED')) not null, "to_status" text check ("to_status" in ('SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED', 'REJECTED', 'MERGED')) not null, "occurred_on" date not null, "due_on" date null, "actor_name" varchar(120) not null, "note" text null);`);
    this.addSql(`create index "suggestion_transition_suggestion_id_list_idx" on "suggestion_transition" ("suggestion_id", "created_at", "id") where "deleted_at" is null;`);
    this.addSql(`create index "suggestion_transition_handling_id_list_idx" on "suggestion_transition" ("handling_id", "created_at", "id") where "deleted_at" is null;`);
    this.addSql(`create index "suggestion_transition_organisation_id_list_idx" on "suggestion_transition" ("organisation_id", "created_at", "id") where "deleted_at" is null;`);
    this.addSql(`create index "suggestion_transition_default_sort_idx" on "suggestion_transition" ("created_at", "id") where "deleted_at" is null;`);
    this.addSql(`alter table "suggestion_transition" add constraint "suggestion_transition_suggestion_id_foreign" foreign key ("suggestion_id") references "suggestion" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "suggestion_transition" add constraint "suggestion_transition_handling_id_foreign" foreign key ("handling_id") references "suggestion_handling" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "suggestion_transition" add constraint "suggestion_transition_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "suggestion" drop constraint if exists "suggestion_status_check";`);
    this.addSql(`alter table "app_user" drop constraint if exists "app_user_role_check";`);
    this.addSql(`alter table "suggestion" add column "closed_dissatisfied" boolean not null default false, add column "rejection_reason" text null, add column "merged_into_id" bigint null;`);
    this.addSql(`alter table "suggestion" add constraint "suggestion_merged_into_id_foreign" foreign key ("merged_into_id") references "suggestion" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "suggestion" add constraint "suggestion_status_check" check("status" in ('SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED', 'REJECTED', 'MERGED'));`);
    this.addSql(`create index "suggestion_merged_into_id_list_idx" on "suggestion" ("merged_into_id", "submitted_on" desc, "id") where "deleted_at" is null;`);
    this.addSql(`alter table "suggestion_handling" add column "due_on" date null, add column "started_on" date null, add column "answer" text null, add column "reassignment_status" text check ("reassignment_status" in ('REQUESTED', 'ACCEPTED', 'REFUSED')) null, add column "reassignment_reason" varchar(500) null;`);
    this.addSql(`alter table "app_user" add column "organisation_id" bigint null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "app_user" add constraint "app_user_role_check" check("role" in ('ADMIN', 'CLERK', 'LEADER', 'ANALYST', 'HANDLER'));`);
    this.addSql(`create index "app_user_organisation_id_list_idx" on "app_user" ("organisation_id", "username", "id") where "deleted_at" is null;`);
    // Existing data stays valid: the statuses keep their names and meaning (REJECTED and MERGED are new ends), and
    // every handling already assigned gets the due date the old rule gave its suggestion (three months on).
    this.addSql(`update "suggestion_handling" h set "due_on" = coalesce((select s."answer_due_on" from "suggestion" s where s."id" = h."suggestion_id"), (h."assigned_on" + interval '3 months')::date) where h."assigned_on" is not null and h."due_on" is null;`);
    this.addSql(`update "suggestion_handling" h set "started_on" = h."assigned_on" from "suggestion" s where s."id" = h."suggestion_id" and h."assigned_on" is not null and h."started_on" is null and s."status" in ('IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED');`);
    this.addSql(`select crc_track_counts('suggestion_transition');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "suggestion_transition" cascade;`);
    this.addSql(`drop index if exists "app_user_organisation_id_list_idx";`);
    this.addSql(`alter table "app_user" drop constraint if exists "app_user_role_check";`);
    this.addSql(`alter table "app_user" drop constraint if exists "app_user_organisation_id_foreign";`);
    this.addSql(`alter table "app_user" drop column "organisation_id";`);
    this.addSql(`alter table "app_user" add constraint "app_user_role_check" check("role" in ('ADMIN', 'CLERK', 'LEADER', 'ANALYST'));`);
    this.addSql(`alter table "suggestion" drop constraint if exists "suggestion_status_check";`);
    this.addSql(`alter table "suggestion" drop constraint if exists "suggestion_merged_into_id_foreign";`);
    this.addSql(`drop index if exists "suggestion_merged_into_id_list_idx";`);
    this.addSql(`alter table "suggestion" drop column "closed_dissatisfied", drop column "rejection_reason", drop column "merged_into_id";`);
    this.addSql(`alter table "suggestion" add constraint "suggestion_status_check" check("status" in ('SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED'));`);
    this.addSql(`alter table "suggestion_handling" drop column "due_on", drop column "started_on", drop column "answer", drop column "reassignment_status", drop column "reassignment_reason";`);
  }

}
