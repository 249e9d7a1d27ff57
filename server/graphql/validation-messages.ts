/**
 * graphql-js and graphql-armor speak English only (TRAPS.md): their common messages in Chinese too, by
 * pattern, so an analyst's malformed query is explained in the request's language. Limits also say which
 * one was broken (`limit`), so a client can tell a too-deep query from a typo.
 */
import type { Messages } from './language.js';

type Translation = { pattern: RegExp; zh: (...groups: string[]) => string; limit?: string };

const translations: Translation[] = [
  { pattern: /^Syntax Error: Query depth limit of (\d+) exceeded, found (\d+)\.$/, zh: (max, found) => `查询嵌套 ${found} 层，超过上限 ${max} 层`, limit: 'depth' },
  { pattern: /^Syntax Error: Aliases limit of (\d+) exceeded, found (\d+)\.$/, zh: (max, found) => `查询用了 ${found} 个别名，超过上限 ${max} 个`, limit: 'aliases' },
  { pattern: /^Syntax Error: Directives limit of (\d+) exceeded, found (\d+)\.$/, zh: (max, found) => `查询用了 ${found} 个指令，超过上限 ${max} 个`, limit: 'directives' },
  { pattern: /^Syntax Error: (.*)$/, zh: (detail) => `查询语法错误：${detail}` },
  { pattern: /^Cannot query field "(\w+)" on type "(\w+)"\.?.*$/, zh: (field, type) => `类型 ${type} 没有字段 ${field}` },
  { pattern: /^Unknown argument "(\w+)" on field "([\w.]+)"\.?.*$/, zh: (argument, field) => `字段 ${field} 没有参数 ${argument}` },
  { pattern: /^Field "([\w.]+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\.$/, zh: (field, argument, type) => `字段 ${field} 必须提供参数 ${argument}（${type}）` },
  { pattern: /^Variable "\$(\w+)" of required type "(.+)" was not provided\.$/, zh: (name, type) => `必须提供变量 $${name}（${type}）` },
  {
    pattern: /^Variable "\$(\w+)" got invalid value (.*?); (.*)$/,
    zh: (name, _value, reason) => `变量 $${name} 的值无效：${translateValidationMessage(reason).messages.zh.replace(/^请求有误：/, '')}`,
  },
  { pattern: /^Int cannot represent non-integer value: (.*)$/, zh: (value) => `${value} 不是整数` },
  { pattern: /^Int cannot represent non 32-bit signed integer value: (.*)$/, zh: (value) => `${value} 超出整数范围（±2147483647）` },
  { pattern: /^Float cannot represent non numeric value: (.*)$/, zh: (value) => `${value} 不是数字` },
  { pattern: /^String cannot represent a non string value: (.*)$/, zh: (value) => `${value} 不是文字` },
  { pattern: /^Boolean cannot represent a non boolean value: (.*)$/, zh: (value) => `${value} 不是 true 或 false` },
  { pattern: /^ID cannot represent value: (.*)$/, zh: (value) => `${value} 不是有效的编号` },
  { pattern: /^Int cannot represent non-integer value$/, zh: () => '不是整数' },
  { pattern: /^PersistedQueryNotFound$/, zh: () => '服务器没有这条持久化查询，请发送完整的查询文本' },
  { pattern: /^PersistedQueryNotSupported$/, zh: () => '服务器不支持持久化查询' },
  { pattern: /^Value "(.+)" does not exist in "(\w+)" enum\.?.*$/, zh: (value, type) => `"${value}" 不是 ${type} 的可选值` },
  { pattern: /^Enum "(\w+)" cannot represent non-enum value: (.+?)\.?( Did you mean.*)?$/, zh: (type, value) => `${value} 不是 ${type} 的可选值` },
  { pattern: /^Expected value of type "(.+)", found (.+?)(;.*)?\.?$/, zh: (type, found) => `应为 ${type} 类型的值，实际为 ${found}` },
  { pattern: /^Field "(\w+)" of type "(.+)" must have a selection of subfields\..*$/, zh: (field, type) => `字段 ${field}（${type}）须选择子字段` },
  { pattern: /^Field "(\w+)" must not have a selection since type "(.+)" has no subfields\.$/, zh: (field, type) => `字段 ${field}（${type}）没有子字段可选` },
  { pattern: /^Unknown type "(\w+)"\.?.*$/, zh: (type) => `未知类型 ${type}` },
  { pattern: /^Field "(\w+)" is not defined by type "(\w+)"\.?.*$/, zh: (field, type) => `${type} 没有可填写的字段 ${field}（只读或不存在）` },
  { pattern: /^Variable "\$(\w+)" is not defined.*$/, zh: (name) => `变量 $${name} 未定义` },
  { pattern: /^Unknown fragment "(\w+)"\.$/, zh: (name) => `未知片段 ${name}` },
];

/** The message in both languages, and the limit it reports if it is one. */
export function translateValidationMessage(original: string): { messages: Messages; limit?: string } {
  // graphql-js suggests names ("Did you mean …?"): the schema is not revealed to whoever guesses (README).
  const message = original.replace(/\s*Did you mean .*$/s, '');
  for (const translation of translations) {
    const match = translation.pattern.exec(message);
    if (match) return { messages: { zh: translation.zh(...match.slice(1)), en: message }, limit: translation.limit };
  }
  return { messages: { zh: `请求有误：${message}`, en: message } };
}
