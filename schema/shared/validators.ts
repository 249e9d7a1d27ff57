/**
 * Field validators shared by the server and the browser console: pure functions, no Node APIs, no
 * dependencies, no decorators. Each returns the normalised value to store, or one Issue with a stable
 * code and a message in Chinese and English for the secretariat clerk. Messages never echo the input.
 */

/** A refused value: a stable machine code plus a message for the clerk in Simplified Chinese and English. */
export type Issue = { code: string; zh: string; en: string };

/** A validator's answer: the normalised value to store, or why the value was refused. */
export type Outcome = { ok: true; value: string } | { ok: false; issue: Issue };

/** Builds the frozen issue catalogue so that each entry's `code` is its key, typed as a literal. */
function catalogue<const T extends Record<string, { zh: string; en: string }>>(texts: T): { readonly [K in keyof T & string]: Issue & { code: K } } {
  const entries = Object.entries(texts).map(([code, text]) => [code, Object.freeze({ code, zh: text.zh, en: text.en })]);
  return Object.freeze(Object.fromEntries(entries)) as { readonly [K in keyof T & string]: Issue & { code: K } };
}

/** Every Issue a validator can return, by code: the console can list them, tests check their wording. */
export const issues = catalogue({
  ID_NUMBER_CHARACTERS: {
    zh: '身份证号码只能由数字组成，最后一位可以是X；请检查是否混入了字母、空格、符号或看不见的字符',
    en: 'The ID number may contain only digits, with X allowed as the last character; check for letters, spaces, symbols or invisible characters',
  },
  ID_NUMBER_LENGTH: {
    zh: '身份证号码应为18位（15位的旧号码请换成18位的新号码）',
    en: 'The ID number must have 18 characters (an old 15-digit number must be replaced by the 18-character one)',
  },
  ID_NUMBER_PROVINCE: {
    zh: '身份证号码前两位不是有效的省级行政区划代码',
    en: 'The first two digits of the ID number are not a valid province code',
  },
  ID_NUMBER_BIRTH_DATE: {
    zh: '身份证号码中的出生日期（第7至14位）不是有效日期',
    en: 'The date of birth in the ID number (digits 7 to 14) is not a valid date',
  },
  DATE_FORMAT: {
    zh: '日期应写作 年-月-日，例如 2024-03-01',
    en: 'A date is written year-month-day, e.g. 2024-03-01',
  },
  DATE_IN_FUTURE: {
    zh: '这是已经发生的事，日期不能晚于今天',
    en: 'This has already happened: the date cannot be later than today',
  },
  ID_NUMBER_FUTURE: {
    zh: '身份证号码中的出生日期晚于今天',
    en: 'The date of birth in the ID number is later than today',
  },
  ID_NUMBER_CHECKSUM: {
    zh: '身份证号码校验位不正确，请逐位核对',
    en: "The ID number's check character is wrong; please check each digit again",
  },
  MOBILE_FORMAT: {
    zh: '手机号码应为以1开头的11位数字（前面可以带+86），固定电话不能填在这里',
    en: 'The mobile number must be 11 digits starting with 1 (a leading +86 is allowed); landline numbers do not belong here',
  },
  DIVISION_CODE_FORMAT: {
    zh: '行政区划代码应为6位数字（县级及以上）或9位数字（乡级）',
    en: 'The administrative division code must be 6 digits (county level and above) or 9 digits (township level)',
  },
  TEXT_CONTROL_CHARACTERS: {
    zh: '文字中含有此处不允许的换行、控制符或看不见的格式字符（常见于从网页或文档复制），请删除后重新输入',
    en: 'The text contains line breaks, control characters or invisible formatting characters not allowed here (often copied from web pages or documents); please remove them',
  },
  MONEY_FORMAT: {
    zh: '请填写数字，如 1500 或 1500.50；不要带逗号、空格、货币符号或科学计数法',
    en: 'Enter a plain number such as 1500 or 1500.50, without commas, spaces, currency signs or exponents',
  },
  MONEY_NEGATIVE: {
    zh: '此处不能填写负数',
    en: 'This number cannot be negative',
  },
  MONEY_SCALE: {
    zh: '小数位数超过了此处允许的位数',
    en: 'Too many digits after the decimal point for this field',
  },
  MONEY_TOO_LARGE: {
    zh: '数值超过了此处允许的最大值',
    en: 'The number is larger than the maximum allowed here',
  },
  MONEY_TOO_SMALL: {
    zh: '数值小于此处允许的最小值',
    en: 'The number is smaller than the minimum allowed here',
  },
  USERNAME_FORMAT: {
    zh: '用户名应为 3 至 50 位的字母、数字、下划线、点或连字符，以字母或数字开头',
    en: 'A username has 3 to 50 letters, digits, underscores, dots or hyphens, starting with a letter or digit',
  },
  PASSWORD_TOO_SHORT: {
    zh: `密码至少需要 ${10} 个字符`,
    en: `A password needs at least ${10} characters`,
  },
  PASSWORD_TOO_LONG: {
    zh: '密码不能超过 128 个字符',
    en: 'A password may have at most 128 characters',
  },
  PASSWORD_CONTAINS_USERNAME: {
    zh: '密码不能包含用户名',
    en: 'The password must not contain the username',
  },
});

