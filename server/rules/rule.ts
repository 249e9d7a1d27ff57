/** Business rules beyond field validation: one module per model that has them, looked up by model name. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ModelMeta } from '../../schema/model/registry.js';

/**
 * A record's values as rules see them: scalars by field name, references as the target's id string.
 * On update it is the stored record with the requested changes applied.
 */
export type Values = Record<string, unknown>;

export type RuleContext = {
  em: EntityManager;
  model: ModelMeta;
  /** The record before the change; undefined on create. */
  before: Values | undefined;
  /** What the client's input set (validated), as opposed to values carried over from `before`. */
  changes: Values;
};

export type ModelRules = {
  /** Fills what the server computes (Region.level from kind, Person.gender from idNumber …). */
  derive?: (values: Values, context: RuleContext) => void | Promise<void>;
  /** Refuses what the domain forbids, throwing an AppError that names the field. */
  check?: (values: Values, context: RuleContext) => void | Promise<void>;
  /**
   * The rules read other records (through `em`): an import then writes its rows one at a time, each seeing the
   * rows before it (a second oath for one appointment in the same file is refused as it would be one by one).
   */
  readsRecords?: true;
};
