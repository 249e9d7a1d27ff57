/**
 * The console's data provider: react-admin's GraphQL core (ra-data-graphql) with the generic query
 * builder, operation names from the shared inflection module, errors mapped for forms and the conflict
 * dialog, `restore` for the deleted-records view, and the audit log's list (not an entity).
 */
import type { IntrospectionType } from 'graphql';
import buildGraphQLProvider, { type IntrospectionResult } from 'ra-data-graphql';
import type { DataProvider, RaRecord } from 'react-admin';
import { parse, type OperationDefinitionNode } from 'graphql';
import { inflection, type Nameable } from '../../../schema/shared/inflection';
import { auditLogList, auditLogResource } from '../audit/auditLogProvider';
import type { Model } from '../metadata/model';
import { createApolloClient } from './apolloClient';
import { buildQueryFactory } from './buildQuery';
import { toProviderError } from './errors';

export type RestoreParams = { id: RaRecord['id']; previousData: RaRecord };
/** react-admin's methods plus restoring a soft-deleted record. */
export type ConsoleDataProvider = DataProvider & {
  restore: (resource: string, params: RestoreParams) => Promise<{ data: RaRecord }>;
  /** How many live records each entity has, in one request (the home page). */
  counts: (resources: string[]) => Promise<Record<string, number>>;
  /** Any GraphQL query or mutation, in the console's language, its errors as the other methods give them (charts, history, passwords). */
  query: <T = Record<string, any>>(text: string, variables?: Record<string, unknown>) => Promise<T>;
  /** The API's types and root fields as introspection gave them (fetched once per sign-in): what screens build inputs from. */
  introspection: () => Promise<IntrospectionResult>;
};

/** Builds the data provider for the model the server described. */
export function buildDataProvider(model: Model, acceptLanguage: () => string): ConsoleDataProvider {
  const client = createApolloClient(acceptLanguage);
  const named = (type: IntrospectionType, name: (entity: Nameable) => string) => {
    const entity = model.find(type.name);
    return entity ? name(entity) : '';
  };
  const buildQuery = buildQueryFactory(model);
  const core = buildGraphQLProvider({
    client,
    buildQuery: buildQuery as never,
    introspection: {
      operationNames: {
        GET_LIST: (type: IntrospectionType) => named(type, inflection.list),
        GET_ONE: (type: IntrospectionType) => named(type, inflection.one),
        GET_MANY: (type: IntrospectionType) => named(type, inflection.list),
        GET_MANY_REFERENCE: (type: IntrospectionType) => named(type, inflection.list),
        CREATE: (type: IntrospectionType) => named(type, inflection.create),
        UPDATE: (type: IntrospectionType) => named(type, inflection.update),
        DELETE: (type: IntrospectionType) => named(type, inflection.delete),
        UPDATE_MANY: (type: IntrospectionType) => named(type, inflection.updateMany),
        DELETE_MANY: (type: IntrospectionType) => named(type, inflection.deleteMany),
      },
      include: (type: IntrospectionType) => model.find(type.name) !== undefined,
    },
  });
  const guarded = Object.fromEntries(
    Object.entries(core).map(([method, call]) => [
      method,
      typeof call === 'function' ? (...args: unknown[]) => (call as (...a: unknown[]) => Promise<unknown>)(...args).catch((error) => Promise.reject(toProviderError(error))) : call,
    ]),
  ) as unknown as DataProvider;

  const restore = async (resource: string, params: RestoreParams) => {
    const introspection = await core.getIntrospection();
    const { parseResponse, query, variables } = buildQuery(introspection)('RESTORE', resource, params);
    try {
      const result = await client.mutate({ mutation: query, variables });
      return (await parseResponse(result as never)) as { data: RaRecord };
    } catch (error) {
      throw toProviderError({ body: error });
    }
  };
  const counts = async (resources: string[]) => {
    const selections = resources.map((name, index) => `c${index}: ${inflection.list(model.entity(name))}(limit: 0) { totalCount }`);
    const { data } = await client.query<Record<string, { totalCount: number }>>({ query: parse(`query counts { ${selections.join(' ')} }`) });
    return Object.fromEntries(resources.map((name, index) => [name, data[`c${index}`].totalCount]));
  };
  const query = async <T>(text: string, variables: Record<string, unknown> = {}) => {
    const document = parse(text);
    const isMutation = document.definitions.some((definition) => (definition as OperationDefinitionNode).operation === 'mutation');
    try {
      const result = isMutation ? await client.mutate<T>({ mutation: document, variables }) : await client.query<T>({ query: document, variables });
      return result.data as T;
    } catch (error) {
      throw toProviderError({ body: error });
    }
  };
  const auditLog = auditLogList(query);
  const getList: DataProvider['getList'] = (resource, params) => (resource === auditLogResource ? (auditLog(params) as never) : guarded.getList(resource, params));
  const introspection = () => core.getIntrospection();
  return { ...guarded, getList, restore, counts, query, introspection };
}
