import { describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { entityIconLoaders } from '../../admin/src/layout/entityIcons.js';

describe('the menu icons', () => {
  it('has a loader for the icon every served model names, and none no model names', () => {
    const named = new Set(servedEntities.map((entity) => modelOf(entity).icon));
    for (const icon of named) expect(entityIconLoaders[icon], icon).toBeTypeOf('function');
    expect(Object.keys(entityIconLoaders).filter((icon) => !named.has(icon))).toEqual([]);
  });
});
