/**
 * A query result as a table, the way the server's CSV export (server/workbench/export-plan.ts) lays out a
 * list: the first list in `data` gives the rows; nested records become columns headed `人员·姓名`, a nested
 * page adds no `nodes` level (its `totalCount` is `…·数量`), a reference selected by its title alone is one
 * column, a nested list's values are joined into one cell; enum codes read as their labels and flags as
 * 是/否. The columns follow the data (the union of the rows' keys), the query and the schema only name
 * them: a query edited after it ran still gives a table (a response key not in it is taken for the field's
 * name), and so does a schema not loaded yet, headed by the keys.
 */
import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { EntityMeta, FieldMeta, Language } from '../metadata/types.js';
import type { FieldDisplay } from '../../../schema/shared/field-kinds.js';
import { formatTerm } from '../../../schema/shared/term.js';

/** What of the console's model names columns and values (EntityMeta narrowed, so tests can give a few). */
export type LabelledEntity = Pick<EntityMeta, 'name' | 'titleField'> & {
  fields: readonly (Pick<FieldMeta, 'name' | 'labelZh' | 'labelEn' | 'graphqlType' | 'options'> & Partial<Pick<FieldMeta, 'display'>>)[];
};

export type TableSource = {
  /** GraphiQL's introspected schema; null before it is loaded. */
  schema: GraphQLSchema | null | undefined;
  /** The query of the tab the result belongs to, and its operation. */
  query: string | null | undefined;
  operationName?: string | null;
  entities: readonly LabelledEntity[];
  language: Language;
};

export type TableColumn = { header: string; path: string[] };

export type ResultTable = {
  /** Where the rows are, from `data` (`['deputies', 'nodes']`). */
  path: string[];
  columns: TableColumn[];
  /** Every row's cells as text, in column order. */
  rows: string[][];
  /** The list's `totalCount` beside it, when the query asked for it. */
  totalCount: number | undefined;
};

type Render = (value: unknown) => string;
type Column = TableColumn & { render?: Render };

type Context = {
  schema: GraphQLSchema | null | undefined;
  fragments: Map<string, FragmentDefinitionNode>;
  entities: Map<string, LabelledEntity>;
  enumLabels: Map<string, Map<string, { labelZh: string; labelEn: string }>>;
  language: Language;
};

/** The words the export uses too: a nested page's count, flags, and the joiner of a nested list's values. */
const words = {
  zh: { count: '数量', yes: '是', no: '否', joiner: '；' },
  en: { count: 'count', yes: 'Yes', no: 'No', joiner: '; ' },
} as const;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The table of a GraphQL response (`{ data, errors }`); undefined when its data holds no list. */
export function resultTable(response: unknown, source: TableSource): ResultTable | undefined {
  if (!isRecord(response) || !isRecord(response.data)) return undefined;
  const document = parseQuietly(source.query);
  const operation = operationOf(document, source.operationName);
  const context: Context = {
    schema: source.schema,
    fragments: new Map(
      (document?.definitions ?? []).filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
    ),
    entities: new Map(source.entities.map((entity) => [entity.name, entity])),
    enumLabels: enumLabelsOf(source.entities),
    language: source.language,
  };
  // A query that no longer parses (edited since it ran) is read as a query: its keys are then field names.
  const root = rootType(source.schema, operation?.operation ?? OperationTypeNode.QUERY);
  const found = firstList(response.data, root, operation?.selectionSet, [], context);
  if (!found) return undefined;
  const items = found.items.flat(Infinity);
  const objects = items.some(isRecord);
  // A list of scalars (`[String]`) is one column: the list's own.
  const columns: Column[] = objects ? columnsOf(items, found.type, found.selectionSet, [], [], context) : [{ path: [], header: found.label, render: renderOf(found.type, context) }];
  const joiner = words[context.language].joiner;
  return {
    path: found.path,
    columns: columns.map(({ header, path }) => ({ header, path })),
    rows: items.map((item) => columns.map((column) => cellOf(item, column.path, joiner, column.render))),
    totalCount: typeof found.totalCount === 'number' ? found.totalCount : undefined,
  };
}

