/**
 * Every enum value's colour is one of the theme's palette names, which the console's chips render with a
 * text colour that reads on them (issue 18, defect 1: colour names passed as CSS backgrounds gave white on
 * pale grey).
 */
import { describe, expect, it } from 'vitest';
import * as enums from '../../schema/shared/enums.js';
import { enumColours, type EnumDef } from '../../schema/shared/define-enum.js';

const defs = (Object.values(enums) as unknown[]).filter((value): value is EnumDef => typeof value === 'object' && value !== null && 'options' in value && 'values' in value);

describe('enum colours', () => {
  it('are found (every enum of schema/shared/enums.ts)', () => expect(defs.length).toBeGreaterThan(20));

  it.each(defs.map((def) => [def.name, def] as const))('%s colours only with palette names', (_, def) => {
    for (const option of def.options) if (option.color !== undefined) expect(enumColours, `${def.name}.${option.value}`).toContain(option.color);
  });
});
