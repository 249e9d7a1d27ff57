/**
 * The CRUD resolver factory: for one model, the queries and mutations of API.md (named by the inflection
 * module) and the field resolvers of its references and to-many lists. Written once; no entity has a
 * resolver of its own. Only the operations the model declares are generated.
 */
import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLString, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import type { Operation } from '../../schema/shared/field-kinds.js';
import type { Context } from '../graphql/context.js';
import { AppError } from '../graphql/errors.js';
import { aggregate, type GroupByInput } from './aggregate.builder.js';
import { checkId, type FilterInput } from './filter.builder.js';
import { references, relationLists, targetOf } from '../../schema/model/relations.js';
import type { ListArgs } from './page-args.js';
import { planAggregate, prefetchKey, selectionOf } from './query-plan.js';
import { typesOf, VersionedId } from './types/model-types.js';
import type { VersionedId as VersionedIdValue } from './writer.js';

type ParamDecorator = (prototype: object, method: string, index: number) => void;
type MethodDecorator = (prototype: object, method: string, descriptor: PropertyDescriptor) => void;

/** Adds a method to the generated class and applies its decorators, as a hand-written class would. */
function define(target: { prototype: object }, name: string, decorator: MethodDecorator, params: ParamDecorator[], impl: (...args: never[]) => unknown) {
  Object.defineProperty(target.prototype, name, { value: impl, writable: true, configurable: true });
  params.forEach((param, index) => param(target.prototype, name, index));
  decorator(target.prototype, name, Object.getOwnPropertyDescriptor(target.prototype, name)!);
}

/** What one bulk create may hold: larger batches are an import's work (pages, progress, a report). */
export const maxBulkCreate = 1000;

const versionArg = () => Arg('version', () => GraphQLInt, { description: '读取时的版本 / The version the client read' }) as ParamDecorator;
const idArg = () => Arg('id', () => GraphQLID) as ParamDecorator;

const resolvers = new Map<ModelMeta, Function>();

/** One resolver class per model, made once (type-graphql's metadata is global to the process). */
export function crudResolver(model: ModelMeta): Function {
  let resolver = resolvers.get(model);
  if (!resolver) {
    resolver = makeCrudResolver(model);
    resolvers.set(model, resolver);
  }
  return resolver;
}

