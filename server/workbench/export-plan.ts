/**
 * What an export of a list query is: the query rewritten to walk its list by keyset (ascending id,
 * `id > $after`, pages of `pageSize`, whatever offset or limit it had) — or, when it asks for an order, by
 * offset in that order — and the CSV columns its selection
 * gives — one per leaf, nested records flattened into `人员·姓名`, a nested list's values joined into one
 * cell — with headers from the model's labels.
 */
import {
  getNamedType,
  getNullableType,
  isObjectType,
  Kind,
  parse,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import type { FieldKind } from '../../schema/shared/field-kinds.js';
import type { Language } from '../graphql/language.js';
import { AppError } from '../graphql/errors.js';
import { collectFields, subSelection } from '../api/selection-tree.js';
import { isPageType } from '../graphql/page-type.js';
import { formatTerm } from '../../schema/shared/term.js';

export const afterVariable = 'crcExportAfter';
export const offsetVariable = 'crcExportOffset';
export const limitVariable = 'crcExportLimit';
/** The response key the cursor is read from when the query does not select `id` itself. */
export const cursorKey = 'crcExportId';

/**
 * A column: where its values are, its header, how a value reads (an enum's label, 是/否) as the console shows
 * it, and the model's kind of the leaf (typed cells in xlsx: dates as dates, money as numbers).
 */
export type Column = { path: string[]; header: string; render?: (value: unknown) => string; kind?: FieldKind };
/**
 * How the pages are walked: by keyset on id (`after`: flat at any size), or, for a list in an order of its
 * own (a list screen's sort), by offset in that order (id breaking ties, as in every list).
 */
export type ExportPlan = { query: string; rootKey: string; columns: Column[]; cursor: string; walk: 'keyset' | 'offset' };

const refuse = (zh: string, en: string) => new AppError('BAD_USER_INPUT', { zh, en }, { field: 'query' });

const isPage = isPageType;

/** The fields of a selection set, one per response key (their selections merged), through the one selection walker. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  const fields = collectFields({ fragments: Object.fromEntries(fragments), variableValues: {} }, selectionSet);
  return [...fields.values()].map((nodes) => (nodes.length === 1 || !nodes[0].selectionSet ? nodes[0] : { ...nodes[0], selectionSet: subSelection(nodes) }));
}

function columnsOf(
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode | undefined,
  context: { fragments: Map<string, FragmentDefinitionNode>; models: Map<string, ModelMeta>; language: Language },
  path: string[],
  labels: string[],
): Column[] {
  return fieldsOf(selectionSet, context.fragments).flatMap((node) => {
    const name = node.name.value;
    if (name === '__typename') return [];
    const field = type.getFields()[name];
    if (!field) return [];
    const key = node.alias?.value ?? name;
    const meta = context.models.get(type.name)?.fields.find((candidate) => candidate.name === name);
    const label = meta ? (context.language === 'en' ? meta.labelEn : meta.labelZh) : name;
    const target = getNullableType(field.type);
    const named = getNamedType(field.type);
    if (isPage(target)) {
      // A nested page: its rows' values, joined into one cell per column (`nodes` adds no label).
      const nodes = fieldsOf(node.selectionSet, context.fragments).filter((inner) => inner.name.value === 'nodes');
      const totals = fieldsOf(node.selectionSet, context.fragments).filter((inner) => inner.name.value === 'totalCount');
      const nodeType = getNamedType(target.getFields().nodes.type) as GraphQLObjectType;
      return [
        ...totals.map((inner) => ({ path: [...path, key, inner.alias?.value ?? 'totalCount'], header: [...labels, label, context.language === 'en' ? 'count' : '数量'].join('·') })),
        ...nodes.flatMap((inner) => columnsOf(nodeType, inner.selectionSet, context, [...path, key, inner.alias?.value ?? 'nodes'], [...labels, label])),
      ];
    }
    if (isObjectType(named)) {
      const inner = columnsOf(named, node.selectionSet, context, [...path, key], [...labels, label]);
      // A reference selected by its title alone (`person { name }`) is that reference's column: 人员, not 人员·姓名.
      const only = fieldsOf(node.selectionSet, context.fragments);
      const titled = only.length === 1 && !only[0].selectionSet && only[0].name.value === context.models.get(named.name)?.titleField;
      return titled ? [{ path: inner[0].path, header: [...labels, label].join('·') }] : inner;
    }
    // A term is written 第十八届 in the sheet too, as text: not the number an int's cell would be.
    const kind = meta?.display ? undefined : meta?.kind;
    return [{ path: [...path, key], header: [...labels, label].join('·'), render: meta ? renderOf(meta, context.language) : undefined, kind }];
  });
}

/** Enum codes as their labels, flags as words and terms as 第十八届 / 18th, in the export's language; other values as they are. */
function renderOf(field: FieldMeta, language: Language): ((value: unknown) => string) | undefined {
  if (field.kind === 'enum' && field.enum) {
    const def = field.enum;
    return (value) => (def.values.includes(String(value)) ? def.label(String(value), language) : String(value));
  }
  if (field.kind === 'boolean') return (value) => (language === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否');
  if (field.display === 'term') return (value) => formatTerm(value as number, language);
  return undefined;
}

/** Plans the export of `text`: one query whose only root field is a list (`deputies { nodes { … } }`). */
export function planExport(schema: GraphQLSchema, text: string, models: Map<string, ModelMeta>, language: Language, operationName?: string | null): ExportPlan {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw refuse(`查询有误：${(error as Error).message}`, `The query is malformed: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') throw refuse('请给出一个查询（query）操作', 'Give one query operation to export');
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const roots = fieldsOf(operation.selectionSet, fragments);
  const rootField = roots.length === 1 ? schema.getQueryType()!.getFields()[roots[0].name.value] : undefined;
  const pageType = rootField ? getNullableType(rootField.type) : undefined;
  if (!rootField || !isPage(pageType)) {
    throw refuse('导出需要恰好一个列表查询（如 deputies { nodes { … } }）', 'An export takes exactly one list query (such as deputies { nodes { … } })');
  }
  const root = roots[0];
  const nodesNode = fieldsOf(root.selectionSet, fragments).find((node) => node.name.value === 'nodes');
  if (!nodesNode) throw refuse('导出的列表须选择 nodes', 'The exported list must select nodes');
  const nodeType = getNamedType(pageType.getFields().nodes.type) as GraphQLObjectType;
  const columns = columnsOf(nodeType, nodesNode.selectionSet, { fragments, models, language }, [], []);

  // The cursor: the nodes' own `id` if selected without an alias, else one added under a key of ours.
  const ownId = fieldsOf(nodesNode.selectionSet, fragments).some((node) => node.name.value === 'id' && !node.alias);
  const cursor = ownId ? 'id' : cursorKey;
  const selection = print(nodesNode.selectionSet!);
  const nodesSelection = ownId ? selection : `{ ${cursorKey}: id ${selection.slice(1)}`;
  const where = root.arguments?.find((argument) => argument.name.value === 'where');
  const orderBy = root.arguments?.find((argument) => argument.name.value === 'orderBy');
  const kept = (root.arguments ?? []).filter((argument) => !['where', 'orderBy', 'offset', 'limit'].includes(argument.name.value)).map(print);
  const walk = orderBy ? 'offset' : 'keyset';
  const keyset = `{ id: { gt: $${afterVariable} } }`;
  const args =
    walk === 'offset'
      ? [...kept, ...(where ? [print(where)] : []), print(orderBy!), `offset: $${offsetVariable}`, `limit: $${limitVariable}`]
      : [...kept, `where: ${where ? `{ AND: [${print(where.value)}, ${keyset}] }` : keyset}`, 'orderBy: [{ field: id, direction: ASC }]', `limit: $${limitVariable}`];
  const pager = walk === 'offset' ? `$${offsetVariable}: Int!` : `$${afterVariable}: ID!`;
  const definitions = [...(operation.variableDefinitions ?? []).map(print), pager, `$${limitVariable}: Int!`];
  const rootKey = root.alias?.value ?? root.name.value;
  const query = `query (${definitions.join(', ')}) { ${rootKey}: ${root.name.value}(${args.join(', ')}) { nodes ${nodesSelection} } }
${[...fragments.values()].map(print).join('\n')}`;
  return { query, rootKey, columns, cursor, walk };
}

/** One cell: a leaf's value (as `render` reads it), or a nested list's values joined; objects (JSON fields) as JSON text. */
export function cellOf(record: unknown, path: readonly string[], joiner: string, render?: (value: unknown) => string): string {
  return valuesAt(record, path)
    .map((value) => (typeof value === 'object' ? JSON.stringify(value) : render ? render(value) : String(value)))
    .join(joiner);
}

/** The values a column's path reaches in a record: one for a leaf, one per row of each nested list it crosses, none when empty. */
export function valuesAt(record: unknown, path: readonly string[]): unknown[] {
  const values: unknown[] = [];
  const walk = (value: unknown, depth: number) => {
    if (value === null || value === undefined) return;
    if (depth === path.length) {
      values.push(value);
      return;
    }
    if (Array.isArray(value)) value.forEach((item) => walk(item, depth));
    else if (typeof value === 'object') walk((value as Record<string, unknown>)[path[depth]], depth + 1);
  };
  walk(record, 0);
  return values;
}
