/**
 * Who may do what: ONE table, from the model's declared access and the user's role (../shared/DOMAIN.md
 * "Users"), so a new entity is governed the day it is declared — and the authorization tests compute their
 * expectations from this same table (tests/access/privacy-matrix.deep.test.ts).
 *
 * | access         | read, list                      | statistics (aggregates, metrics) | write (create … restore)  |
 * |----------------|---------------------------------|----------------------------------|---------------------------|
 * | records        | admin, clerk: region; leader, analyst: all (identifiers masked) | all | admin, clerk: region |
 * | reference      | all                             | all                              | admin, clerk: region      |
 * | owned          | own (and shared, ownerless)     | own (and shared, ownerless)      | own                       |
 * | administration | admin: region                   | admin: region                    | admin: region             |
 *
 * A handling unit's staff (handler) have one reach for every model, "organisation": the records whose
 * `organisationPaths` lead to their unit (the suggestions it handles and its handlings), read-only to the
 * generic API (they act through the suggestion workflow's steps, server/workflow/); a model that declares no
 * such path is, to them, as if it did not exist (rightsOf: none), whatever the table says of its access.
 *
 * "region" is the subtree of the user's region (an administrator without one — a super administrator —
 * has everything); "own" is what the user saved (a super administrator: everything). What a reach does not
 * cover is, to that user, indistinguishable from what does not exist. Beyond the table, one rule (access.ts,
 * `Access.use`): what a user cannot read as a value, no filter, sort, group key, label, measure or count reveals.
 *
 * What is not a model's records has a second table below, `capabilityTable`, in the same reaches:
 *
 * | capability    | over         | who                                                   |
 * |---------------|--------------|-------------------------------------------------------|
 * | readSettings  | installation | all                                                   |
 * | writeSettings | installation | admin: region — whole only for a super administrator  |
 * | readAuditLog  | region       | admin: region (what the users of their region did)    |
 * | revertRecords | region       | admin: region (and the record's own write reach)      |
 * | undoImports   | region       | admin: region (and the records' own write reach)      |
 * | readBackups   | installation | admin: region — whole only for a super administrator  |
 */
import type { ModelAccess, ModelMeta } from '../../schema/model/registry.js';
import { UserRole } from '../../schema/shared/enums.js';
import type { Operation } from '../../schema/shared/field-kinds.js';
import type { Messages } from '../graphql/errors.js';
import type { Actor } from './actor.js';

export type Reach = 'all' | 'region' | 'organisation' | 'own' | 'none';
export type Rights = { read: Reach; statistics: Reach; write: Reach };

const readOnly: Rights = { read: 'all', statistics: 'all', write: 'none' };
const nothing: Rights = { read: 'none', statistics: 'none', write: 'none' };
const ownWork: Rights = { read: 'own', statistics: 'own', write: 'own' };
/** A handling unit's staff: what concerns their unit, read only (the workflow's steps are their writes). */
const unitWork: Rights = { read: 'organisation', statistics: 'organisation', write: 'none' };

export const policyTable: Record<ModelAccess, Record<UserRole, Rights>> = {
  records: {
    ADMIN: { read: 'region', statistics: 'all', write: 'region' },
    CLERK: { read: 'region', statistics: 'all', write: 'region' },
    LEADER: readOnly,
    ANALYST: readOnly,
    HANDLER: unitWork,
  },
  reference: {
    ADMIN: { read: 'all', statistics: 'all', write: 'region' },
    CLERK: { read: 'all', statistics: 'all', write: 'region' },
    LEADER: readOnly,
    ANALYST: readOnly,
    HANDLER: unitWork,
  },
  owned: { ADMIN: ownWork, CLERK: ownWork, LEADER: ownWork, ANALYST: ownWork, HANDLER: nothing },
  administration: {
    ADMIN: { read: 'region', statistics: 'region', write: 'region' },
    CLERK: nothing,
    LEADER: nothing,
    ANALYST: nothing,
    HANDLER: nothing,
  },
};

/** Roles that read personal identifiers (ID number, mobile, address, birth date) masked, wherever they read them. */
export const masksPersonalTable: Record<UserRole, boolean> = { ADMIN: false, CLERK: false, LEADER: true, ANALYST: true, HANDLER: true };

const readOperations: ReadonlySet<Operation> = new Set(['list', 'read', 'aggregate']);

export function isReadOperation(operation: Operation): boolean {
  return readOperations.has(operation);
}

