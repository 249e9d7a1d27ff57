/**
 * Field decorators: one line per field declares the column (MikroORM), the GraphQL field (type-graphql)
 * and the UI metadata (registry) together, each with an explicit type — nothing depends on emitted
 * decorator metadata. References and to-many lists get their GraphQL fields from the resolver factory,
 * which pages and batches them.
 */
import { BigIntType, Enum, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, registerEnumType } from 'type-graphql';
import { GraphQLBoolean, GraphQLInt, GraphQLString, type GraphQLScalarType } from 'graphql';
import type { EnumDef } from '../shared/define-enum.js';
import type { FieldDisplay, FieldKind, View } from '../shared/field-kinds.js';
import type { ValidatorKey } from '../shared/validators.js';
import { pinyinForms, type PinyinReading } from '../shared/pinyin.js';
import { describe } from './describe.js';
import { addField, snake, type Constructor, type DeleteRule, type FieldMeta } from './registry.js';
import { DateScalar, DateTimeScalar, DecimalScalar, JSONScalar } from './scalars.js';

type Common = {
  labelZh: string;
  labelEn: string;
  description?: string;
  /** Must be given on create and may never be null. */
  required?: boolean;
  readOnly?: boolean;
  /** Overrides the views a field of its kind appears in. */
  views?: View[];
  /** Unique among rows that are not deleted. */
  unique?: boolean;
  /** Database default: the field may be omitted on create and is never null. */
  default?: string | number | boolean;
  /** Personal data: masked for the roles that may not see it (server/access/masking.ts). */
  personal?: boolean;
};

const defaultViews: Record<FieldKind, View[]> = {
  text: ['list', 'show', 'edit', 'create', 'filter'],
  longText: ['show', 'edit', 'create'],
  int: ['list', 'show', 'edit', 'create', 'filter'],
  decimal: ['list', 'show', 'edit', 'create', 'filter'],
  money: ['list', 'show', 'edit', 'create', 'filter'],
  date: ['list', 'show', 'edit', 'create', 'filter'],
  datetime: ['list', 'show', 'filter'],
  boolean: ['list', 'show', 'edit', 'create', 'filter'],
  enum: ['list', 'show', 'edit', 'create', 'filter'],
  reference: ['list', 'show', 'edit', 'create', 'filter'],
  referenceList: ['show'],
  json: ['show', 'edit', 'create'],
};

function views(kind: FieldKind, options: Common): View[] {
  if (options.views) return options.views;
  const base = defaultViews[kind];
  return options.readOnly ? base.filter((view) => view !== 'edit' && view !== 'create') : base;
}

/** The column default, only when there is one (MikroORM would print `default undefined`). */
function columnDefault(options: Common & { defaultNow?: boolean }): { default?: string | number | boolean; defaultRaw?: string } {
  if (options.defaultNow) return { defaultRaw: 'now()' };
  return options.default === undefined ? {} : { default: options.default };
}

/** Whether the stored value can be null: not when required or defaulted. */
function nullable(options: Common): boolean {
  return !options.required && options.default === undefined;
}

function register(prototype: object, name: string, kind: FieldKind, options: Common, extra: Partial<FieldMeta> = {}): void {
  addField(prototype, {
    name,
    kind,
    labelZh: options.labelZh,
    labelEn: options.labelEn,
    description: describe(options.labelZh, options.labelEn, options.description),
    required: Boolean(options.required),
    nullable: kind === 'referenceList' ? false : kind === 'reference' ? !options.required : nullable(options),
    readOnly: Boolean(options.readOnly),
    views: views(kind, options),
    constraints: {},
    unique: options.unique,
    column: snake(name),
    personal: options.personal,
    ...extra,
  });
}

/** A scalar column with its GraphQL field; `columnOptions` carries the MikroORM type. */
function scalar(kind: FieldKind, graphqlType: GraphQLScalarType, columnOptions: Record<string, unknown>, options: Common, extra: Partial<FieldMeta> = {}) {
  return (prototype: object, name: string) => {
    Property({ ...columnDefault(options), ...columnOptions, nullable: nullable(options) && !('defaultRaw' in columnOptions) })(prototype, name);
    Field(() => graphqlType, { nullable: nullable(options), description: describe(options.labelZh, options.labelEn, options.description) })(prototype, name);
    register(prototype, name, kind, options, { graphqlType: graphqlType.name, ...extra });
  };
}

