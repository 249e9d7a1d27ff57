/**
 * The console's Chinese catalogue of react-admin's messages has every key of the English one, and no other;
 * the console's own catalogues have the same keys and placeholders in both languages.
 */
import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { analysisMessages } from '../../admin/src/i18n/analysisMessages.js';
import { chineseMessages } from '../../admin/src/i18n/chineseMessages.js';
import { consoleMessages } from '../../admin/src/i18n/consoleMessages.js';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (value && typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]).sort();
}

/** Placeholders every plural form uses: Chinese has one form for all counts, so it needs only these. */
function sharedPlaceholders(text: string): string[] {
  const forms = text.split('||||').map(placeholders);
  return forms[0].filter((name) => forms.every((form) => form.includes(name)));
}

describe('Chinese react-admin catalogue', () => {
  const english = keys(englishMessages);
  const chinese = keys(chineseMessages);

  it('has every key of ra-language-english and nothing else', () => {
    expect(english.length).toBeGreaterThan(150);
    expect(chinese.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !chinese.includes(key))).toEqual([]);
  });

  it('translates every message (only the empty boolean label may stay blank)', () => {
    const lookup = (messages: object, key: string) => key.split('.').reduce<any>((node, part) => node[part], messages) as string;
    const onlyPlaceholders = (text: string) => text.replace(/%\{\w+\}/g, '').trim() === '';
    const untranslated = chinese.filter((key) => {
      const text = lookup(chineseMessages, key);
      return !/[\u4e00-\u9fff]/.test(text) && !onlyPlaceholders(text) && key !== 'ra.boolean.null';
    });
    expect(untranslated).toEqual([]);
  });

  it('keeps the placeholders every plural form shares (field_lower_first aside: Chinese has no letter case)', () => {
    const lookup = (messages: object, key: string) => key.split('.').reduce<any>((node, part) => node[part], messages) as string;
    const lost = english.filter((key) => {
      const wanted = sharedPlaceholders(lookup(englishMessages, key)).filter((name) => name !== 'field_lower_first' && name !== 'smart_count');
      const have = placeholders(lookup(chineseMessages, key));
      return wanted.some((name) => !have.includes(name));
    });
    expect(lost).toEqual([]);
  });
});

describe("the console's own catalogues", () => {
  for (const [name, messages] of Object.entries({ consoleMessages, analysisMessages })) {
    it(`${name}: English has every Chinese key and the same placeholders`, () => {
      const zh = keys(messages.zh);
      expect(keys(messages.en)).toEqual(zh);
      const lookup = (tree: object, key: string) => key.split('.').reduce<any>((node, part) => node[part], tree) as string;
      // A label given in each language (`startZh` / `startEn`) is the same placeholder; an English plural's forms share theirs.
      const sameIn = (text: string) => sharedPlaceholders(text).map((name) => name.replace(/(Zh|En)$/, ''));
      for (const key of zh) expect(sameIn(lookup(messages.en, key)), key).toEqual(sameIn(lookup(messages.zh, key)));
    });
  }
});
