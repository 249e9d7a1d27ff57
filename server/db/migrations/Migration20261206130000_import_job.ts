import { Migration } from '@mikro-orm/migrations';

/**
 * Imports run in the background (server/import/import-jobs.ts): each is a row here, so that its progress and
 * its report outlive the request and the page that started it, any server process can answer for it, and a
 * user runs one at a time (the partial unique index, which holds across processes). The uploaded file is kept
 * with the job for a commit after its dry run and for the error report, and dropped a day after (with it, the
 * personal data it may hold); the jobs themselves go after 30 days.
 */
export class Migration20261206130000_import_job extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "import_job" (
      "id" uuid primary key,
      "user_id" bigint not null references "app_user" ("id"),
      "entity" text not null,
      "filename" text not null,
      "mode" text not null check ("mode" in ('dry-run', 'all', 'valid-only')),
      "upsert" boolean not null default false,
      "mapping" jsonb not null default '{}',
      "file" bytea null,
      "source_id" uuid null references "import_job" ("id") on delete set null,
      "state" text not null default 'running' check ("state" in ('running', 'done', 'failed', 'cancelled')),
      "rows_read" int not null default 0,
      "rows_done" int not null default 0,
      "rows_total" int null,
      "cancel_requested" boolean not null default false,
      "report" jsonb null,
      "error" jsonb null,
      "started_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "finished_at" timestamptz null
    );`);
    this.addSql(`create unique index "import_job_one_running_per_user" on "import_job" ("user_id") where "state" = 'running';`);
    this.addSql(`create index "import_job_user_idx" on "import_job" ("user_id", "started_at" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_job";`);
  }
}