function makeCrudResolver(model: ModelMeta): Function {
  const types = typesOf(model);
  const holder = { [`${model.name}Resolver`]: class {} };
  const target = holder[`${model.name}Resolver`];
  const ops = new Set(model.operations);
  const label = `${model.labelZh} / ${model.labelEn}`;
  // A written record is read back as a read would read it (one compiled statement: scopes, masking, and
  // unmasked personal identifiers recorded), deleted or not.
  const reread = (context: Context, id: string, info: GraphQLResolveInfo) => context.reader.compiledOne(model, id, true, info);
  const info = () => Info() as ParamDecorator;
  // Every operation asks the policy first; the SQL builders then bound the rows (server/access/).
  const allowed = (context: Context, operation: Operation): true => {
    context.access.require(model, operation);
    return true;
  };

  if (ops.has('read')) {
    define(
      target,
      'one',
      Query(() => model.target, { name: inflection.one(model), nullable: true, description: `${label}: 按编号读取 / one record by id` }),
      [idArg(), Arg('withDeleted', () => GraphQLBoolean, { nullable: true, defaultValue: false }), Ctx(), info()],
      (id: string, withDeleted: boolean, context: Context, resolveInfo: GraphQLResolveInfo) =>
        allowed(context, 'read') && context.reader.compiledOne(model, checkId(id, 'id'), Boolean(withDeleted), resolveInfo),
    );
  }
  if (ops.has('list')) {
    define(
      target,
      'list',
      Query(() => types.list, { name: inflection.list(model), description: `${label}: 列表 / a page of records` }),
      [Args(() => types.listArgs), Ctx(), info()],
      (args: ListArgs, context: Context, resolveInfo: GraphQLResolveInfo) => allowed(context, 'list') && context.reader.compiledList(model, args, resolveInfo),
    );
  }
  if (ops.has('aggregate')) {
    define(
      target,
      'aggregate',
      Query(() => [types.aggregateGroup], { name: inflection.aggregate(model), description: `${label}: 分组汇总 / grouped counts and totals` }),
      [
        Arg('where', () => types.filter, { nullable: true }),
        Arg('groupBy', () => [types.groupBy], { nullable: true }),
        Arg('withDeleted', () => GraphQLBoolean, { nullable: true, defaultValue: false }),
        Ctx(),
        info(),
      ],
      (where: FilterInput | null, groupBy: GroupByInput[] | null, withDeleted: boolean, context: Context, resolveInfo: GraphQLResolveInfo) =>
        allowed(context, 'aggregate') &&
        // Only the measures and labels the selection reads are computed.
        aggregate(context.readPool, model, { where, groupBy, withDeleted }, types.numericFields, planAggregate(resolveInfo, selectionOf(resolveInfo)), context.language, context.access),
    );
  }
  if (ops.has('create')) {
    define(
      target,
      'create',
      Mutation(() => model.target, { name: inflection.create(model), description: `${label}: 新建 / create` }),
      [Arg('input', () => types.createInput), Ctx(), info()],
      async (input: Record<string, unknown>, context: Context, resolveInfo: GraphQLResolveInfo) =>
        allowed(context, 'create') && reread(context, await context.writer.create(model, { ...input }), resolveInfo),
    );
    define(
      target,
      'createMany',
      Mutation(() => [model.target], {
        name: inflection.createMany(model),
        description: `${label}: 批量新建，全部成功或全部不变（每次至多 ${maxBulkCreate} 条）/ bulk create, all or nothing (at most ${maxBulkCreate} at once)`,
      }),
      [Arg('inputs', () => [types.createInput]), Ctx(), info()],
      async (inputs: Record<string, unknown>[], context: Context, resolveInfo: GraphQLResolveInfo) => {
        allowed(context, 'create');
        if (inputs.length > maxBulkCreate) {
          throw new AppError(
            'BAD_USER_INPUT',
            { zh: `一次至多新建 ${maxBulkCreate} 条（收到 ${inputs.length} 条）`, en: `At most ${maxBulkCreate} records at once (got ${inputs.length})` },
            { field: 'inputs' },
          );
        }
        const ids = await context.writer.createMany(
          model,
          inputs.map((input) => ({ ...input })),
        );
        return context.reader.compiledMany(model, ids, resolveInfo);
      },
    );
  }
  if (ops.has('update')) {
    define(
      target,
      'update',
      Mutation(() => model.target, { name: inflection.update(model), description: `${label}: 修改 / update (omitted: unchanged; null: cleared)` }),
      [idArg(), versionArg(), Arg('input', () => types.updateInput), Ctx(), info()],
      async (id: string, version: number, input: Record<string, unknown>, context: Context, resolveInfo: GraphQLResolveInfo) => {
        allowed(context, 'update');
        await context.writer.update(model, { id: checkId(id, 'id'), version }, { ...input });
        return reread(context, id, resolveInfo);
      },
    );
    define(
      target,
      'updateMany',
      Mutation(() => [model.target], { name: inflection.updateMany(model), description: `${label}: 批量修改，全部成功或全部不变 / bulk update, all or nothing` }),
      [Arg('items', () => [VersionedId]), Arg('input', () => types.updateInput), Ctx(), info()],
      async (items: VersionedIdValue[], input: Record<string, unknown>, context: Context, resolveInfo: GraphQLResolveInfo) => {
        allowed(context, 'update');
        const checked = items.map((item, index) => ({ id: checkId(item.id, `items.${index}.id`), version: item.version }));
        await context.writer.updateMany(model, checked, { ...input });
        return context.reader.compiledMany(
          model,
          checked.map((item) => item.id),
          resolveInfo,
        );
      },
    );
  }
  if (ops.has('delete')) {
    define(
      target,
      'delete',
      Mutation(() => model.target, { name: inflection.delete(model), description: `${label}: 删除（可恢复）/ soft delete` }),
      [idArg(), versionArg(), Arg('reason', () => GraphQLString, { nullable: true }), Ctx(), info()],
      async (id: string, version: number, reason: string | null, context: Context, resolveInfo: GraphQLResolveInfo) => {
        allowed(context, 'delete');
        await context.writer.delete(model, [{ id: checkId(id, 'id'), version }], reason);
        return reread(context, id, resolveInfo);
      },
    );
    define(
      target,
      'deleteMany',
      Mutation(() => [GraphQLID], { name: inflection.deleteMany(model), description: `${label}: 批量删除，全部成功或全部不变 / bulk soft delete, all or nothing` }),
      [Arg('items', () => [VersionedId]), Arg('reason', () => GraphQLString, { nullable: true }), Ctx()],
      async (items: VersionedIdValue[], reason: string | null, context: Context) => {
        allowed(context, 'delete');
        const checked = items.map((item, index) => ({ id: checkId(item.id, `items.${index}.id`), version: item.version }));
        await context.writer.delete(model, checked, reason);
        return checked.map((item) => item.id);
      },
    );
  }
  if (ops.has('restore')) {
    define(
      target,
      'restore',
      Mutation(() => model.target, { name: inflection.restore(model), description: `${label}: 恢复已删除的记录 / restore a deleted record` }),
      [idArg(), versionArg(), Ctx(), info()],
      async (id: string, version: number, context: Context, resolveInfo: GraphQLResolveInfo) => {
        allowed(context, 'restore');
        await context.writer.restore(model, { id: checkId(id, 'id'), version });
        return reread(context, id, resolveInfo);
      },
    );
  }

  for (const field of references(model)) referenceResolver(target, field);
  for (const field of relationLists(model)) listResolver(target, field);

  Resolver(() => model.target)(target);
  return target;
}

