/**
 * Who may do what, decided from the model's declared access and the user's role (../shared/DOMAIN.md
 * "Users") — one table for every entity, so a new entity is governed the day it is declared:
 *
 * | access         | read, list                          | aggregate | create, update, delete, restore |
 * |----------------|-------------------------------------|-----------|---------------------------------|
 * | records        | admin, clerk: own region; leader, analyst: all (identifiers masked) | all | admin, clerk: own region |
 * | reference      | all                                 | all       | admin, clerk: own region        |
 * | owned          | own, shared and ownerless ones      | all       | own (super admin: all)          |
 * | administration | admin: own region                   | admin     | admin: own region               |
 *
 * "Own region" is the subtree of the user's region; an administrator without one (a super
 * administrator) has everything. Statistics (aggregates, metrics) cover every region for every role.
 * Ownership (`owned`) is not a matter of regions: Access applies it (access.ts).
 */
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Operation } from '../../schema/shared/field-kinds.js';
import type { Actor } from './actor.js';

const readOperations: ReadonlySet<Operation> = new Set(['list', 'read', 'aggregate']);

export function isReadOperation(operation: Operation): boolean {
  return readOperations.has(operation);
}

/** Whether the role may perform `operation` on the model at all (in some region). */
export function mayPerform(actor: Actor, model: ModelMeta, operation: Operation): boolean {
  if (!model.operations.includes(operation)) return false;
  switch (model.access) {
    case 'owned':
      return true;
    case 'administration':
      return actor.role === 'ADMIN';
    case 'reference':
    case 'records':
      return isReadOperation(operation) || actor.role === 'ADMIN' || actor.role === 'CLERK';
  }
}

/** The operations of the model the user may perform: what `metadata` tells the console. */
export function allowedOperations(actor: Actor, model: ModelMeta): Operation[] {
  return model.operations.filter((operation) => mayPerform(actor, model, operation));
}

/** The region whose subtree bounds what the user reads of the model record by record; null: no bound. */
export function readBound(actor: Actor, model: ModelMeta): string | null {
  if (model.access === 'reference' || model.access === 'owned') return null;
  if (model.access === 'records' && (actor.role === 'LEADER' || actor.role === 'ANALYST')) return null;
  return actor.regionCode;
}

/** The region whose subtree bounds what the user writes; null: no bound. */
export function writeBound(actor: Actor, model: ModelMeta): string | null {
  return model.access === 'owned' ? null : actor.regionCode;
}

/** A super administrator: an administrator bound to no region. */
export function isSuperAdmin(actor: Actor): boolean {
  return actor.role === 'ADMIN' && actor.regionCode === null;
}

/** Personal identifiers are shown only to administrators and clerks, who read only their own region's records. */
export function masksPersonal(actor: Actor): boolean {
  return actor.role === 'LEADER' || actor.role === 'ANALYST';
}
