/**
 * What the generic CRUD API cannot do for users: create one with a password (`createUser`) and give one a
 * new password (`resetUserPassword`). Passwords follow the policy of schema/shared/validators.ts, are
 * hashed with argon2id outside the transaction, and a new password ends the user's sessions.
 */
import { GraphQLID, GraphQLInt, GraphQLString, type GraphQLResolveInfo } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Info, Mutation, Resolver } from 'type-graphql';
import { User } from '../../schema/entities/user.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { passwordIssue, validators } from '../../schema/shared/validators.js';
import { checkId } from '../api/filter.builder.js';
import { typesOf } from '../api/types/model-types.js';
import { notFound } from '../api/writer.js';
import { AppError } from '../graphql/errors.js';
import { and, sql } from '../sql/sql.js';
import type { Context } from '../graphql/context.js';

const model = () => modelOf(User);

function checkPassword(password: string, username: string): void {
  const issue = passwordIssue(password, username);
  if (issue) throw new AppError('BAD_USER_INPUT', { zh: issue.zh, en: issue.en }, { field: 'password', issueCode: issue.code });
}

/** Stores the hash and ends the user's sessions, in the writing transaction. */
async function setPassword(tx: EntityManager, id: string, hash: string): Promise<void> {
  await tx.execute(`update app_user set password_hash = ?, password_changed_at = now() where id = ?`, [hash, id]);
  await tx.execute(`delete from user_session where user_id = ?`, [id]);
}

@Resolver()
export class UserResolver {
  @Mutation(() => User, { description: '新建用户并设置初始密码（管理员）/ Create a user with a first password (administrators)' })
  async createUser(
    @Arg('input', () => typesOf(model()).createInput) input: Record<string, unknown>,
    @Arg('password', () => GraphQLString) password: string,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    context.access.require(model(), 'update');
    const username = validators.username(String(input.username ?? ''));
    checkPassword(password, username.ok ? username.value : String(input.username ?? ''));
    const hash = await context.passwords.hash(password);
    // The row is inserted with the column's unusable default hash ('!'); the real one replaces it in the same transaction.
    const id = await context.writer.create(model(), { ...input }, (tx, created) => setPassword(tx, created, hash));
    return context.reader.compiledOne(model(), id, true, info);
  }

  @Mutation(() => User, { description: '重设用户密码并结束其全部会话（管理员）/ Give a user a new password and end their sessions (administrators)' })
  async resetUserPassword(
    @Arg('id', () => GraphQLID) id: string,
    @Arg('version', () => GraphQLInt) version: number,
    @Arg('password', () => GraphQLString) password: string,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    context.access.require(model(), 'update');
    checkId(id, 'id');
    const [row] = await context.readPool.rows<{ username: string }>(
      // Only to check the password against the username (a user outside the administrator's reach reads as
      // absent, before anything else is said of it); the update below checks reach and version again.
      sql`select t.username from app_user t where ${and([sql`t.id = ${id}`, context.access.readScope(model(), 't')])}`,
    );
    if (!row) throw notFound(model(), id, 'id');
    checkPassword(password, row.username);
    const hash = await context.passwords.hash(password);
    await context.writer.update(model(), { id, version }, {}, { after: (tx) => setPassword(tx, id, hash) });
    // Its sessions end with the commit; this process stops taking them as live now (others within a second).
    context.sessions.forgetUser(id);
    return context.reader.compiledOne(model(), id, true, info);
  }
}
