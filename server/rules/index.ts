/** The business rules of each model that has any, by model name. */
import type { ModelMeta } from '../../schema/model/registry.js';
import { appointmentRules } from './appointment.rules.js';
import { deputyGroupRules } from './deputy-group.rules.js';
import { fundingAllocationRules } from './funding-allocation.rules.js';
import { groupMembershipRules } from './group-membership.rules.js';
import { liaisonStationRules } from './liaison-station.rules.js';
import { oathRules } from './oath.rules.js';
import { personRules } from './person.rules.js';
import { regionRules } from './region.rules.js';
import type { ModelRules } from './rule.js';
import { userRules } from './user.rules.js';

const rules: Record<string, ModelRules> = {
  Region: regionRules,
  Person: personRules,
  DeputyGroup: deputyGroupRules,
  GroupMembership: groupMembershipRules,
  LiaisonStation: liaisonStationRules,
  FundingAllocation: fundingAllocationRules,
  Oath: oathRules,
  Appointment: appointmentRules,
  User: userRules,
};

export function rulesOf(model: ModelMeta): ModelRules | undefined {
  return rules[model.name];
}