/** The stable machine codes of all issues. */
export type IssueCode = keyof typeof issues;

const accept = (value: string): Outcome => ({ ok: true, value });
const refuse = (code: IssueCode): Outcome => ({ ok: false, issue: issues[code] });

// ---------------------------------------------------------------------------------------------------
// Character classes

/** C0 and C1 controls and DEL. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Zero-width characters, word joiner and BOM: invisible, so they must never slip into stored data. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;
/** Bidirectional formatting controls (can make a name or a number display in a misleading order). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Line and paragraph separators: newlines in disguise. */
const LINE_SEPARATOR = /[\u2028\u2029]/;
/** A UTF-16 surrogate without its partner (a code point on its own): not a character, PostgreSQL would refuse it. */
const isLoneSurrogate = (char: string) => char.length === 1 && char >= '\uD800' && char <= '\uDFFF';
/** Emoji that may sit on either side of a zero-width joiner in an emoji sequence (👨‍👩‍👧, 🏳️‍🌈). */
const PICTOGRAPHIC = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;

/** Trims space separators (ASCII, no-break, ideographic U+3000 …) from both ends, nothing else. */
function trimSpaces(value: string): string {
  return value.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
}

/** Full-width digits ０-９ and Ｘ ｘ to ASCII, as Chinese input methods often produce them. */
function asciiDigits(value: string): string {
  return value.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** True when any character is a control or invisible formatting character (text allowing \n, \t when asked). */
function hasForbiddenCharacters(value: string, allowLineBreaksAndTabs: boolean): boolean {
  const chars = [...value];
  return chars.some((char, i) => {
    if (isLoneSurrogate(char)) return true;
    if (allowLineBreaksAndTabs && (char === '\n' || char === '\t')) return false;
    if (char === '\u200D' && PICTOGRAPHIC.test(chars[i - 1] ?? '') && PICTOGRAPHIC.test(chars[i + 1] ?? '')) return false;
    return CONTROL.test(char) || ZERO_WIDTH.test(char) || BIDI.test(char) || LINE_SEPARATOR.test(char);
  });
}

// ---------------------------------------------------------------------------------------------------
// 公民身份号码 (GB 11643-1999)

const PROVINCE_CODES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]);
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits: seeds and tests build valid numbers with it. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckCharacter needs exactly 17 ASCII digits');
  const sum = CHECK_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

/** Whether YYYYMMDD is a real Gregorian calendar date from 1900-01-01 on (leap years included). */
function isRealBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}

/** `now`'s local calendar date as YYYYMMDD, comparable as a string with an ID number's birth date. */
function localDateDigits(now: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return pad(now.getFullYear(), 4) + pad(now.getMonth() + 1, 2) + pad(now.getDate(), 2);
}

/** Normalises an ID number as typed (full-width digits, lowercase x, surrounding spaces); nothing inside is stripped. */
function normaliseIdNumber(value: string): string {
  const trimmed = trimSpaces(asciiDigits(value));
  return trimmed.endsWith('x') ? `${trimmed.slice(0, -1)}X` : trimmed;
}

/** Validates a citizen ID number against `now` as "today" (injectable so tests do not depend on the clock). */
export function validateIdNumber(value: string, now: Date = new Date()): Outcome {
  const id = normaliseIdNumber(value);
  if (/[^0-9X]/.test(id)) return refuse('ID_NUMBER_CHARACTERS'); // also catches controls and zero-width characters
  if (id.length !== 18) return refuse('ID_NUMBER_LENGTH');
  if (!/^\d{17}[\dX]$/.test(id)) return refuse('ID_NUMBER_CHARACTERS');
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return refuse('ID_NUMBER_PROVINCE');
  const birth = id.slice(6, 14);
  if (!isRealBirthDate(birth)) return refuse('ID_NUMBER_BIRTH_DATE');
  if (birth > localDateDigits(now)) return refuse('ID_NUMBER_FUTURE');
  if (idNumberCheckCharacter(id.slice(0, 17)) !== id[17]) return refuse('ID_NUMBER_CHECKSUM');
  return accept(id);
}

/** Validates a citizen ID number against today's date (the shape every validator shares). */
export function idNumber(value: string): Outcome {
  return validateIdNumber(value, new Date());
}

