/**
 * A model's region and organisation paths are read by one stepper (schema/model/relations.ts `stepsAlong`) for the
 * scopes, the walk from the region's side and the scope indexes; a path that does not lead where it must is refused
 * when the server starts (checkRegionPaths), not at a clerk's request.
 */
import { describe, expect, it } from 'vitest';
import { Deputy } from '../../schema/entities/deputy.entity.js';
import { Person } from '../../schema/entities/person.entity.js';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { stepsAlong } from '../../schema/model/relations.js';
import { checkRegionPaths } from '../../server/access/region-scope.js';

const deputy = modelOf(Deputy);
const handling = modelOf(SuggestionHandling);
const withPaths = (model: ModelMeta, paths: Partial<Pick<ModelMeta, 'regionPaths' | 'organisationPaths'>>): ModelMeta => ({ ...model, ...paths });

describe('region and organisation paths', () => {
  it('are accepted for every served model', () => {
    expect(() => checkRegionPaths(servedEntities.map((entity) => modelOf(entity)))).not.toThrow();
  });

  it('step along references by their column and along lists by the back reference', () => {
    const steps = stepsAlong(modelOf(Person), 'seats.region');
    expect(steps.map(({ kind, from, to, fromColumn, toColumn }) => [kind, from.table, fromColumn, to.table, toColumn])).toEqual([
      ['list', 'person', 'id', 'deputy', 'person_id'],
      ['reference', 'deputy', 'region_id', 'region', 'id'],
    ]);
  });

  it.each([
    ['a misspelt step', withPaths(deputy, { regionPaths: ['regoin'] }), /Deputy's path regoin names Deputy\.regoin, which is neither a reference nor a list/],
    ['a scalar field as a step', withPaths(deputy, { regionPaths: ['level'] }), /neither a reference nor a list/],
    ['a region path that ends short of a region', withPaths(deputy, { regionPaths: ['person'] }), /a region path of Deputy ends at Person, not at a region/],
    [
      'an organisation path that ends at a list',
      withPaths(handling, { organisationPaths: ['suggestion.handlings'] }),
      /SuggestionHandling\.organisationPaths: suggestion\.handlings does not end at a reference/,
    ],
    ['a records model without region paths', withPaths(deputy, { regionPaths: [] }), /Deputy keeps records but declares no regionPaths/],
    [
      'a path its region prefixes could not be kept along (a list, then two references)',
      withPaths(modelOf(Person), { regionPaths: ['region', 'seats.person.region'] }),
      /Person's region path 'seats\.person\.region' is neither a reference to a region nor a list whose rows reference one/,
    ],
  ])('refuse %s at start-up', (_, model, message) => {
    expect(() => checkRegionPaths([model])).toThrow(message);
  });
});
