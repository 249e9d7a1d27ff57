/**
 * One metadata contract (issue 20): the console asks for every field the server's `metadata` publishes,
 * at every level — so a field added on the server is typed (schema/shared/metadata.ts, which the server's
 * types implement) and fetched, never published and silently left out.
 */
import fs from 'node:fs';
import { buildSchema, getNamedType, isObjectType, parse, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { metadataQuery } from '../../admin/src/metadata/metadataQuery.js';

const schema = buildSchema(fs.readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

/** Every published field the selection leaves out, by path. */
function missing(type: GraphQLObjectType, selection: SelectionSetNode, path: string): string[] {
  const selected = new Map(selection.selections.flatMap((node) => (node.kind === 'Field' ? [[node.name.value, node] as const] : [])));
  return Object.values(type.getFields()).flatMap((field) => {
    const node = selected.get(field.name);
    if (!node) return [`${path}.${field.name}`];
    const named = getNamedType(field.type);
    return isObjectType(named) && node.selectionSet ? missing(named, node.selectionSet, `${path}.${field.name}`) : [];
  });
}

describe('the metadata contract', () => {
  it('is fetched whole by the console: every field the server publishes, at every level', () => {
    const document = parse(metadataQuery);
    const operation = document.definitions[0];
    if (operation.kind !== 'OperationDefinition') throw new Error('not an operation');
    const root = operation.selectionSet.selections[0];
    if (root.kind !== 'Field' || !root.selectionSet) throw new Error('no metadata selection');
    expect(missing(schema.getType('Metadata') as GraphQLObjectType, root.selectionSet, 'metadata')).toEqual([]);
  });

  it('publishes its closed sets as enums: kinds, views, operations, roles, directions', () => {
    const field = (type: string, name: string) => getNamedType((schema.getType(type) as GraphQLObjectType).getFields()[name].type).name;
    expect([field('MetadataField', 'kind'), field('MetadataField', 'views'), field('MetadataEntity', 'operations'), field('MetadataViewer', 'role'), field('MetadataSort', 'direction')]).toEqual([
      'MetadataFieldKind',
      'MetadataView',
      'MetadataOperation',
      'MetadataRole',
      'MetadataDirection',
    ]);
  });
});
