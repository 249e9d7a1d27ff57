/** Deputy groups: a group is active until the day it is dissolved (the date says when, for the counts of past years). */
import type { ModelRules } from './rule.js';

export const deputyGroupRules: ModelRules = {
  derive(values) {
    values.active = values.dissolvedOn == null;
  },
};
