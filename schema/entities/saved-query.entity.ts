import { BaseRecord } from '../model/base-record.js';
import { BooleanField, JsonField, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { User } from './user.entity.js';

@Model({
  name: 'SavedQuery',
  singular: 'savedQuery',
  plural: 'savedQueries',
  labelZh: '保存的查询',
  labelEn: 'Saved query',
  description:
    '查询工作台中保存的 GraphQL 查询及其变量；共享的查询所有用户可见，系统自带的示例查询没有创建人 / A GraphQL query with its variables saved from the workbench; shared ones are read by everyone, the shipped examples have no owner',
  icon: 'ManageSearch',
  area: 'workbench',
  titleField: 'name',
  searchFields: ['name', 'description'],
  defaultSort: [{ field: 'name', direction: 'ASC' }],
  access: 'owned',
})
export class SavedQuery extends BaseRecord {
  @TextField({ labelZh: '名称', labelEn: 'Name', required: true, maxLength: 100 })
  name!: string;

  @LongTextField({ labelZh: '说明', labelEn: 'Description', maxLength: 2000 })
  description?: string | null;

  @LongTextField({ labelZh: '查询', labelEn: 'Query', required: true, maxLength: 100_000, description: 'GraphQL 查询文本 / The GraphQL document' })
  query!: string;

  @JsonField({ labelZh: '变量', labelEn: 'Variables', description: '查询变量（JSON 对象）/ The query’s variables (a JSON object)' })
  variables?: unknown;

  @Reference(() => User, { onDelete: 'CASCADE', labelZh: '创建人', labelEn: 'Owner', readOnly: true, description: '保存查询的用户，由系统填写 / The user who saved it, set by the server' })
  owner?: User | null;

  @BooleanField({ labelZh: '共享', labelEn: 'Shared', default: false, description: '共享的查询所有用户可见，可按链接打开 / Everyone sees a shared query and can open it by link' })
  shared!: boolean;
}