function parseQuietly(query: string | null | undefined): DocumentNode | undefined {
  if (!query) return undefined;
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

function operationOf(document: DocumentNode | undefined, name: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = (document?.definitions ?? []).filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((operation) => operation.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

function rootType(schema: GraphQLSchema | null | undefined, operation: OperationTypeNode): GraphQLNamedType | undefined {
  if (!schema) return undefined;
  return (operation === OperationTypeNode.MUTATION ? schema.getMutationType() : operation === OperationTypeNode.SUBSCRIPTION ? schema.getSubscriptionType() : schema.getQueryType()) ?? undefined;
}

/** Enum names (`Gender`) to their values' labels, from every enum field the model describes. */
function enumLabelsOf(entities: readonly LabelledEntity[]): Context['enumLabels'] {
  const labels: Context['enumLabels'] = new Map();
  for (const field of entities.flatMap((entity) => entity.fields)) {
    if (!field.options?.length || labels.has(field.graphqlType)) continue;
    labels.set(field.graphqlType, new Map(field.options.map((option) => [option.value, option])));
  }
  return labels;
}

/** The field a response key answers, looked up through fragments (named and inline) as the query wrote it. */
function fieldNode(selectionSet: SelectionSetNode | undefined, key: string, context: Context, seen = new Set<string>()): FieldNode | undefined {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === key) return selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const found = fieldNode(selection.selectionSet, key, context, seen);
      if (found) return found;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const found = fieldNode(context.fragments.get(selection.name.value)?.selectionSet, key, context, seen);
      if (found) return found;
    }
  }
  return undefined;
}

type Described = { node: FieldNode | undefined; field: GraphQLField<unknown, unknown> | undefined; type: GraphQLNamedType | undefined; label: string; display?: FieldDisplay | null };

/** What the schema and the model say of one response key of a record of `parent`. */
function describe(parent: GraphQLNamedType | undefined, selectionSet: SelectionSetNode | undefined, key: string, context: Context): Described {
  const node = fieldNode(selectionSet, key, context);
  const name = node?.name.value ?? key;
  const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  const meta = parent ? context.entities.get(parent.name)?.fields.find((candidate) => candidate.name === name) : undefined;
  const label = meta ? (context.language === 'en' ? meta.labelEn : meta.labelZh) : (descriptionLabel(field?.description, context.language) ?? key);
  return { node, field, type: field ? getNamedType(field.type) : undefined, label, display: meta?.display };
}

/**
 * The short label at the head of a schema description (`行数；小于… / Rows in the group; null…`), for the
 * types the model does not describe (aggregate groups, their keys): the schema's descriptions all begin
 * with the Chinese and the English label, split by ` / `.
 */
