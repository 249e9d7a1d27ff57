/**
 * Installation settings: who reads and who writes them is the capability table's (server/access/policy.ts: every
 * signed-in user reads, super administrators write); writes carry the optimistic version check.
 */
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { OptimisticLockError } from '@mikro-orm/core';
import { Setting } from '../../schema/entities/setting.entity.js';
import type { Context } from './context.js';
import { AppError } from './errors.js';

@Resolver(() => Setting)
export class SettingResolver {
  @Query(() => [Setting], { description: '系统设置 / All installation settings' })
  settings(@Ctx() { em, access }: Context): Promise<Setting[]> {
    access.requireCapability('readSettings');
    return em.find(Setting, {}, { orderBy: { key: 'asc' } });
  }

  @Mutation(() => Setting, {
    description: '保存系统设置（超级管理员）/ Creates a setting (version omitted) or updates it (the version read last); super administrators only',
  })
  async setSetting(
    @Ctx() { access, writer }: Context,
    @Arg('key', () => String) key: string,
    @Arg('value', () => GraphQLJSON) value: unknown,
    @Arg('version', () => Int, { nullable: true }) version?: number | null,
  ): Promise<Setting> {
    if (!/^[a-zA-Z][\w.-]{0,99}$/.test(key)) {
      throw new AppError('BAD_USER_INPUT', { zh: '设置键格式不正确', en: 'The setting key is malformed' }, { field: 'key' });
    }
    access.requireCapability('writeSettings');
    return writer.transaction(async (tx) => {
      const existing = await tx.findOne(Setting, { key });
      if (version == null) {
        if (existing) throw conflict(existing.version);
        return tx.create(Setting, { key, value, version: 1, updatedAt: new Date() });
      }
      if (!existing) throw new AppError('NOT_FOUND', { zh: `设置“${key}”不存在`, en: `Setting "${key}" does not exist` });
      if (existing.version !== version) throw conflict(existing.version);
      existing.value = value;
      try {
        await tx.flush();
      } catch (error) {
        if (error instanceof OptimisticLockError) throw conflict(undefined);
        throw error;
      }
      return existing;
    });
  }
}

function conflict(currentVersion: number | undefined): AppError {
  return new AppError('CONFLICT', { zh: '该记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and try again' }, { currentVersion });
}
