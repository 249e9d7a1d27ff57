/**
 * A detail of a picker's option as it shows beside the title: the value as plain text, and an end date (the second
 * field of one of the model's ranges: a region's 失效日期) with its label, so an ended region reads as ended
 * (东城乡 · 141028202 · 失效日期 2021年10月31日) and not as a bare date.
 */
import type { EntityMeta, FieldMeta, Language } from '../metadata/types.js';

export function pickerDetail(entity: Pick<EntityMeta, 'ranges'>, field: Pick<FieldMeta, 'name' | 'labelZh' | 'labelEn'>, text: string, language: Language): string {
  if (!text || !entity.ranges.some((range) => range.end === field.name)) return text;
  return `${language === 'zh' ? field.labelZh : field.labelEn} ${text}`;
}