export type TextOptions = Common & {
  maxLength?: number;
  validator?: ValidatorKey;
  /** Collation lists sort this field by (`zh_stroke`: surname stroke count). */
  collation?: 'zh_stroke' | 'zh_pinyin';
  /** Found by its pinyin too (`q: "dingbo"`, `"db"` finds 丁波), read as a person's name or as words (schema/shared/pinyin.ts). */
  pinyin?: PinyinReading;
};

/**
 * The column `<column>_pinyin` beside a text found by pinyin: the text's pinyin forms, set by the ORM whenever
 * it writes the row (every write of the API and of imports), so that no path through the server lets it lag
 * the text; bulk loads and raw SQL are caught up by server/db/pinyin.ts. Never a GraphQL field nor in metadata:
 * it is how the text is searched, not something a user reads or writes.
 */
function pinyinColumn(prototype: object, name: string, reading: PinyinReading): void {
  const forms = (entity: Record<string, unknown>) => pinyinForms(entity[name] as string | null | undefined, reading);
  Property({ type: 'text', nullable: true, hidden: true, lazy: true, onCreate: forms, onUpdate: forms })(prototype, `${name}Pinyin`);
}

/** A short text: varchar with a length limit, plain text (no control or bidi characters) unless a validator says otherwise. */
export function TextField(options: TextOptions) {
  const maxLength = options.maxLength ?? 100;
  const { pinyin } = options;
  return (prototype: object, name: string) => {
    scalar('text', GraphQLString, { type: 'string', length: maxLength }, options, {
      constraints: { maxLength, validator: options.validator ?? 'plainText' },
      collation: options.collation,
      ...(pinyin ? { pinyin: { column: `${snake(name)}_pinyin`, reading: pinyin } } : {}),
    })(prototype, name);
    if (pinyin) pinyinColumn(prototype, name, pinyin);
  };
}

/** A long text (body of a suggestion, a summary): `text` column, newlines allowed. */
export function LongTextField(options: Common & { maxLength?: number }) {
  const maxLength = options.maxLength ?? 20_000;
  return scalar('longText', GraphQLString, { type: 'text' }, options, { constraints: { maxLength, validator: 'longText' } });
}

/**
 * A whole number. `measure: false` for one that names rather than counts (a year, a term number): charts
 * neither sum nor average it (metadata `measurable`); the API keeps its min and max.
 */
export function IntField(options: Common & { min?: number; max?: number; measure?: false; generated?: string; display?: FieldDisplay }) {
  // A generated column (`generated`: its SQL expression over other columns) holds whatever any writer — the API,
  // a bulk load, a restore — stored in those columns; so it is read-only, and no path can let it disagree.
  const column = options.generated ? { type: 'smallint', generated: `(${options.generated}) stored` } : { type: 'integer' };
  return scalar('int', GraphQLInt, column, options.generated ? { ...options, readOnly: true } : options, {
    constraints: { min: options.min, max: options.max },
    measure: options.measure,
    display: options.display,
  });
}

/** An exact number (numeric column, Decimal strings in GraphQL); `money` marks amounts in 元. */
export function DecimalField(options: Common & { money?: boolean; precision?: number; scale?: number; min?: number; max?: number; measure?: false }) {
  const precision = options.precision ?? 14;
  const scale = options.scale ?? 2;
  return scalar(options.money ? 'money' : 'decimal', DecimalScalar, { type: 'decimal', precision, scale }, options, {
    constraints: { scale, min: options.min ?? 0, max: options.max },
    measure: options.measure,
  });
}

/**
 * A calendar date. `happened`: the date of something that has already happened (a birth, an election, a
 * station opened, an answer given), so never later than today (the shared `happened` validator).
 */