/** The table's reach, less an organisation reach over a model that no path ties to an organisation (none). */
function reachOver(reach: Reach, model: Pick<ModelMeta, 'organisationPaths'>): Reach {
  return reach === 'organisation' && model.organisationPaths.length === 0 ? 'none' : reach;
}

export function rightsOf(actor: Pick<Actor, 'role'>, model: Pick<ModelMeta, 'access' | 'organisationPaths'>): Rights {
  const rights = policyTable[model.access][actor.role];
  return { read: reachOver(rights.read, model), statistics: reachOver(rights.statistics, model), write: reachOver(rights.write, model) };
}

/** Whether the role may perform `operation` on the model at all (in some region). */
export function mayPerform(actor: Pick<Actor, 'role'>, model: Pick<ModelMeta, 'access' | 'operations' | 'organisationPaths'>, operation: Operation): boolean {
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
 * their region only (administrators and clerks), or of their organisation only (handling unit staff, whose
 * region is their unit's). A scoped administrator manages only these, inside its subtree; leaders, analysts
 * and unscoped accounts read everything, so only a super administrator makes them.
 */
export const regionalRoles: UserRole[] = UserRole.values.filter((role) => ['region', 'organisation'].includes(policyTable.records[role].read));

/** What a user may do that is not an operation on a model's records: one name per resolver-level permission. */
export type Capability = 'readSettings' | 'writeSettings' | 'readAuditLog' | 'revertRecords' | 'undoImports' | 'compareMetrics' | 'readBackups';

export type CapabilityRule = {
  /**
   * "installation": one thing for the whole installation (its settings), which a reach grants only when it is
   * whole (isWhole: so a region reach, only to a super administrator); "region": divisible by region, a region
   * reach grants it over the user's region (the resolver bounds it, or the records' own reach does).
   */
  over: 'installation' | 'region';
  reach: Record<UserRole, Reach>;
  /** What a user without the capability is told (FORBIDDEN). */
  refusal: Messages;
};

const administrators: Record<UserRole, Reach> = { ADMIN: 'region', CLERK: 'none', LEADER: 'none', ANALYST: 'none', HANDLER: 'none' };
const auditRefusal: Messages = { zh: '只有管理员可以查看审计日志和还原记录', en: 'Only administrators may read the audit log and revert records' };

export const capabilityTable: Record<Capability, CapabilityRule> = {
  readSettings: {
    over: 'installation',
    reach: { ADMIN: 'all', CLERK: 'all', LEADER: 'all', ANALYST: 'all', HANDLER: 'all' },
    refusal: { zh: '您不能查看系统设置', en: 'You may not read the settings' },
  },
  writeSettings: { over: 'installation', reach: administrators, refusal: { zh: '只有超级管理员可以修改系统设置', en: 'Only a super administrator may change settings' } },
  readAuditLog: { over: 'region', reach: administrators, refusal: auditRefusal },
  revertRecords: { over: 'region', reach: administrators, refusal: auditRefusal },
  undoImports: { over: 'region', reach: administrators, refusal: { zh: '只有管理员可以撤销导入', en: 'Only administrators may undo an import' } },
  // The metrics catalog and comparisons: figures of every region, for the congress's own staff, not its handling units.
  compareMetrics: {
    over: 'region',
    reach: { ADMIN: 'all', CLERK: 'all', LEADER: 'all', ANALYST: 'all', HANDLER: 'none' },
    refusal: { zh: '您的角色不能查看指标和区划对比', en: 'Your role may not read the metrics or compare regions' },
  },
  // The backups hold every region's records and where they lie on the server's disks: the installation's keeper's.
  readBackups: { over: 'installation', reach: administrators, refusal: { zh: '只有超级管理员可以查看备份状态', en: 'Only a super administrator may read the state of the backups' } },
};

/** The user's reach over a capability: "none" where the table refuses it, or where an installation-wide one is not whole. */
export function capabilityReach(actor: Pick<Actor, 'role' | 'regionCode'>, capability: Capability): Reach {
  const rule = capabilityTable[capability];
  const reach = rule.reach[actor.role];
  return rule.over === 'installation' && !isWhole(actor, reach) ? 'none' : reach;
}

export function mayUse(actor: Pick<Actor, 'role' | 'regionCode'>, capability: Capability): boolean {
  return capabilityReach(actor, capability) !== 'none';
}
