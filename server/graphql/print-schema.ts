/** The committed SDL (`schema/schema.graphql`): the schema sorted, so diffs show real API changes only. */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const schemaFile = 'schema/schema.graphql';

export function sortedSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
