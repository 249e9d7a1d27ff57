/**
 * Whether a GraphQL type is a page of rows — a list field's type (`DeputyList`): its `nodes` and `totalCount`,
 * as the schema builds every list (server/api/types/model-types.ts). Told by its shape, not by a name's suffix,
 * so that the walkers of a selection (export plans, query cost) agree with the schema on what a page is.
 */
import { isObjectType, type GraphQLObjectType } from 'graphql';

export function isPageType(type: unknown): type is GraphQLObjectType {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return Boolean(fields.nodes && fields.totalCount);
}
