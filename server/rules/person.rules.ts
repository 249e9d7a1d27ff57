/** Persons: gender and birth date come from the resident ID number and must agree with it. */
import type { Gender } from '../../schema/shared/enums.js';
import { parseIdNumber } from '../../schema/shared/validators.js';
import type { ModelRules } from './rule.js';
import { refuse } from './rule-helpers.js';

const genderZh: Record<Gender, string> = { MALE: '男', FEMALE: '女' };

export const personRules: ModelRules = {
  derive(values, { model, changes }) {
    if (!values.idNumber) return;
    const parsed = parseIdNumber(String(values.idNumber));
    // A value the client set explicitly must agree; one merely carried over from before is replaced.
    const setByClient = (field: string) => changes[field] != null;
    if (setByClient('gender') && values.gender !== parsed.gender) {
      throw refuse(model, 'gender', `与身份证号码不一致（应为${genderZh[parsed.gender]}）`, `disagrees with the ID number (${parsed.gender})`);
    }
    if (setByClient('birthDate') && values.birthDate !== parsed.birthDate) {
      throw refuse(model, 'birthDate', `与身份证号码不一致（应为 ${parsed.birthDate}）`, `disagrees with the ID number (${parsed.birthDate})`);
    }
    values.gender = parsed.gender;
    values.birthDate = parsed.birthDate;
  },
};
