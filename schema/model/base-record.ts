/** What every record has: an id, optimistic-locking version, timestamps and the soft-delete mark. */
import { OptionalProps, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { describe } from './describe.js';
import { DateTimeField, IdField, TextField } from './fields.js';
import { addField, snake } from './registry.js';

@ObjectType()
export abstract class BaseRecord {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt' | 'deletedAt';

  @IdField()
  id!: string;

  @DateTimeField({ labelZh: '创建时间', labelEn: 'Created at', readOnly: true, required: true, views: ['show', 'filter'], stamp: 'create' })
  createdAt!: Date;

  @DateTimeField({
    labelZh: '更新时间',
    labelEn: 'Updated at',
    readOnly: true,
    required: true,
    views: ['list', 'show', 'filter'],
    stamp: 'update',
  })
  updatedAt!: Date;

  @DateTimeField({ labelZh: '删除时间', labelEn: 'Deleted at', readOnly: true, views: ['show'], description: '软删除标记：有值即已删除 / Soft-delete mark' })
  deletedAt?: Date | null;

  @TextField({ labelZh: '删除原因', labelEn: 'Deletion reason', readOnly: true, maxLength: 200, views: ['show'] })
  deletedReason?: string | null;

  version!: number;
}

// The version column: checked on every write (MikroORM `version: true` adds it to UPDATE … WHERE).
Property({ type: 'integer', version: true })(BaseRecord.prototype, 'version');
Field(() => Int, { description: describe('版本', 'Version', '乐观锁版本号，更新和删除时须提交 / Optimistic-locking version, sent with updates and deletes') })(BaseRecord.prototype, 'version');
addField(BaseRecord.prototype, {
  name: 'version',
  kind: 'int',
  graphqlType: 'Int',
  labelZh: '版本',
  labelEn: 'Version',
  description: describe('版本', 'Version'),
  required: true,
  nullable: false,
  readOnly: true,
  // The lock's counter, not a fact of the record: sent with every write, shown on no screen.
  views: [],
  constraints: {},
  column: snake('version'),
});
