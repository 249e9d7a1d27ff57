import { Migration } from '@mikro-orm/migrations';

/**
 * Foundation: the application role's rights on everything the owner creates from now on, and the
 * installation settings table. Runs as the owner role.
 */
export class Migration20261122000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter default privileges in schema public grant select, insert, update, delete on tables to crc_app;`);
    this.addSql(`alter default privileges in schema public grant usage, select on sequences to crc_app;`);
    // The migrations table predates the default privileges; /readyz reads it as the app role.
    this.addSql(`grant select on table mikro_orm_migrations to crc_app;`);
    this.addSql(`create table "setting" (
      "key" text not null primary key,
      "value" jsonb not null,
      "version" integer not null default 1,
      "updated_at" timestamptz not null default now()
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "setting";`);
  }
}
