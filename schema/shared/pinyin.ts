/**
 * The pinyin forms a name is found by (`q: "dingbo"` or `q: "db"` finds 丁波): its full pinyin without tones
 * and its initials, lower-case, each without spaces, the forms separated by one space — a query, whose spaces
 * are dropped (searchKeyOfPinyin), matches within one form, never across two. Stored beside the name in a
 * column the server keeps (schema/model/fields.ts `pinyin`, server/db/pinyin.ts) and searched by `q`.
 *
 * A person's name is read in surname mode (单 shàn, 曾 zēng, 解 xiè, 朴 piáo as surnames) and also as plain
 * words, so that 单雄信 is found by `shanxiongxin` and by the `danxiongxin` of someone who does not know the
 * surname's reading; a place or an organisation is read as words (pinyin-pro's phrase dictionary: 重庆 chongqing).
 * ü is written v (吕 lv), as pinyin keyboards type it. Decorator-free: the write path, the seeds and the tests share it.
 */
import { pinyin } from 'pinyin-pro';

/** How a text is read: a person's name (surname first), or words (a place, an organisation). */
export type PinyinReading = 'personName' | 'words';

/** The syllables of `text` (non-Chinese characters kept, spaces dropped), lower-case, ü as v. */
function syllables(text: string, surname: boolean, initials: boolean): string[] {
  const parts = pinyin(text, {
    toneType: 'none',
    type: 'array',
    v: true,
    nonZh: 'consecutive',
    ...(initials ? { pattern: 'first' as const } : {}),
    ...(surname ? { surname: 'head' as const } : {}),
  });
  return parts.map((part) => part.toLowerCase().replace(/\s+/g, '')).filter((part) => part !== '');
}

/**
 * The forms of `text` joined by spaces (`丁波` → `dingbo db`), or null for an empty text or one without Chinese. The
 * first two are the full pinyin and the initials (a person's surname read as a surname): exact matches rank first
 * by them (server/api/search-rank.ts), through an index on each.
 */
export function pinyinForms(text: string | null | undefined, reading: PinyinReading): string | null {
  if (!text || !/\p{Script=Han}/u.test(text)) return null;
  const readings = reading === 'personName' ? [true, false] : [false];
  const forms = readings.flatMap((surname) => [syllables(text, surname, false).join(''), syllables(text, surname, true).join('')]);
  return [...new Set(forms.filter((form) => form !== ''))].join(' ');
}

/**
 * What a query looks for among the pinyin forms: its letters, lower-case, spaces and apostrophes dropped
 * (`Ding Bo`, `xi'an`), ü as v — or null when it is no pinyin (Chinese, digits, punctuation), which the
 * pinyin forms then leave alone.
 */
export function searchKeyOfPinyin(query: string): string | null {
  const key = query
    .toLowerCase()
    .replace(/[\s']+/g, '')
    .replaceAll('ü', 'v');
  return /^[a-z]+$/.test(key) ? key : null;
}
