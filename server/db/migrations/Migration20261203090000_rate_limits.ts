import { Migration } from '@mikro-orm/migrations';

/**
 * Rate limits and sign-in brakes counted in PostgreSQL (server/access/rate-limits.ts, rate-limiter-flexible's
 * table: key, points, expire in ms), so every server process on the database shares them and a process keeps
 * no memory per client. The per-(username, IP) failures table they replace goes.
 */
export class Migration20261203090000_rate_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
    this.addSql(`create index "rate_limit_expire_idx" on "rate_limit" ("expire");`);
    this.addSql(`drop table if exists "sign_in_failure";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit";`);
    this.addSql(`create table "sign_in_failure" ("username" text not null, "ip" text not null, "failures" int not null default 0, "first_failed_at" timestamptz not null default now(), "locked_until" timestamptz null, primary key ("username", "ip"));`);
  }
}
