/**
 * The one generic query builder: for any entity of the model and any data provider method it writes the
 * GraphQL operation, its variables and how to read the answer. Every name comes from the shared
 * inflection module; the input types' fields come from introspection.
 */
import { parse, type IntrospectionField } from 'graphql';
import type { BuildQueryResult, IntrospectionResult } from 'ra-data-graphql';
import { inflection } from '../../../schema/shared/inflection';
import type { Model } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';
import { filterToWhere, referenceWhere, type Where } from './filters';
import { createInput, extraArguments, inputType, updateInput } from './inputs';
import { parseRecord, pickerSelection, recordSelection } from './selection';
import { searchCountCap } from '../config';

/** The methods the builder answers: react-admin's nine and the console's restore. */
export type FetchMethod = 'GET_LIST' | 'GET_ONE' | 'GET_MANY' | 'GET_MANY_REFERENCE' | 'CREATE' | 'UPDATE' | 'DELETE' | 'UPDATE_MANY' | 'DELETE_MANY' | 'RESTORE';

type Params = Record<string, any>;
type Answer = { data: Record<string, any> };
type VersionedId = { id: string; version: number };

const and = (...parts: Where[]): Where => {
  const nonEmpty = parts.filter((part) => Object.keys(part).length > 0);
  return nonEmpty.length <= 1 ? (nonEmpty[0] ?? {}) : { AND: nonEmpty };
};

/** The sort the list asks for, completed by the model's default sort and the id, for stable pages. */
export function orderBy(entity: EntityMeta, orderable: Set<string>, sort?: { field: string; order: string }) {
  const wanted = sort && orderable.has(sort.field) ? [{ field: sort.field, direction: sort.order === 'DESC' ? 'DESC' : 'ASC' }] : [];
  const fallback = entity.defaultSort.filter((item) => !wanted.some((first) => first.field === item.field));
  const rest = wanted.length && wanted[0].field !== entity.defaultSort[0]?.field ? [] : fallback;
  const order = [...wanted, ...rest];
  return order.some((item) => item.field === 'id') ? order : [...order, { field: 'id', direction: 'ASC' }];
}

/** Whether a list's sort is the entity's default one (its first key, as the list screen starts), or none. */
export function isDefaultSort(entity: EntityMeta, sort?: { field: string; order: string }): boolean {
  const first = entity.defaultSort[0];
  return !sort || (first ? sort.field === first.field && sort.order === first.direction : sort.field === 'id' && sort.order === 'ASC');
}

/** The `{ id, version }` pairs a bulk mutation needs; the bulk buttons pass them as `meta.items`. */
function versionedItems(params: Params): VersionedId[] {
  const items = params.meta?.items as VersionedId[] | undefined;
  if (!items || items.length !== params.ids.length) throw new Error('bulk operations need meta.items with every selected id and its version');
  return items.map(({ id, version }) => ({ id: String(id), version }));
}

