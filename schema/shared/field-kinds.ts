/** The kinds of field the API publishes in `metadata` and the console maps to components (API.md). */
export const fieldKinds = ['text', 'longText', 'int', 'decimal', 'money', 'date', 'datetime', 'boolean', 'enum', 'reference', 'referenceList', 'json'] as const;
export type FieldKind = (typeof fieldKinds)[number];

/**
 * How a field's value is written for readers where its kind alone does not say: `term`, a congress's term number
 * (届) written 第十八届 / 18th (schema/shared/term.ts) — in the console, in exports and in group labels.
 */
export const fieldDisplays = ['term'] as const;
export type FieldDisplay = (typeof fieldDisplays)[number];

export const views = ['list', 'show', 'edit', 'create', 'filter'] as const;
export type View = (typeof views)[number];

export const operations = ['list', 'read', 'create', 'update', 'delete', 'restore', 'aggregate'] as const;
export type Operation = (typeof operations)[number];

/** Kinds whose values can be summed and averaged in aggregates. */
export const numericKinds: ReadonlySet<FieldKind> = new Set(['int', 'decimal', 'money']);
/** Kinds an aggregate may group by (dates by a part: year, quarter, month). */
export const groupableKinds: ReadonlySet<FieldKind> = new Set(['enum', 'boolean', 'reference', 'int', 'date', 'datetime']);

/** Menu areas of the console, in menu order. */
export const areas = {
  regions: { zh: '行政区划', en: 'Regions' },
  people: { zh: '人员与代表', en: 'People and deputies' },
  groups: { zh: '代表小组', en: 'Deputy groups' },
  stations: { zh: '联络站', en: 'Liaison stations' },
  funding: { zh: '经费保障', en: 'Funding' },
  appointments: { zh: '任免与宣誓', en: 'Appointments and oaths' },
  suggestions: { zh: '建议与议案', en: 'Suggestions and motions' },
  activities: { zh: '活动与培训', en: 'Activities and trainings' },
  analysis: { zh: '对比分析', en: 'Comparison' },
  workbench: { zh: '查询工作台', en: 'Workbench' },
  system: { zh: '系统', en: 'System' },
} as const;
export type Area = keyof typeof areas;
