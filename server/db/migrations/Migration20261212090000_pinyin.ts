import { Migration } from '@mikro-orm/migrations';
import { fillPinyin, type PinyinColumn } from '../pinyin.js';

/** The texts found by pinyin as this migration found them (a model that gains one later brings its own migration). */
const columns: PinyinColumn[] = [
  { table: 'person', column: 'name', pinyinColumn: 'name_pinyin', reading: 'personName' },
  { table: 'region', column: 'name', pinyinColumn: 'name_pinyin', reading: 'words' },
  { table: 'organisation', column: 'name', pinyinColumn: 'name_pinyin', reading: 'words' },
];

/**
 * Names found by pinyin and pinyin initials (`q: "dingbo"`, `"db"` finds 丁波): a column beside each name for its
 * pinyin forms (schema/shared/pinyin.ts), which the server's writes keep (schema/model/fields.ts) and the search
 * indexes cover (server/db/search-indexes.ts). The rows already there are filled here, in JS and in the
 * migration's transaction (server/db/pinyin.ts): a database is never left with the column and without its values.
 */
export class Migration20261212090000_pinyin extends Migration {
  override async up(): Promise<void> {
    for (const { table, pinyinColumn } of columns) await this.execute(`alter table "${table}" add column "${pinyinColumn}" text null;`);
    await fillPinyin((statement) => this.execute(statement), { targets: columns });
  }

  override async down(): Promise<void> {
    for (const { table, pinyinColumn } of columns) this.addSql(`alter table "${table}" drop column "${pinyinColumn}";`);
  }
}
