/** The shapes of the `metadata` query: the one contract in schema/shared/metadata.ts, which the server implements. */
export type { AreaMeta, EntityMeta, FieldMeta, Language, Metadata, OnDelete, OptionMeta, RangeMeta, Viewer } from '../../../schema/shared/metadata.js';