/** Birth date and gender read from a normalised, valid ID number, so the clerk never types them twice. */
export function parseIdNumber(normalised: string): { birthDate: string; gender: 'MALE' | 'FEMALE' } {
  const birthDate = `${normalised.slice(6, 10)}-${normalised.slice(10, 12)}-${normalised.slice(12, 14)}`;
  return { birthDate, gender: Number(normalised[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** Masks an ID number for lists and logs (110105********002X); anything not 18 characters is masked entirely. */
export function maskIdNumber(value: string): string {
  if (value.length !== 18) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

// ---------------------------------------------------------------------------------------------------
// 手机号码

/** Validates a mainland China mobile number and returns its 11 digits (`+86 138-0013-8000` → `13800138000`). */
export function mobile(value: string): Outcome {
  let digits = asciiDigits(value)
    .replace(/\uFF0B/g, '+')
    .replace(/[\p{Zs}\-\u2010-\u2015\u2212\uFF0D]/gu, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && /^\d{13}$/.test(digits)) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? accept(digits) : refuse('MOBILE_FORMAT');
}

/** Masks a mobile number for lists and logs (138****8000); anything not 11 characters is masked entirely. */
export function maskMobile(value: string): string {
  if (value.length !== 11) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}****${value.slice(7)}`;
}

/** Masks a home address for roles that may not read it: the first six characters (province and city) remain. */
export function maskAddress(value: string): string {
  return `${[...value].slice(0, 6).join('')}****`;
}

// ---------------------------------------------------------------------------------------------------
// 行政区划代码 (GB/T 2260, township codes 9 digits)

/** The level of a division code in the hierarchy. Same values as RegionLevel in enums.ts. */
export type DivisionLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP';

const LEVEL_DEPTH: Record<DivisionLevel, number> = { PROVINCE: 0, CITY: 1, COUNTY: 2, TOWNSHIP: 3 };
export const isDivisionCode = (code: string) => /^\d{6}(\d{3})?$/.test(code);

/** Validates an administrative division code: 6 digits (province to county) or 9 digits (township). */
export function divisionCode(value: string): Outcome {
  const code = trimSpaces(value);
  return isDivisionCode(code) ? accept(code) : refuse('DIVISION_CODE_FORMAT');
}

/** A code's level from its shape (xx0000 province, xxxx00 city, 6 digits county, 9 digits township); validate first. */
export function levelOfDivisionCode(code: string): DivisionLevel {
  if (!isDivisionCode(code)) throw new RangeError('levelOfDivisionCode needs a 6- or 9-digit division code');
  if (code.length === 9) return 'TOWNSHIP';
  if (code.endsWith('0000')) return 'PROVINCE';
  return code.endsWith('00') ? 'CITY' : 'COUNTY';
}

/** The digits a region's whole subtree shares: 2 for a province, 4 for a city, all 6 for a county. */
export function significantPrefix(code: string): string {
  const length = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9 }[levelOfDivisionCode(code)];
  return code.slice(0, length);
}

/**
 * Whether a region with `code` may sit under `parentCode` (null: no parent, so it must be a province).
 * The child must be at a deeper level and share the parent's significant prefix; levels may be skipped
 * (a county directly under a province, e.g. 429004 仙桃市; a township directly under a city, e.g. 东莞市).
 */
export function divisionCodeFitsParent(code: string, parentCode: string | null): boolean {
  if (!isDivisionCode(code)) return false;
  if (parentCode === null) return levelOfDivisionCode(code) === 'PROVINCE';
  if (!isDivisionCode(parentCode)) return false;
  if (LEVEL_DEPTH[levelOfDivisionCode(code)] <= LEVEL_DEPTH[levelOfDivisionCode(parentCode)]) return false;
  return code.startsWith(significantPrefix(parentCode));
}

// ---------------------------------------------------------------------------------------------------
// Text

/** Validates single-line text (names, titles): refuses controls, newlines and invisible characters, trims. */
export function plainText(value: string): Outcome {
  return hasForbiddenCharacters(value, false) ? refuse('TEXT_CONTROL_CHARACTERS') : accept(value.trim());
}

/** Validates multi-line text (motions, notes): like plainText but keeps \n and \t; CRLF and CR become \n. */
export function longText(value: string): Outcome {
  const unixLines = value.replace(/\r\n?/g, '\n');
  return hasForbiddenCharacters(unixLines, true) ? refuse('TEXT_CONTROL_CHARACTERS') : accept(unixLines.trim());
}

// ---------------------------------------------------------------------------------------------------
// Exact decimals (money, counts with decimals): strings all the way, never floats

/** Options of `decimal`: digits after the point (default 2) and inclusive bounds as decimal strings. */
export type DecimalOptions = { scale?: number; min?: string; max?: string };

type ParsedDecimal = { negative: boolean; integer: string; fraction: string };

/** Splits a decimal string into sign, integer digits without leading zeros and fraction without trailing zeros. */
function parseDecimal(text: string): ParsedDecimal | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const integer = match[2].replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const zero = integer === '0' && fraction === '';
  return { negative: match[1] === '-' && !zero, integer, fraction };
}

/** Compares two parsed decimals exactly: negative, zero or positive like a sort comparator. */
function compareDecimals(a: ParsedDecimal, b: ParsedDecimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.integer.length !== b.integer.length) return sign * (a.integer.length - b.integer.length);
  const width = Math.max(a.fraction.length, b.fraction.length);
  const left = a.integer + a.fraction.padEnd(width, '0');
  const right = b.integer + b.fraction.padEnd(width, '0');
  return left === right ? 0 : sign * (left < right ? -1 : 1);
}

/** Parses a bound given by the calling code; a malformed bound is a programming error, not the clerk's. */
function parseBound(bound: string): ParsedDecimal {
  const parsed = parseDecimal(bound);
  if (!parsed) throw new RangeError(`decimal bound is not a decimal string: ${bound}`);
  return parsed;
}

/**
 * Validates an exact decimal as typed (digits, optional point and digits; no sign unless `min` is negative)
 * and normalises it to exactly `scale` decimals: '1500' → '1500.00', '007' → '7.00'. Zeros past the scale
 * are accepted ('1.500' → '1.50'); any other extra digit is refused rather than rounded.
 */
export function decimal(value: string, options: DecimalOptions = {}): Outcome {
  const { scale = 2, min, max = '999999999999.99' } = options;
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError('decimal scale must be a non-negative integer');
  const text = trimSpaces(value);
  const parsed = parseDecimal(text);
  if (!parsed) return refuse('MONEY_FORMAT');
  const minimum = min === undefined ? undefined : parseBound(min);
  if (text.startsWith('-') && !minimum?.negative) return refuse('MONEY_NEGATIVE');
  if (parsed.fraction.length > scale) return refuse('MONEY_SCALE');
  if (compareDecimals(parsed, parseBound(max)) > 0) return refuse('MONEY_TOO_LARGE');
  if (minimum && compareDecimals(parsed, minimum) < 0) return refuse('MONEY_TOO_SMALL');
  const fraction = scale === 0 ? '' : `.${parsed.fraction.padEnd(scale, '0')}`;
  return accept(`${parsed.negative ? '-' : ''}${parsed.integer}${fraction}`);
}

// ---------------------------------------------------------------------------------------------------
// Sign-in

const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,49}$/;

/** Validates a username: ASCII letters, digits, `_ . -`, 3 to 50 characters; stored lower-case. */
export function username(value: string): Outcome {
  const text = value.trim();
  return usernamePattern.test(text) ? accept(text.toLowerCase()) : refuse('USERNAME_FORMAT');
}

/** Shortest password the policy accepts. */
export const minPasswordLength = 10;

/** The password policy: 10 to 128 characters, not containing the username (in any case). */
export function passwordIssue(password: string, forUsername: string): Issue | undefined {
  const length = [...password].length;
  if (length < minPasswordLength) return issues.PASSWORD_TOO_SHORT;
  if (length > 128) return issues.PASSWORD_TOO_LONG;
  const name = forUsername.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return issues.PASSWORD_CONTAINS_USERNAME;
  return undefined;
}

/**
 * Today in China (UTC+8), where the records are kept: a clerk in 灵台县 typing today's date at 07:00 is not
 * refused because the server's clock is still on yesterday in UTC.
 */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The hour of the day in China (UTC+8, no daylight saving) at `now`. */
export const hourInChina = (now: Date = new Date()): number => (now.getUTCHours() + 8) % 24;

/** The date of something that has happened (a birth, an election, a station opened, a suggestion answered): not later than today. */
export function validateHappened(value: string, now: Date = new Date()): Outcome {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return refuse('DATE_FORMAT');
  return value > todayInChina(now) ? refuse('DATE_IN_FUTURE') : accept(value);
}

/** Validates a date of something that happened against today's date (the shape every validator shares). */
export function happened(value: string): Outcome {
  return validateHappened(value);
}

// ---------------------------------------------------------------------------------------------------

/** Every field validator by name, so schema fields, the GraphQL layer and the console forms pick them by key. */
export const validators = { idNumber, mobile, divisionCode, plainText, longText, decimal, username, happened } satisfies Record<string, (value: string, options?: DecimalOptions) => Outcome>;

/** The name of a field validator. */
export type ValidatorKey = keyof typeof validators;
