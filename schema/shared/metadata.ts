/**
 * The contract of the `metadata` query (API.md "Metadata"): everything the console generates screens from, as
 * plain types with no decorators. The server's GraphQL types implement them (server/api/metadata.resolver.ts)
 * and the console reads them (admin/src/metadata/types.ts), so the two cannot drift apart.
 */
import type { FieldDisplay, FieldKind, Operation, View } from './field-kinds.js';
import type { UserRole } from './enums.js';

/** What deleting a record does to the records that point at it. */
export type OnDelete = 'REFUSE' | 'CASCADE' | 'CLEAR';

export type Language = 'zh' | 'en';

export type OptionMeta = { value: string; labelZh: string; labelEn: string; color: string | null };

export type FieldMeta = {
  name: string;
  kind: FieldKind;
  graphqlType: string;
  required: boolean;
  /** May be empty (false for fields with a default). */
  nullable: boolean;
  readOnly: boolean;
  labelZh: string;
  labelEn: string;
  description: string;
  options: OptionMeta[] | null;
  /** Where a reference or list points, and what deleting the record pointed at does (REFUSE, CASCADE, CLEAR). */
  reference: { entity: string; inverse: string | null; onDelete: OnDelete | null } | null;
  views: View[];
  validator: string | null;
  maxLength: number | null;
  min: number | null;
  max: number | null;
  scale: number | null;
  /** A personal identifier, and whether the signed-in user reads it masked. */
  personal: boolean;
  masked: boolean;
  /** What the signed-in user may do with the field (the server's access rule): sort lists, filter lists, group statistics. */
  sortable: boolean;
  /** Summed and averaged in statistics: a quantity (not a year, a term), and not refused to this user. */
  measurable: boolean;
  /** How the value is written for readers where its kind alone does not say (`term`: 第十八届 / 18th), or null. */
  display: FieldDisplay | null;
  filterable: boolean;
  groupable: boolean;
};

/** A pair of fields whose end may not be before its start (the server refuses it on the end field). */
export type RangeMeta = { start: string; end: string };

export type EntityMeta = {
  name: string;
  singular: string;
  plural: string;
  labelZh: string;
  labelEn: string;
  description: string;
  icon: string;
  area: string;
  titleField: string;
  searchFields: string[];
  /** What a reference picker shows beside the title (and all it fetches besides the title). */
  pickerFields: string[];
  /** Listed in the menu (false: a link table, kept inside its parents' pages). */
  inMenu: boolean;
  /** Its records belong to regions: its filter takes `inRegion` (a division code; the region and its subdivisions). */
  regional: boolean;
  /** Its records can be brought in from a spreadsheet (/import; the template, a dry run, then the commit). */
  importable: boolean;
  /** The unique fields an import may update an existing record by (a region's code, a person's ID number). */
  naturalKeys: string[];
  defaultSort: { field: string; direction: 'ASC' | 'DESC' }[];
  operations: Operation[];
  fields: FieldMeta[];
  ranges: RangeMeta[];
};

export type AreaMeta = { key: string; labelZh: string; labelEn: string };

/** The signed-in user the metadata answers for; /auth/sign-in and /auth/session describe them the same way. */
export type Viewer = {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** Their region; null: not bounded to one (a super administrator). */
  region: { id: string; code: string; name: string } | null;
  /** What the capability table (server/access/policy.ts) grants them beyond records: `compareMetrics`, `readAuditLog` … */
  capabilities: string[];
};

export type Metadata = { entities: EntityMeta[]; areas: AreaMeta[]; viewer: Viewer };
