/** 系统设置 / Setting: installation-wide values the secretariat edits (its name on the console, …). */
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@Entity({ tableName: 'setting' })
@ObjectType({ description: '系统设置 / Setting — an installation-wide value, such as the secretariat name shown in the console' })
export class Setting {
  @PrimaryKey({ type: 'text' })
  @Field(() => String, { description: '键 / Key' })
  key!: string;

  @Property({ type: 'json' })
  @Field(() => GraphQLJSON, { description: '值 / Value' })
  value!: unknown;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本 / Version (optimistic locking)' })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onCreate: () => new Date(), onUpdate: () => new Date() })
  @Field(() => Date, { description: '更新时间 / Updated at' })
  updatedAt!: Date;
}
