import { Migration } from '@mikro-orm/migrations';

/** A dashboard belongs to the user who saved it and may be shared (schema/entities/dashboard.entity.ts). */
export class Migration20261123043556_dashboard_owner extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dashboard" add column "owner_id" bigint null, add column "shared" boolean not null default false;`);
    this.addSql(`alter table "dashboard" add constraint "dashboard_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update no action on delete no action;`);
    this.addSql(`create index "dashboard_owner_id_list_idx" on "dashboard" ("owner_id", "updated_at" desc, "id") where "deleted_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dashboard" drop constraint "dashboard_owner_id_foreign";`);

    this.addSql(`drop index "dashboard_owner_id_list_idx";`);
    this.addSql(`alter table "dashboard" drop column "owner_id", drop column "shared";`);
  }

}
