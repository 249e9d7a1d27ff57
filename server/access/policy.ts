/**
 * Who may do what: ONE table, from the model's declared access and the user's role (../shared/DOMAIN.md
 * "Users"), so a new entity is governed the day it is declared — and the authorization tests compute their
 * expectations from this same table (tests/access/privacy-matrix.test.ts).
 *
 * | access         | read, list                      | statistics (aggregates, metrics) | write (create … restore)  |
 * |----------------|---------------------------------|----------------------------------|---------------------------|
 * | records        | admin, clerk: region; leader, analyst: all (identifiers masked) | all | admin, clerk: region |
 * | reference      | all                             | all                              | admin, clerk: region      |
 * | owned          | own (and shared, ownerless)     | own (and shared, ownerless)      | own                       |
 * | administration | admin: region                   | admin: region                    | admin: region             |
 *
 * "region" is the subtree of the user's region (an administrator without one — a super administrator —
 * has everything); "own" is what the user saved (a super administrator: everything). What a reach does not
 * cover is, to that user, indistinguishable from what does not exist. Beyond the table, one rule (access.ts,
 * `Access.use`): what a user cannot read as a value, no filter, sort, group key, label, measure or count reveals.
 */
import type { ModelAccess, ModelMeta } from '../../schema/model/registry.js';
import { UserRole } from '../../schema/shared/enums.js';
import type { Operation } from '../../schema/shared/field-kinds.js';
import type { Actor } from './actor.js';

export type Reach = 'all' | 'region' | 'own' | 'none';
export type Rights = { read: Reach; statistics: Reach; write: Reach };

const readOnly: Rights = { read: 'all', statistics: 'all', write: 'none' };
const nothing: Rights = { read: 'none', statistics: 'none', write: 'none' };
const ownWork: Rights = { read: 'own', statistics: 'own', write: 'own' };

export const policyTable: Record<ModelAccess, Record<UserRole, Rights>> = {
  records: {
    ADMIN: { read: 'region', statistics: 'all', write: 'region' },
    CLERK: { read: 'region', statistics: 'all', write: 'region' },
    LEADER: readOnly,
    ANALYST: readOnly,
  },
  reference: {
    ADMIN: { read: 'all', statistics: 'all', write: 'region' },
    CLERK: { read: 'all', statistics: 'all', write: 'region' },
    LEADER: readOnly,
    ANALYST: readOnly,
  },
  owned: { ADMIN: ownWork, CLERK: ownWork, LEADER: ownWork, ANALYST: ownWork },
  administration: {
    ADMIN: { read: 'region', statistics: 'region', write: 'region' },
    CLERK: nothing,
    LEADER: nothing,
    ANALYST: nothing,
  },
};

/** Roles that read personal identifiers (ID number, mobile, address, birth date) masked, wherever they read them. */
export const masksPersonalTable: Record<UserRole, boolean> = { ADMIN: false, CLERK: false, LEADER: true, ANALYST: true };

const readOperations: ReadonlySet<Operation> = new Set(['list', 'read', 'aggregate']);

export function isReadOperation(operation: Operation): boolean {
  return readOperations.has(operation);
}

export function rightsOf(actor: Pick<Actor, 'role'>, model: Pick<ModelMeta, 'access'>): Rights {
  return policyTable[model.access][actor.role];
}

/** Whether the role may perform `operation` on the model at all (in some region). */
export function mayPerform(actor: Pick<Actor, 'role'>, model: Pick<ModelMeta, 'access' | 'operations'>, operation: Operation): boolean {
  if (!model.operations.includes(operation)) return false;
  const rights = rightsOf(actor, model);
  if (operation === 'aggregate') return rights.statistics !== 'none';
  return (isReadOperation(operation) ? rights.read : rights.write) !== 'none';
}

/** The operations of the model the user may perform: what `metadata` tells the console. */
export function allowedOperations(actor: Actor, model: ModelMeta): Operation[] {
  return model.operations.filter((operation) => mayPerform(actor, model, operation));
}

/** A super administrator: an administrator bound to no region. */
export function isSuperAdmin(actor: Pick<Actor, 'role' | 'regionCode'>): boolean {
  return actor.role === 'ADMIN' && actor.regionCode === null;
}

/**
 * Whether a reach covers everything for this user: "all", or "region"/"own" for a super administrator. A
 * reach that is not whole is a condition on rows (access.ts builds it in SQL; a region reach with no region: none).
 */
export function isWhole(actor: Pick<Actor, 'role' | 'regionCode'>, reach: Reach): boolean {
  return reach === 'all' || ((reach === 'region' || reach === 'own') && isSuperAdmin(actor));
}

export function masksPersonal(actor: Pick<Actor, 'role'>): boolean {
  return masksPersonalTable[actor.role];
}

/**
 * The roles a user may hold whose reach lies inside one region's subtree: those that read records of
 * their region only (administrators and clerks). A scoped administrator manages only these, inside its
 * subtree; leaders, analysts and unscoped accounts read everything, so only a super administrator makes them.
 */
export const regionalRoles: UserRole[] = UserRole.values.filter((role) => policyTable.records[role].read === 'region');
