/** Builds the executable GraphQL schema from the resolvers; `Date` fields use the DateTime scalar. */
import { buildSchema } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { GraphQLSchema } from 'graphql';
import { SettingResolver } from './setting.resolver.js';

export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [SettingResolver],
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: false,
  });
}
