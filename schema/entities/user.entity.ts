import { Property, type Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateTimeField, EnumField, HasMany, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { UserRole } from '../shared/enums.js';
import { Region } from './region.entity.js';
import { Organisation } from './organisation.entity.js';
import { Dashboard } from './dashboard.entity.js';
import { SavedQuery } from './saved-query.entity.js';

@Model({
  name: 'User',
  singular: 'user',
  plural: 'users',
  labelZh: '用户',
  labelEn: 'User',
  description:
    '登录本系统的人员：管理员管理其区划内的一切（无区划即超级管理员），工作人员只录入本县或本乡镇的记录，领导和分析人员只读，承办单位人员只办理交给本单位的建议 / Who signs in: an administrator manages everything in their region (none: a super administrator), a clerk writes only their own county’s or township’s records, leaders and analysts read, handling unit staff handle only the suggestions assigned to their unit',
  icon: 'ManageAccounts',
  area: 'system',
  table: 'app_user',
  titleField: 'displayName',
  describesPerson: true,
  searchFields: ['username', 'displayName'],
  defaultSort: [{ field: 'username', direction: 'ASC' }],
  // Created with a password (createUser) and given new ones (resetUserPassword), never through generic input.
  operations: ['list', 'read', 'update', 'delete', 'restore'],
  access: 'administration',
})
export class User extends BaseRecord {
  @TextField({
    labelZh: '用户名',
    labelEn: 'Username',
    required: true,
    unique: true,
    maxLength: 50,
    validator: 'username',
    description: '登录用：字母、数字、下划线、点或连字符，3 至 50 位 / For signing in: letters, digits, _ . -, 3 to 50 characters',
  })
  username!: string;

  @TextField({ labelZh: '姓名', labelEn: 'Display name', required: true, maxLength: 50 })
  displayName!: string;

  @EnumField(UserRole, { labelZh: '角色', labelEn: 'Role', required: true })
  role!: UserRole;

  @Reference(() => Region, {
    labelZh: '所属区划',
    labelEn: 'Region',
    description: '工作人员必填（本县或本乡镇）；管理员为空即超级管理员 / Required for clerks (their county or township); an administrator without one is a super administrator',
  })
  region?: Region | null;

  @Reference(() => Organisation, {
    labelZh: '所属承办单位',
    labelEn: 'Handling unit',
    description: '承办单位人员必填，其所属区划即单位的区划；其他角色为空 / Required for handling unit staff (their region is the unit’s); empty for other roles',
  })
  organisation?: Organisation | null;

  @BooleanField({ labelZh: '启用', labelEn: 'Active', default: true, description: '停用的用户不能登录 / An inactive user cannot sign in' })
  active!: boolean;

  @DateTimeField({ labelZh: '最近登录', labelEn: 'Last sign-in', readOnly: true, views: ['list', 'show'] })
  lastSignInAt?: Date | null;

  @DateTimeField({ labelZh: '密码设置时间', labelEn: 'Password set at', readOnly: true, views: ['show'] })
  passwordChangedAt?: Date | null;

  @HasMany(() => Dashboard, 'owner', { labelZh: '保存的看板', labelEn: 'Dashboards saved' })
  dashboards!: Collection<Dashboard>;

  @HasMany(() => SavedQuery, 'owner', { labelZh: '保存的查询', labelEn: 'Queries saved' })
  savedQueries!: Collection<SavedQuery>;

  /** The argon2id hash: stored, never a GraphQL field, never in metadata, redacted in the audit trail ('!' matches no password). */
  @Property({ type: 'text', hidden: true, lazy: true, default: '!' })
  passwordHash!: string;
}
