/**
 * What each test user may read, write and use, computed from the policy table (server/access/policy.ts)
 * and the model — the authorization tests' expectations, never written per path. The users: a super
 * administrator, an administrator and a clerk of county 990011 ("own"), a leader, an analyst and a handling
 * unit's staff member (of 990011's first organisation, which handles the own-side suggestion); records
 * of county 990021, of the shared root and of the super administrator are "other" to the scoped two.
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import type { UserRole } from '../../schema/shared/enums.js';
import { groupableKinds } from '../../schema/shared/field-kinds.js';
import { capabilityTable, masksPersonalTable, rightsOf, type Capability, type Rights } from '../../server/access/policy.js';

export type Who = 'superAdmin' | 'scopedAdmin' | 'clerk' | 'leader' | 'analyst' | 'handler';
export type Side = 'own' | 'other';
export const everyone: Who[] = ['superAdmin', 'scopedAdmin', 'clerk', 'leader', 'analyst', 'handler'];
export const ownCounty = '990011';

export const regionalRoleOf: Record<Who, [UserRole, string | null]> = {
  superAdmin: ['ADMIN', null],
  scopedAdmin: ['ADMIN', ownCounty],
  clerk: ['CLERK', ownCounty],
  leader: ['LEADER', null],
  analyst: ['ANALYST', null],
  // Staff of the county's first organisation: the own-side samples' (Organisation seed 1), whose handling the own suggestion has.
  handler: ['HANDLER', ownCounty],
};

/**
 * Whether the user's `right` on the model reaches a sample record of `side`. A region reach is the user's
 * county (everything for the super administrator); an "own" reach is what the super administrator saved:
 * the own-side sample is shared (read by all), the other private (read and written by them alone). An
 * organisation reach is the handler's unit: the own-side samples are its (the own suggestion's handling is by it).
 */
export function covers(who: Who, model: ModelMeta, right: keyof Rights, side: Side): boolean {
  const reach = policyOf(who, model)[right];
  if (reach === 'none') return false;
  if (reach === 'all' || who === 'superAdmin') return true;
  if (reach === 'region' || reach === 'organisation') return side === 'own';
  return right !== 'write' && side === 'own';
}

export const policyOf = (who: Who, model: ModelMeta): Rights => rightsOf({ role: regionalRoleOf[who][0] }, model);

/**
 * Whether the user holds a capability that is not a model's (capabilityTable): a reach other than none, and for
 * one over the whole installation a reach that covers it: "all", or any for the super administrator.
 */
export function holds(who: Who, capability: Capability): boolean {
  const rule = capabilityTable[capability];
  const reach = rule.reach[regionalRoleOf[who][0]];
  if (reach === 'none') return false;
  return rule.over === 'region' || reach === 'all' || who === 'superAdmin';
}

/** Whether the role writes the model at all (somewhere). */
export const writes = (who: Who, model: ModelMeta): boolean => policyOf(who, model).write !== 'none';

export const masks = (who: Who): boolean => masksPersonalTable[regionalRoleOf[who][0]];

/** Reads every record of the model one by one (whether masked or not). */
const readsAll = (who: Who, model: ModelMeta) => covers(who, model, 'read', 'own') && covers(who, model, 'read', 'other');

/** Statistics over people that the user does not read whole and unmasked: small groups are withheld. */
export const seenPartly = (who: Who, model: ModelMeta): boolean => model.describesPerson && (masks(who) || !readsAll(who, model));

/**
 * Whether a use of a field must be refused (DOMAIN.md: only administrators and the owning county's clerk
 * see personal identifiers; statistics span every county): a personal identifier for those who read it
 * masked, and in statistics for anyone but the super administrator; in statistics over people the user
 * does not read row by row, anything but a dimension (enums, flags, numbers, dates, references).
 */
export function expectedRefusal(who: Who, model: ModelMeta, field: FieldMeta, use: 'filter' | 'sort' | 'group', purpose: 'records' | 'statistics'): boolean {
  if (field.personal && (masks(who) || (purpose === 'statistics' && who !== 'superAdmin'))) return true;
  const identifying = field.name === 'id' || !groupableKinds.has(field.kind);
  return purpose === 'statistics' && model.describesPerson && !readsAll(who, model) && identifying && use === 'filter';
}