export function descriptionLabel(description: string | null | undefined, language: Language): string | undefined {
  if (!description) return undefined;
  const split = /\s?\/ /.exec(description);
  if (!split) return undefined;
  const text = language === 'en' ? description.slice(split.index + split[0].length) : description.slice(0, split.index);
  const head = text.split(language === 'en' ? /[;:,(]| — / : /[；：，（(—]/)[0].trim();
  return head && head.length <= (language === 'en' ? 32 : 12) ? head : undefined;
}

type Found = { items: unknown[]; type: GraphQLNamedType | undefined; selectionSet: SelectionSetNode | undefined; path: string[]; label: string; totalCount: unknown };

/** The first list in the data, depth first in the query's order: a page's nodes, an aggregate's groups. */
function firstList(value: Json, type: GraphQLNamedType | undefined, selectionSet: SelectionSetNode | undefined, path: string[], context: Context): Found | undefined {
  for (const [key, child] of Object.entries(value)) {
    const described = describe(type, selectionSet, key, context);
    if (Array.isArray(child)) {
      return { items: child, type: described.type, selectionSet: described.node?.selectionSet, path: [...path, key], label: described.label, totalCount: value.totalCount };
    }
    if (isRecord(child)) {
      const found = firstList(child, described.type, described.node?.selectionSet, [...path, key], context);
      if (found) return found;
    }
  }
  return undefined;
}

/** A page type (`DeputyList { nodes totalCount }`), or, without the schema, a record shaped like one. */
function isPage(type: GraphQLNamedType | undefined, values: Json[]): boolean {
  if (type) return isObjectType(type) && type.name.endsWith('List') && Boolean(type.getFields().nodes);
  return values.length > 0 && values.every((value) => Object.keys(value).every((key) => key === 'nodes' || key === 'totalCount'));
}

/** The response keys of the records, in the order they first appear (the query's order). */
function keysOf(records: Json[]): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  return [...keys];
}

/** The values under `key` of every record, nested lists flattened and empties dropped. */
const valuesAt = (records: Json[], key: string): unknown[] =>
  records
    .flatMap((record) => [record[key]])
    .flat(Infinity)
    .filter((value) => value !== null && value !== undefined);

function columnsOf(items: unknown[], type: GraphQLNamedType | undefined, selectionSet: SelectionSetNode | undefined, path: string[], labels: string[], context: Context): Column[] {
  const records = items.filter(isRecord);
  return keysOf(records).flatMap((key): Column[] => {
    if (key === '__typename') return [];
    const { node, type: inner, label, display } = describe(type, selectionSet, key, context);
    const values = valuesAt(records, key);
    const nested = inner ? isObjectType(inner) || isInterfaceType(inner) : values.length > 0 && values.every(isRecord);
    if (!nested) return [{ path: [...path, key], header: [...labels, label].join('·'), render: renderOf(inner, context, display) }];
    const children = values.filter(isRecord);
    if (isPage(inner, children)) {
      // A nested page: its rows' values, joined into one cell per column (`nodes` adds no label).
      const pageType = inner && isObjectType(inner) ? inner : undefined;
      const nodesType = pageType ? getNamedType(pageType.getFields().nodes.type) : undefined;
      return keysOf(children).flatMap((pageKey): Column[] => {
        const pageNode = fieldNode(node?.selectionSet, pageKey, context);
        const name = pageNode?.name.value ?? pageKey;
        if (name === 'totalCount') return [{ path: [...path, key, pageKey], header: [...labels, label, words[context.language].count].join('·') }];
        if (name !== 'nodes') return [];
        return columnsOf(valuesAt(children, pageKey), nodesType, pageNode?.selectionSet, [...path, key, pageKey], [...labels, label], context);
      });
    }
    const columns = columnsOf(children, inner, node?.selectionSet, [...path, key], [...labels, label], context);
    // A reference selected by its title alone (`person { name }`) is that reference's column: 人员, not 人员·姓名.
    const title = inner ? context.entities.get(inner.name)?.titleField : undefined;
    const only = columns.length === 1 ? columns[0] : undefined;
    return only && title && only.path[only.path.length - 1] === title && keysOf(children).length === 1 ? [{ ...only, header: [...labels, label].join('·') }] : columns;
  });
}

/** Enum codes as their labels (the model's, else the schema's description of the value), flags as words, terms as 第十八届. */
function renderOf(type: GraphQLNamedType | undefined, context: Context, display?: FieldDisplay | null): Render | undefined {
  const { language } = context;
  if (display === 'term') return (value) => formatTerm(value as number, language);
  if (type && isEnumType(type)) {
    const known = context.enumLabels.get(type.name);
    return (value) => {
      const option = known?.get(String(value));
      if (option) return language === 'en' ? option.labelEn : option.labelZh;
      return descriptionLabel(type.getValue(String(value))?.description, language) ?? String(value);
    };
  }
  if (!type || type.name === 'Boolean') return (value) => (typeof value === 'boolean' ? (value ? words[language].yes : words[language].no) : String(value));
  return undefined;
}

/**
 * One cell, as the export's `cellOf`: a leaf's value (as `render` reads it), or a nested list's values
 * joined; objects (JSON fields) as JSON text. A list of scalars is joined too (the export writes it as JSON).
 */
export function cellOf(record: unknown, path: readonly string[], joiner: string, render?: Render): string {
  const values: unknown[] = [];
  const walk = (value: unknown, depth: number) => {
    if (value === null || value === undefined) return;
    if (depth === path.length) {
      if (Array.isArray(value)) value.forEach((item) => walk(item, depth));
      else values.push(value);
      return;
    }
    if (Array.isArray(value)) value.forEach((item) => walk(item, depth));
    else if (typeof value === 'object') walk((value as Json)[path[depth]], depth + 1);
  };
  walk(record, 0);
  return values.map((value) => (typeof value === 'object' ? JSON.stringify(value) : render ? render(value) : String(value))).join(joiner);
}