/**
 * Relations exist on the types (with their arguments) for the schema; their values always come compiled
 * with their parent (servePrefetchedRelations). A row without them was not read through the Reader, and no
 * other path may answer with records: refuse rather than read around the scopes and the masking.
 */
function notCompiled(field: FieldMeta): never {
  throw new Error(`${field.name} was not compiled into its parent's statement`);
}

function referenceResolver(target: { prototype: object }, field: FieldMeta) {
  define(
    target,
    `ref_${field.name}`,
    FieldResolver(() => targetOf(field).target, { name: field.name, nullable: true, description: field.description }),
    [],
    () => notCompiled(field),
  );
}

function listResolver(target: { prototype: object }, field: FieldMeta) {
  const child = typesOf(targetOf(field));
  define(
    target,
    `list_${field.name}`,
    FieldResolver(() => child.list, { name: field.name, description: field.description }),
    [Args(() => child.listArgs)],
    () => notCompiled(field),
  );
}

/**
 * Rows read by the compiled path carry their relations already (under `@responseKey`): answer those without entering
 * a resolver. A page's rows under a second alias of `nodes` sit under `@alias`, projected as that alias selects them
 * (query-plan.ts nodesKey); the first, under `nodes`, as every page holds them.
 */
export function servePrefetchedRelations(schema: GraphQLSchema, models: readonly ModelMeta[]): GraphQLSchema {
  for (const model of models) {
    const page = schema.getType(inflection.listType(model)) as GraphQLObjectType | undefined;
    if (page) page.getFields().nodes.resolve = (source: Record<string, unknown>, _args, _context, info) => source[prefetchKey(info.path.key as string)] ?? source.nodes;
    const type = schema.getType(model.name) as GraphQLObjectType | undefined;
    if (!type) continue;
    const fields = type.getFields();
    for (const field of [...references(model), ...relationLists(model)]) {
      fields[field.name].resolve = (source, _args, _context, info) => {
        const prefetched = (source as Record<string, unknown>)[prefetchKey(info.path.key as string)];
        return prefetched !== undefined ? prefetched : notCompiled(field);
      };
    }
  }
  return schema;
}
