/**
 * The `metadata` query (API.md): the model registry as the console reads it — entities, labels, fields,
 * kinds, enum options, references and views — so screens are generated, never written per entity.
 */
import { isImportable } from '../import/columns.js';
import { backReference, naturalKeys, targetOf } from '../../schema/model/relations.js';
import { Ctx, Field, Float, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { allowedOperations, capabilityTable, mayUse, type Capability } from '../access/policy.js';
import type { Access, FieldUse, Purpose } from '../access/access.js';
import { typesOf } from './types/model-types.js';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { areas, fieldDisplays, fieldKinds, operations, views, type FieldDisplay, type FieldKind, type Operation, type View } from '../../schema/shared/field-kinds.js';
import type { AreaMeta, EntityMeta, FieldMeta as FieldMetadata, Metadata as MetadataContract, OnDelete, OptionMeta, RangeMeta, Viewer } from '../../schema/shared/metadata.js';
import { UserRole } from '../../schema/shared/enums.js';
import { inflection } from '../../schema/shared/inflection.js';

/** The contract's closed sets as GraphQL enums (their values are the names themselves: the answer reads the same). */
const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
const FieldKindEnum = asEnum(fieldKinds);
const FieldDisplayEnum = asEnum(fieldDisplays);
const ViewEnum = asEnum(views);
const OperationEnum = asEnum(operations);
const RoleEnum = asEnum(UserRole.values);
const OnDeleteEnum = asEnum<OnDelete>(['REFUSE', 'CASCADE', 'CLEAR']);
const DirectionEnum = asEnum<'ASC' | 'DESC'>(['ASC', 'DESC']);
registerEnumType(FieldKindEnum, { name: 'MetadataFieldKind', description: '字段类型 / The kind of a field, which the console maps to components' });
registerEnumType(FieldDisplayEnum, { name: 'MetadataFieldDisplay', description: '字段值的书写方式 / How a value is written for readers (term: 第十八届 / 18th)' });
registerEnumType(ViewEnum, { name: 'MetadataView', description: '字段出现的页面 / Where a field is shown' });
registerEnumType(OperationEnum, { name: 'MetadataOperation', description: '当前用户可执行的操作 / What the current user may do' });
registerEnumType(RoleEnum, { name: 'MetadataRole' });
registerEnumType(OnDeleteEnum, { name: 'MetadataOnDelete' });
registerEnumType(DirectionEnum, { name: 'MetadataDirection' });

@ObjectType('MetadataOption', { description: '枚举选项 / An enum value with its labels', simpleResolvers: true })
class MetadataOption implements OptionMeta {
  @Field(() => String) value!: string;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String, { nullable: true }) color!: string | null;
}

@ObjectType('MetadataReference', { description: '关联 / Where a reference or list points', simpleResolvers: true })
class MetadataReference implements NonNullable<FieldMetadata['reference']> {
  @Field(() => String, { description: '目标实体 / Target entity name' }) entity!: string;
  @Field(() => String, { nullable: true, description: '对端字段 / The field on the other side' }) inverse!: string | null;
  @Field(() => OnDeleteEnum, {
    nullable: true,
    description:
      '删除被指向的记录时：REFUSE 拒绝删除、CASCADE 一并删除（恢复时一并恢复）、CLEAR 清空此关联 / When the record pointed at is deleted: REFUSE the delete, CASCADE it (and the restore), or CLEAR this reference',
  })
  onDelete!: OnDelete | null;
}

@ObjectType('MetadataSort', { simpleResolvers: true })
class MetadataSort implements Readonly<EntityMeta['defaultSort'][number]> {
  @Field(() => String) field!: string;
  @Field(() => DirectionEnum) direction!: 'ASC' | 'DESC';
}

@ObjectType('MetadataRange', { description: '日期区间 / A (start, end) pair of fields: the end may not be before the start', simpleResolvers: true })
class MetadataRange implements RangeMeta {
  @Field(() => String, { description: '起始字段 / Start field' }) start!: string;
  @Field(() => String, { description: '终止字段 / End field' }) end!: string;
}