export function DateField(options: Common & { happened?: boolean }) {
  return scalar('date', DateScalar, { type: 'date' }, options, options.happened ? { constraints: { validator: 'happened' } } : {});
}

/**
 * A point in time (timestamptz). `stamp` makes the ORM set it on create (and on update with 'update'),
 * with `now()` as the column default for rows written by bulk loads and raw SQL.
 */
export function DateTimeField(options: Common & { stamp?: 'create' | 'update' }) {
  const now = () => new Date();
  const stamped = options.stamp ? { onCreate: now, ...(options.stamp === 'update' ? { onUpdate: now } : {}) } : {};
  return scalar('datetime', DateTimeScalar, { type: 'timestamptz', ...stamped, ...columnDefault({ ...options, defaultNow: Boolean(options.stamp) }) }, options);
}

/** A yes/no; `generated`, like IntField's, makes it a read-only column PostgreSQL computes from others (null where they are). */
export function BooleanField(options: Common & { generated?: string }) {
  const column = options.generated ? { type: 'boolean', generated: `(${options.generated}) stored` } : { type: 'boolean' };
  return scalar('boolean', GraphQLBoolean, column, options.generated ? { ...options, readOnly: true } : options);
}

export function JsonField(options: Common) {
  return scalar('json', JSONScalar, { type: 'json' }, options);
}

const registeredEnums = new Set<string>();

/** Registers the GraphQL enum once, with each value's labels as its description. */
export function graphqlEnum(def: EnumDef): object {
  if (!registeredEnums.has(def.name)) {
    registeredEnums.add(def.name);
    registerEnumType(def.object, {
      name: def.name,
      description: describe(def.labelZh, def.labelEn),
      valuesConfig: Object.fromEntries(def.options.map((option) => [option.value, { description: describe(option.labelZh, option.labelEn) }])),
    });
  }
  return def.object;
}

export function EnumField(def: EnumDef, options: Common) {
  return (prototype: object, name: string) => {
    Enum({ items: [...def.values], nullable: nullable(options), ...columnDefault(options) })(prototype, name);
    Field(() => graphqlEnum(def), { nullable: nullable(options), description: describe(options.labelZh, options.labelEn, options.description) })(prototype, name);
    register(prototype, name, 'enum', options, { enum: def, graphqlType: def.name });
  };
}

/**
 * A reference (many-to-one): the column `<name>_id`; the GraphQL field and `<name>Id` input come from the factory.
 * `onDelete` says what deleting the target does to this record; by default the delete is refused while it
 * points there (CLEAR only for an optional reference).
 */
export function Reference(target: () => Constructor, options: Common & { onDelete?: DeleteRule }) {
  if (options.onDelete === 'CLEAR' && options.required) throw new Error(`a required reference (${options.labelEn}) cannot be cleared when its target is deleted`);
  return (prototype: object, name: string) => {
    ManyToOne(target as () => never, { nullable: !options.required, deleteRule: 'no action', updateRule: 'no action' })(prototype, name);
    register(prototype, name, 'reference', options, { target, column: `${snake(name)}_id`, onDelete: options.onDelete ?? 'REFUSE' });
  };
}

/** A to-many relation: the join entity's rows whose `mappedBy` reference points here, paged like any list. */
export function HasMany(target: () => Constructor, mappedBy: string, options: Common) {
  return (prototype: object, name: string) => {
    OneToMany(target as () => never, mappedBy as never)(prototype, name);
    register(prototype, name, 'referenceList', { ...options, readOnly: true }, { target, mappedBy, column: undefined });
  };
}

/** The bigint identity primary key, an `ID` string in GraphQL. */
export function IdField() {
  return (prototype: object, name: string) => {
    PrimaryKey({ type: new BigIntType('string'), autoincrement: true })(prototype, name);
    Field(() => ID, { description: describe('编号', 'ID') })(prototype, name);
    register(prototype, name, 'text', { labelZh: '编号', labelEn: 'ID', readOnly: true, required: true, views: ['show'] }, { graphqlType: 'ID' });
  };
}