/** Builds the query factory react-admin's GraphQL core calls once per request. */
export function buildQueryFactory(model: Model) {
  return (introspection: IntrospectionResult) => {
    // The query and mutation fields; ra-data-graphql's type says object types, its introspection holds fields.
    const mutationFields = introspection.queries as unknown as IntrospectionField[];
    const orderFields = (entity: EntityMeta) => {
      const type = introspection.types.find((candidate) => candidate.name === inflection.orderField(entity));
      return new Set(type && type.kind === 'ENUM' ? type.enumValues.map((value) => value.name) : []);
    };

    return (method: FetchMethod, resource: string, params: Params): BuildQueryResult => {
      const entity = model.entity(resource);
      // A picker (meta.picker, ReferenceKind) asks for what it shows, not the whole record.
      const fields = params.meta?.picker ? pickerSelection(model, entity) : recordSelection(model, entity);
      const record = (node: Record<string, unknown>) => parseRecord(entity, node);
      const query = (text: string, variables: Record<string, unknown>, parseResponse: (response: Answer) => unknown) => ({
        query: parse(text),
        variables,
        parseResponse: (response: { data: Record<string, any> }) => parseResponse(response),
      });
      const list = (where: Where, extra: { sort?: Params['sort']; offset?: number; limit?: number; withDeleted?: boolean }) => {
        const searched = typeof where.q === 'string' && where.q.trim() !== '';
        return query(
          `query ${inflection.list(entity)}($where: ${inflection.filter(entity)}, $orderBy: [${inflection.orderBy(entity)}!], $offset: Int, $limit: Int, $withDeleted: Boolean, $countUpTo: Int) {
            data: ${inflection.list(entity)}(where: $where, orderBy: $orderBy, offset: $offset, limit: $limit, withDeleted: $withDeleted, countUpTo: $countUpTo) { nodes { ${fields} } totalCount totalCountIsLowerBound } }`,
          {
            where,
            // A search in the list's default order asks none: the server then ranks exact matches first (丁波 for "db").
            orderBy: searched && isDefaultSort(entity, extra.sort) ? null : orderBy(entity, orderFields(entity), extra.sort),
            offset: extra.offset ?? 0,
            limit: extra.limit ?? 25,
            withDeleted: extra.withDeleted ?? false,
            // A search's count stops at the cap ("10,000+"); any other list counts exactly, as its figures are read.
            countUpTo: searched ? searchCountCap : null,
          },
          ({ data }) => ({ data: data.data.nodes.map(record), total: data.data.totalCount, meta: { totalIsLowerBound: data.data.totalCountIsLowerBound } }),
        );
      };
      const page = (pagination?: { page: number; perPage: number }) => (pagination ? { offset: (pagination.page - 1) * pagination.perPage, limit: pagination.perPage } : {});
      const withDeleted = (filter?: Params) => Boolean(filter?.deleted);
      const mutationOne = (name: string, args: string, call: string, variables: Record<string, unknown>) =>
        query(`mutation ${name}(${args}) { data: ${name}(${call}) { ${fields} } }`, variables, ({ data }) => ({ data: record(data.data) }));
      const versionOf = (params: Params): number => params.meta?.version ?? params.previousData?.version ?? params.data?.version;

      switch (method) {
        case 'GET_LIST':
          return list(filterToWhere(entity, params.filter), { sort: params.sort, ...page(params.pagination), withDeleted: withDeleted(params.filter) });
        case 'GET_MANY_REFERENCE':
          return list(and(filterToWhere(entity, params.filter), referenceWhere(params.target, params.id)), {
            sort: params.sort,
            ...page(params.pagination),
            withDeleted: withDeleted(params.filter),
          });
        case 'GET_MANY':
          return list({ id: { in: params.ids.map(String) } }, { limit: Math.max(params.ids.length, 1), withDeleted: true });
        case 'GET_ONE':
          return query(`query ${inflection.one(entity)}($id: ID!) { data: ${inflection.one(entity)}(id: $id, withDeleted: true) { ${fields} } }`, { id: String(params.id) }, ({ data }) => {
            if (!data.data) throw new Error('ra.notification.item_doesnt_exist');
            return { data: record(data.data) };
          });
        case 'CREATE': {
          const name = inflection.create(entity);
          // A create may take more than its input: a user is created with a first password.
          const extra = extraArguments(
            mutationFields.find((candidate) => candidate.name === name),
            ['input'],
            params.data,
          );
          return mutationOne(name, [`$input: ${inflection.createInput(entity)}!`, ...extra.declarations].join(', '), ['input: $input', ...extra.calls].join(', '), {
            input: createInput(inputType(introspection.types, inflection.createInput(entity)), params.data),
            ...extra.variables,
          });
        }
        case 'UPDATE':
          return mutationOne(inflection.update(entity), `$id: ID!, $version: Int!, $input: ${inflection.updateInput(entity)}!`, 'id: $id, version: $version, input: $input', {
            id: String(params.id),
            version: versionOf(params),
            input: updateInput(inputType(introspection.types, inflection.updateInput(entity)), params.data, params.previousData),
          });
        case 'DELETE':
          return mutationOne(inflection.delete(entity), '$id: ID!, $version: Int!, $reason: String', 'id: $id, version: $version, reason: $reason', {
            id: String(params.id),
            version: versionOf(params),
            reason: params.meta?.reason ?? null,
          });
        case 'RESTORE':
          return mutationOne(inflection.restore(entity), '$id: ID!, $version: Int!', 'id: $id, version: $version', { id: String(params.id), version: versionOf(params) });
        case 'DELETE_MANY':
          return query(
            `mutation ${inflection.deleteMany(entity)}($items: [VersionedId!]!, $reason: String) { data: ${inflection.deleteMany(entity)}(items: $items, reason: $reason) }`,
            { items: versionedItems(params), reason: params.meta?.reason ?? null },
            ({ data }) => ({ data: data.data }),
          );
        case 'UPDATE_MANY':
          return query(
            `mutation ${inflection.updateMany(entity)}($items: [VersionedId!]!, $input: ${inflection.updateInput(entity)}!) { data: ${inflection.updateMany(entity)}(items: $items, input: $input) { id } }`,
            { items: versionedItems(params), input: updateInput(inputType(introspection.types, inflection.updateInput(entity)), params.data, undefined) },
            ({ data }) => ({ data: data.data.map((node: { id: string }) => node.id) }),
          );
      }
    };
  };
}
