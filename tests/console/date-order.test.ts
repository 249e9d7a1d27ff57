/**
 * The console's date-order message says what the server's checkRanges says (after the field label the
 * server puts first), in both languages, for every (start, end) pair the models declare.
 */
import { describe, expect, it } from 'vitest';
import { consoleMessages } from '../../admin/src/i18n/consoleMessages.js';
import { domainEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { checkRanges } from '../../server/api/input.validation.js';
import { AppError } from '../../server/graphql/errors.js';

/** Polyglot's interpolation, enough for these messages. */
const interpolate = (text: string, args: Record<string, string>) => text.replace(/%\{(\w+)\}/g, (_, name: string) => args[name]);

const cases = domainEntities.map((entity) => modelOf(entity)).flatMap((model) => model.ranges.map(([start, end]) => ({ model, start, end, label: `${model.name}.${end}` })));

describe('date-order message', () => {
  it('has pairs to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases)('$label reads as the server words it', ({ model, start, end }) => {
    let refusal: AppError | undefined;
    try {
      checkRanges(model, { [start]: '2024-06-10', [end]: '2024-06-09' }, 'input');
    } catch (error) {
      refusal = error as AppError;
    }
    expect(refusal).toBeInstanceOf(AppError);
    const startField = model.fields.find((field) => field.name === start)!;
    const endField = model.fields.find((field) => field.name === end)!;
    // The arguments the console's validator passes (admin/src/fields/validation.ts).
    const args = { startZh: startField.labelZh, startEn: startField.labelEn, start: '2024-06-10' };
    expect(`${endField.labelZh}：${interpolate(consoleMessages.zh.validation.notBefore, args)}`).toBe(refusal!.messages.zh);
    expect(`${endField.labelEn}: ${interpolate(consoleMessages.en.validation.notBefore, args)}`).toBe(refusal!.messages.en);
  });
});