@ObjectType('MetadataField', { description: '字段元数据 / One field as the console renders it', simpleResolvers: true })
class MetadataField implements FieldMetadata {
  @Field(() => String) name!: string;
  @Field(() => FieldKindEnum) kind!: FieldKind;
  @Field(() => String) graphqlType!: string;
  @Field(() => Boolean, { description: '新建时必填 / Required on create' }) required!: boolean;
  @Field(() => Boolean, { description: '可为空 / May be empty; false for fields with a default' }) nullable!: boolean;
  @Field(() => Boolean) readOnly!: boolean;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String) description!: string;
  @Field(() => [MetadataOption], { nullable: true }) options!: MetadataOption[] | null;
  @Field(() => MetadataReference, { nullable: true }) reference!: MetadataReference | null;
  @Field(() => [ViewEnum]) views!: View[];
  @Field(() => String, { nullable: true, description: '共用校验器 / Shared validator (idNumber, mobile, divisionCode …)' }) validator!: string | null;
  @Field(() => Int, { nullable: true }) maxLength!: number | null;
  @Field(() => Float, { nullable: true }) min!: number | null;
  @Field(() => Float, { nullable: true }) max!: number | null;
  @Field(() => Int, { nullable: true }) scale!: number | null;
  @Field(() => Boolean, { description: '个人身份信息 / A personal identifier (ID number, mobile, address)' }) personal!: boolean;
  @Field(() => Boolean, { description: '当前用户看到的是脱敏值 / The current user reads it masked' }) masked!: boolean;
  @Field(() => Boolean, { description: '当前用户可按此字段排序列表 / The current user may sort lists by it' }) sortable!: boolean;
  @Field(() => Boolean, { description: '当前用户可按此字段筛选列表 / The current user may filter lists by it' }) filterable!: boolean;
  @Field(() => Boolean, { description: '当前用户可在统计中按此字段分组 / The current user may group statistics by it' }) groupable!: boolean;
  @Field(() => Boolean, { description: '可在统计中求和、求平均（计数而非编号的数）/ Summed and averaged in statistics (a quantity, not a year or term)' })
  measurable!: boolean;
  @Field(() => FieldDisplayEnum, { nullable: true, description: '值的书写方式，如届次写作“第十八届” / How the value is written, e.g. a term as 第十八届 / 18th' })
  display!: FieldDisplay | null;
}

@ObjectType('MetadataEntity', { description: '实体元数据 / One entity as the console renders it', simpleResolvers: true })
class MetadataEntity implements EntityMeta {
  @Field(() => String) name!: string;
  @Field(() => String) singular!: string;
  @Field(() => String) plural!: string;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String) description!: string;
  @Field(() => String) icon!: string;
  @Field(() => String, { description: '菜单分组 / Menu area' }) area!: string;
  @Field(() => String) titleField!: string;
  @Field(() => [String]) searchFields!: string[];
  @Field(() => [String], { description: '选择器在标题旁显示、用以区分记录的字段（不含个人信息）/ What a picker shows beside the title to tell records apart (no personal field)' })
  pickerFields!: string[];
  @Field(() => Boolean, { description: '列入菜单；关联表为否（在所关联记录的页面内维护）/ Listed in the menu; false for a link table, kept inside the pages of the records it joins' })
  inMenu!: boolean;
  @Field(() => Boolean, { description: '记录属于区划：筛选可用 inRegion 限定到某区划（含下级）/ Its records belong to regions: filters take inRegion (a region and its subdivisions)' })
  regional!: boolean;
  @Field(() => Boolean, { description: '可从 Excel 或 CSV 导入（/import）/ Records can be imported from Excel or CSV (/import)' })
  importable!: boolean;
  @Field(() => [String], { description: '自然键：导入时可据以更新已有记录的唯一字段 / Natural keys: the unique fields an import may update an existing record by' })
  naturalKeys!: string[];
  @Field(() => [MetadataSort]) defaultSort!: MetadataSort[];
  @Field(() => [OperationEnum]) operations!: Operation[];
  @Field(() => [MetadataField]) fields!: MetadataField[];
  @Field(() => [MetadataRange], { description: '日期区间：止不得早于起 / Field pairs whose end may not be before the start' }) ranges!: MetadataRange[];
}

@ObjectType('MetadataArea', { description: '菜单分组 / A menu area, in menu order', simpleResolvers: true })
class MetadataArea implements AreaMeta {
  @Field(() => String) key!: string;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
}

@ObjectType('MetadataViewerRegion', { simpleResolvers: true })
class MetadataViewerRegion implements NonNullable<Viewer['region']> {
  @Field(() => String) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('MetadataViewer', { description: '当前用户 / The signed-in user', simpleResolvers: true })
class MetadataViewer implements Viewer {
  @Field(() => String) id!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => RoleEnum) role!: UserRole;
  @Field(() => MetadataViewerRegion, { nullable: true, description: '所属区划；为空即不限区划 / Their region; null: not bounded to one' }) region!: MetadataViewerRegion | null;
  @Field(() => [String], { description: '记录之外的权限（指标对比、审计日志等）/ What they may do beyond records (compareMetrics, readAuditLog …)' }) capabilities!: string[];
}

@ObjectType('Metadata', { simpleResolvers: true })
class Metadata implements MetadataContract {
  @Field(() => [MetadataEntity], { description: '实体；operations 为当前用户可执行的操作 / Entities; operations are those the current user may perform' }) entities!: MetadataEntity[];
  @Field(() => [MetadataArea]) areas!: MetadataArea[];
  @Field(() => MetadataViewer) viewer!: MetadataViewer;
}

