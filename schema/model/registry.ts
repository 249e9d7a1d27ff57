/**
 * The model registry: what each entity and field is, in the terms the API, the metadata query and the
 * console use (labels, kinds, views, operations). Filled by the decorators in fields.ts and model.ts.
 */
import type { EnumDef } from '../shared/define-enum.js';
import type { Area, FieldDisplay, FieldKind, Operation, View } from '../shared/field-kinds.js';
import type { ValidatorKey } from '../shared/validators.js';
import type { PinyinReading } from '../shared/pinyin.js';

export type Constructor = abstract new (...args: never[]) => object;

export type FieldConstraints = {
  maxLength?: number;
  min?: number;
  max?: number;
  /** Digits after the decimal point for decimal and money fields. */
  scale?: number;
  /** A named validator of schema/shared/validators.ts (idNumber, mobile, divisionCode …). */
  validator?: ValidatorKey;
};

export type FieldMeta = {
  name: string;
  kind: FieldKind;
  /** The GraphQL type of a stored scalar or enum (`ID`, `String`, `Decimal`, `DeputyLevel` …); relations: unset. */
  graphqlType?: string;
  labelZh: string;
  labelEn: string;
  description: string;
  /** Must be given on create and may not be cleared. */
  required: boolean;
  /** May be empty (null); false for required fields and for those with a default (a flag is never unset). */
  nullable: boolean;
  /** Set by the server (id, timestamps, version, derived fields), never by input. */
  readOnly: boolean;
  views: View[];
  constraints: FieldConstraints;
  enum?: EnumDef;
  /** reference and referenceList: the entity pointed to (the join entity for a referenceList). */
  target?: () => Constructor;
  /** referenceList: the field of the target that points back here. */
  mappedBy?: string;
  /** reference: what deleting the record it points to does to this one (server/api/deletion.ts). */
  onDelete?: DeleteRule;
  /** Unique among rows not deleted. */
  unique?: boolean;
  /** The collation lists sort this text field by (`zh_stroke`: surname stroke count; `zh_pinyin`). */
  collation?: 'zh_stroke' | 'zh_pinyin';
  /** A text found by its pinyin too: the column its pinyin forms are kept in, and how it is read (schema/shared/pinyin.ts). */
  pinyin?: { column: string; reading: PinyinReading };
  /** The database column, for every stored field (a reference's foreign key column). */
  column?: string;
  /** A personal identifier (ID number, mobile, home address): masked for roles that may not see it. */
  personal?: boolean;
  /** False for a number that names rather than counts (a year, a term): charts neither sum nor average it. */
  measure?: false;
  /** How the value is written for readers (`term`: 第十八届), where its kind alone does not say. */
  display?: FieldDisplay;
};

/**
 * What deleting a record does to the records that point at it, declared on each reference:
 * - REFUSE: the delete is refused while a live record points at it (a person who holds a seat);
 * - CASCADE: they are soft-deleted with it, and restored with it (a group's memberships);
 * - CLEAR: the reference is emptied (a group's convener).
 */
export type DeleteRule = 'REFUSE' | 'CASCADE' | 'CLEAR';

export type SortSpec = { field: string; direction: 'ASC' | 'DESC' };

export type ModelMeta = {
  target: Constructor;
  name: string;
  singular: string;
  plural: string;
  labelZh: string;
  labelEn: string;
  description: string;
  icon: string;
  area: Area;
  table: string;
  /** The field that names a record in references and titles. */
  titleField: string;
  searchFields: string[];
  /** What a reference picker shows beside the title to tell records apart (never a personal field). */
  pickerFields: string[];
  /**
   * Listed in the console's menu; false for a link table (小组成员, 代表进站 …), kept inside the pages of the
   * records it joins (their embedded lists) and still reachable there and by its address.
   */
  inMenu: boolean;
  defaultSort: SortSpec[];
  operations: Operation[];
  /** Pairs of (start, end) fields: an end before its start is refused (joinedOn/leftOn, startsOn/endsOn …). */
  ranges: [start: string, end: string][];
  /** Unique indexes by name, with the fields they cover (to name the field in a duplicate error). */
  uniques: { name: string; fields: string[] }[];
  /** Sets of fields of which every row fills exactly one (a database check; the model's rules name the field). */
  exactlyOne: string[][];
  fields: FieldMeta[];
  /** Who may read and write the records (server/access/policy.ts). */
  access: ModelAccess;
  /**
   * Paths from a record to the region that owns it (`deputy.region`, `seats.region`; '' for a region
   * itself): a record is in a user's region when any path ends inside that region's subtree.
   */
  regionPaths: string[];
  /**
   * The column holding the prefixes of the codes of every region the row belongs to (`{9,92,920,…,920102}`), for a
   * model one of whose region paths starts with a list (a person belongs to the regions of their seats): kept by
   * triggers (server/db/region-prefixes.ts) and GIN-indexed, so that a region's rows are found on the row itself
   * beside a text search's index, not through a join per path. Undefined for every other model.
   */
  regionPrefixesColumn?: string;
  /**
   * Paths from a record to the organisations (handling units) it concerns (`organisation`,
   * `handlings.organisation`): what a handling unit's staff may read (the `organisation` reach of
   * server/access/policy.ts). Empty for every model a handling unit has no business with.
   */
  organisationPaths: string[];
  /**
   * Each row describes one person (a person, a seat, a membership, an appointment …): statistics over it are
   * published like a statistical office's tables — small cells suppressed for those who may not read the rows.
   */
  describesPerson: boolean;
};

/**
 * - `records`: the secretariat's records; read and written within the user's region, read by leaders and analysts.
 * - `reference`: shared reference data (the regions): read by everyone, written within the user's region.
 * - `owned`: each user's own working material (dashboards, with an `owner` the server sets): read by its owner,
 *   or by everyone once `shared` (or when it has no owner); written by its owner and super administrators.
 * - `administration`: users: administrators only.
 */
export type ModelAccess = 'records' | 'reference' | 'owned' | 'administration';

const pendingFields = new Map<Function, FieldMeta[]>();
const models = new Map<Function, ModelMeta>();

/** Records a field declared on a class (called by the field decorators). */
export function addField(prototype: object, field: FieldMeta): void {
  const owner = prototype.constructor;
  const list = pendingFields.get(owner) ?? [];
  list.push(field);
  pendingFields.set(owner, list);
}

/** The fields declared on a class and its ancestors, ancestors first. */
export function declaredFields(target: Function): FieldMeta[] {
  const chain: Function[] = [];
  for (let current: Function | null = target; current && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.unshift(current);
  }
  return chain.flatMap((owner) => pendingFields.get(owner) ?? []);
}

export function registerModel(meta: ModelMeta): void {
  models.set(meta.target, meta);
}

export function modelOf(target: Function): ModelMeta {
  const meta = models.get(target);
  if (!meta) throw new Error(`${target.name} is not a registered model (missing @Model?)`);
  return meta;
}

/** Every model registered so far (the served entities, and any fixture a test declares). */
export function registeredModels(): ModelMeta[] {
  return [...models.values()];
}

export function hasModel(target: Function): boolean {
  return models.has(target);
}

export function fieldOf(model: ModelMeta, name: string): FieldMeta {
  const field = model.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`${model.name} has no field ${name}`);
  return field;
}

/** snake_case as MikroORM's default naming strategy writes columns and tables. */
export function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
