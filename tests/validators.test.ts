import { describe, expect, it } from 'vitest';
import { validatorCases } from '../schema/shared/validator-cases.js';
import {
  decimal,
  divisionCode,
  divisionCodeFitsParent,
  idNumberCheckCharacter,
  issues,
  levelOfDivisionCode,
  maskIdNumber,
  maskMobile,
  parseIdNumber,
  passwordIssue,
  validateIdNumber,
  validators,
  type IssueCode,
  type Outcome,
} from '../schema/shared/validators.js';

/** An outcome reduced to what the table states: ok plus the stored value, or not ok plus the issue code. */
const summary = (outcome: Outcome) => (outcome.ok ? { ok: true, value: outcome.value } : { ok: false, code: outcome.issue.code });

/** A valid ID number for a birth date (YYYYMMDD), under 110105, with the given 3-digit sequence. */
const idFor = (birth: string, sequence = '001') => {
  const first17 = `110105${birth}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
};

describe('the shared validator table', () => {
  it('has at least 60 well-formed cases', () => {
    expect(validatorCases.length).toBeGreaterThanOrEqual(60);
    for (const c of validatorCases) {
      expect(c.validator in validators, c.note).toBe(true);
      expect(c.note.length, c.input).toBeGreaterThan(0);
      expect(c.ok ? c.value !== undefined && c.code === undefined : c.value === undefined && c.code !== undefined, c.note).toBe(true);
    }
  });

  it.each(validatorCases)('$validator: $note', (c) => {
    const expected = c.ok ? { ok: true, value: c.value } : { ok: false, code: c.code };
    expect(summary(validators[c.validator](c.input))).toEqual(expected);
  });

  it.each(validatorCases.filter((c) => c.ok))('$validator re-accepts its stored value unchanged: $note', (c) => {
    expect(summary(validators[c.validator](c.value!))).toEqual({ ok: true, value: c.value });
  });

  it('returns the catalogued Issue objects', () => {
    for (const c of validatorCases.filter((c) => !c.ok)) {
      const outcome = validators[c.validator](c.input);
      expect(outcome.ok ? undefined : outcome.issue, c.note).toBe(issues[c.code!]);
    }
  });

  it('covers every issue code (MONEY_TOO_SMALL needs a min option, the password policy is tested below)', () => {
    const covered = new Set(validatorCases.map((c) => c.code).filter(Boolean));
    const uncovered = Object.keys(issues).filter((code) => !covered.has(code as IssueCode));
    expect(uncovered).toEqual(['MONEY_TOO_SMALL', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_CONTAINS_USERNAME']);
  });
});

describe('the password policy', () => {
  it.each([
    ['short-9ch', 'clerk', 'PASSWORD_TOO_SHORT'],
    ['x'.repeat(129), 'clerk', 'PASSWORD_TOO_LONG'],
    ['my-Clerk_lingtai-2026', 'clerk_lingtai', 'PASSWORD_CONTAINS_USERNAME'],
    ['十个汉字的密码不算太短吧', 'clerk', undefined],
    ['long-enough-2026', 'clerk_lingtai', undefined],
  ])('%s for %s: %s', (password, username, code) => {
    expect(passwordIssue(password, username)?.code).toBe(code);
  });
});

describe('issues', () => {
  it.each(Object.entries(issues))('%s has a Chinese and an English message', (code, issue) => {
    expect(issue.code).toBe(code);
    expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(issue.zh.trim().length).toBeGreaterThan(0);
    expect(issue.en.trim().length).toBeGreaterThan(0);
    expect(issue.zh).toMatch(/\p{Script=Han}/u);
    expect(issue.en).not.toMatch(/\p{Script=Han}/u);
  });

  it('are frozen, so no caller can reword them for everyone', () => {
    expect(Object.isFrozen(issues)).toBe(true);
    expect(Object.isFrozen(issues.ID_NUMBER_CHECKSUM)).toBe(true);
  });
});

describe('ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('62082219850615123')).toBe('0');
    expect(() => idNumberCheckCharacter('1101051949123100')).toThrow(RangeError);
  });

  it('accepts a birth date of today and refuses tomorrow, against the given now', () => {
    const now = new Date(2024, 0, 15, 23, 59);
    expect(summary(validateIdNumber(idFor('20240115'), now))).toEqual({ ok: true, value: idFor('20240115') });
    expect(summary(validateIdNumber(idFor('20240116'), now))).toEqual({ ok: false, code: 'ID_NUMBER_FUTURE' });
    expect(summary(validateIdNumber(idFor('20240116'), new Date(2024, 0, 16, 0, 0)))).toEqual({ ok: true, value: idFor('20240116') });
  });

  it('checks leap years by the Gregorian rules', () => {
    const now = new Date(2030, 0, 1);
    expect(validateIdNumber(idFor('20000229'), now).ok).toBe(true);
    expect(validateIdNumber(idFor('20240229'), now).ok).toBe(true);
    expect(summary(validateIdNumber(idFor('21000229'), new Date(2200, 0, 1)))).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    expect(summary(validateIdNumber(idFor('19000229'), now))).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    expect(summary(validateIdNumber(idFor('20230431'), now))).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('parses birth date and gender', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'FEMALE' });
    expect(parseIdNumber('110105200002290013')).toEqual({ birthDate: '2000-02-29', gender: 'MALE' });
    expect(parseIdNumber(idFor('19850615', '123'))).toEqual({ birthDate: '1985-06-15', gender: 'MALE' });
    expect(parseIdNumber(idFor('19850615', '128'))).toEqual({ birthDate: '1985-06-15', gender: 'FEMALE' });
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('***************');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('mobile numbers', () => {
  it('masks the middle four digits', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskMobile('1380013800')).toBe('**********');
  });
});

describe('division codes', () => {
  it('tells the level from the shape', () => {
    expect(levelOfDivisionCode('620000')).toBe('PROVINCE');
    expect(levelOfDivisionCode('620800')).toBe('CITY');
    expect(levelOfDivisionCode('620822')).toBe('COUNTY');
    expect(levelOfDivisionCode('620822100')).toBe('TOWNSHIP');
    expect(levelOfDivisionCode('110101')).toBe('COUNTY');
    expect(() => levelOfDivisionCode('62082')).toThrow(RangeError);
  });

  it('fits a child under its parent by the significant prefix', () => {
    expect(divisionCodeFitsParent('620000', null)).toBe(true);
    expect(divisionCodeFitsParent('620800', null)).toBe(false);
    expect(divisionCodeFitsParent('620800', '620000')).toBe(true);
    expect(divisionCodeFitsParent('620822', '620800')).toBe(true);
    expect(divisionCodeFitsParent('620822100', '620822')).toBe(true);
    // levels may be skipped: a province-administered county, a township directly under a city
    expect(divisionCodeFitsParent('429004', '420000')).toBe(true);
    expect(divisionCodeFitsParent('441900003', '441900')).toBe(true);
  });

  it('refuses a child under the wrong parent or at the wrong level', () => {
    expect(divisionCodeFitsParent('620800', '630000')).toBe(false);
    expect(divisionCodeFitsParent('620822', '620900')).toBe(false);
    expect(divisionCodeFitsParent('620822100', '620821')).toBe(false);
    expect(divisionCodeFitsParent('620000', '620000')).toBe(false);
    expect(divisionCodeFitsParent('620800', '620822')).toBe(false);
    expect(divisionCodeFitsParent('630000', '620000')).toBe(false);
    expect(divisionCodeFitsParent('620822', '620822')).toBe(false);
    expect(divisionCodeFitsParent('62082', '620800')).toBe(false);
    expect(divisionCodeFitsParent('620822', '62080')).toBe(false);
  });

  it('stores the trimmed code', () => {
    expect(summary(divisionCode(' 620822100 '))).toEqual({ ok: true, value: '620822100' });
  });
});

describe('decimal options', () => {
  it('pads to the given scale', () => {
    expect(summary(decimal('12', { scale: 0 }))).toEqual({ ok: true, value: '12' });
    expect(summary(decimal('12.0', { scale: 0 }))).toEqual({ ok: true, value: '12' });
    expect(summary(decimal('12.5', { scale: 0 }))).toEqual({ ok: false, code: 'MONEY_SCALE' });
    expect(summary(decimal('3.14159', { scale: 4 }))).toEqual({ ok: false, code: 'MONEY_SCALE' });
    expect(summary(decimal('3.1416', { scale: 4 }))).toEqual({ ok: true, value: '3.1416' });
    expect(summary(decimal('3', { scale: 4 }))).toEqual({ ok: true, value: '3.0000' });
  });

  it('allows a minus sign only when min is negative, and enforces min', () => {
    const range = { min: '-100.50', max: '100' };
    expect(summary(decimal('-1', range))).toEqual({ ok: true, value: '-1.00' });
    expect(summary(decimal('-0', range))).toEqual({ ok: true, value: '0.00' });
    expect(summary(decimal('-100.50', range))).toEqual({ ok: true, value: '-100.50' });
    expect(summary(decimal('-100.51', range))).toEqual({ ok: false, code: 'MONEY_TOO_SMALL' });
    expect(summary(decimal('-1000', range))).toEqual({ ok: false, code: 'MONEY_TOO_SMALL' });
    expect(summary(decimal('100.01', range))).toEqual({ ok: false, code: 'MONEY_TOO_LARGE' });
    expect(summary(decimal('-1', { min: '0' }))).toEqual({ ok: false, code: 'MONEY_NEGATIVE' });
    expect(summary(decimal('0.99', { min: '1' }))).toEqual({ ok: false, code: 'MONEY_TOO_SMALL' });
    expect(summary(decimal('1', { min: '1' }))).toEqual({ ok: true, value: '1.00' });
  });

  it('compares against max exactly, beyond float precision', () => {
    const max = '9007199254740993.01';
    expect(summary(decimal('9007199254740993.01', { max }))).toEqual({ ok: true, value: '9007199254740993.01' });
    expect(summary(decimal('9007199254740993.02', { max }))).toEqual({ ok: false, code: 'MONEY_TOO_LARGE' });
    expect(summary(decimal('9007199254740992.99', { max }))).toEqual({ ok: true, value: '9007199254740992.99' });
    expect(summary(decimal('10', { max: '9.99' }))).toEqual({ ok: false, code: 'MONEY_TOO_LARGE' });
    expect(summary(decimal('9.99', { max: '10' }))).toEqual({ ok: true, value: '9.99' });
  });

  it('throws on malformed options, which are a programming error', () => {
    expect(() => decimal('1', { scale: -1 })).toThrow(RangeError);
    expect(() => decimal('1', { scale: 1.5 })).toThrow(RangeError);
    expect(() => decimal('1', { max: '1e3' })).toThrow(RangeError);
  });
});