function referenceOf(model: ModelMeta, field: FieldMeta): MetadataReference | null {
  if (field.kind === 'reference') {
    const target = targetOf(field);
    const inverse = target.fields.find((candidate) => candidate.kind === 'referenceList' && candidate.mappedBy === field.name && targetOf(candidate) === model);
    return { entity: target.name, inverse: inverse?.name ?? null, onDelete: field.onDelete ?? 'REFUSE' };
  }
  if (field.kind === 'referenceList') {
    const { field: back } = backReference(field);
    return { entity: targetOf(field).name, inverse: field.mappedBy ?? null, onDelete: back.onDelete ?? 'REFUSE' };
  }
  return null;
}

function graphqlTypeOf(field: FieldMeta): string {
  if (field.kind === 'reference') return targetOf(field).name;
  if (field.kind === 'referenceList') return inflection.listType(targetOf(field));
  return field.graphqlType ?? 'String';
}

function describeModel(model: ModelMeta): MetadataEntity {
  return {
    name: model.name,
    singular: model.singular,
    plural: model.plural,
    labelZh: model.labelZh,
    labelEn: model.labelEn,
    description: model.description,
    icon: model.icon,
    area: model.area,
    titleField: model.titleField,
    searchFields: model.searchFields,
    pickerFields: model.pickerFields,
    inMenu: model.inMenu,
    regional: model.regionPaths.length > 0,
    importable: isImportable(model),
    naturalKeys: naturalKeys(model).map((field) => field.name),
    defaultSort: model.defaultSort,
    operations: model.operations,
    fields: model.fields.map((field) => ({
      name: field.name,
      kind: field.kind,
      graphqlType: graphqlTypeOf(field),
      required: field.required,
      nullable: field.nullable,
      readOnly: field.readOnly,
      labelZh: field.labelZh,
      labelEn: field.labelEn,
      description: field.description,
      options: field.enum ? field.enum.options.map((option) => ({ ...option, color: option.color ?? null })) : null,
      reference: referenceOf(model, field),
      views: field.views,
      validator: field.constraints.validator ?? null,
      maxLength: field.constraints.maxLength ?? null,
      min: field.constraints.min ?? null,
      max: field.constraints.max ?? null,
      scale: field.constraints.scale ?? null,
      personal: Boolean(field.personal),
      masked: false,
      sortable: false,
      filterable: false,
      groupable: false,
      measurable: false,
      display: field.display ?? null,
    })),
    ranges: model.ranges.map(([start, end]) => ({ start, end })),
  };
}

/**
 * The model as the user sees it: only the operations they may perform, personal fields marked masked, and
 * the fields they may sort, filter and group by — what the access rule (Access.refusal) allows, so the
 * console offers nothing the server would refuse.
 */
function forActor(entity: MetadataEntity, model: ModelMeta, access: Access): MetadataEntity {
  const { sortableFields, groupableFields, numericFields } = typesOf(model);
  const allowed = (field: FieldMeta, use: FieldUse, purpose: Purpose) => !access.refusal(model, field, use, purpose);
  return {
    ...entity,
    operations: allowedOperations(access.actor, model),
    fields: entity.fields.map((described, index) => {
      const field = model.fields[index];
      return {
        ...described,
        masked: described.personal && access.masks,
        sortable: sortableFields.includes(field) && allowed(field, 'sort', 'records'),
        filterable: field.kind !== 'referenceList' && field.kind !== 'json' && allowed(field, 'filter', 'records'),
        groupable: groupableFields.includes(field) && allowed(field, 'group', 'statistics'),
        // A year or a term keeps its min and max in the API; charts neither sum nor average it.
        measurable: numericFields.includes(field) && field.measure !== false && allowed(field, 'measure', 'statistics'),
      };
    }),
  };
}

/** A resolver answering for the models the schema was built from, for the signed-in user. */
export function metadataResolver(models: readonly ModelMeta[]): Function {
  const described = models.map((model) => ({ model, entity: describeModel(model) }));
  const areaList = Object.entries(areas).map(([key, label]) => ({ key, labelZh: label.zh, labelEn: label.en }));

  @Resolver()
  class MetadataResolver {
    @Query(() => Metadata, { description: '元数据：控制台据此生成页面，按当前用户的权限 / What the console builds its screens from, for the current user' })
    metadata(@Ctx() { access }: Context): Metadata {
      const { actor } = access;
      return {
        entities: described.map(({ model, entity }) => forActor(entity, model, access)),
        areas: areaList,
        viewer: {
          id: actor.id,
          username: actor.username,
          displayName: actor.displayName,
          role: actor.role,
          region: actor.regionId ? { id: actor.regionId, code: actor.regionCode!, name: actor.regionName! } : null,
          // The console leaves out what the server would refuse (the comparison page for a handling unit's staff).
          capabilities: (Object.keys(capabilityTable) as Capability[]).filter((capability) => mayUse(actor, capability)),
        },
      };
    }
  }
  return MetadataResolver;
}
