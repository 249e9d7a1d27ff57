/**
 * The console's filter on a reference to a region (issue 22) keeps the region picked and every region below it:
 * it holds `{ within: code }`, which the list query sends as the API's `within`; a record id set by a link still
 * filters that one region, as before.
 */
import { describe, expect, it } from 'vitest';
import { filterToWhere } from '../../admin/src/dataProvider/filters.js';
import { withinCode } from '../../admin/src/fields/regionSubtree.js';
import type { EntityMeta, FieldMeta } from '../../admin/src/metadata/types.js';

const regionField = { name: 'region', kind: 'reference', reference: { entity: 'Region', inverse: 'deputies', onDelete: null } } as unknown as FieldMeta;
const deputy = { name: 'Deputy', fields: [regionField] } as unknown as EntityMeta;

describe('the region filter', () => {
  it('sends the subtree of the region picked as within', () => {
    expect(filterToWhere(deputy, { region: { within: '620800' } })).toEqual({ region: { within: '620800' } });
  });

  it('keeps a region id set by a link as that one region', () => {
    expect(filterToWhere(deputy, { region: '42' })).toEqual({ region: { id: { eq: '42' } } });
  });

  it('reads the code back from the filter value, and none from an id', () => {
    expect(withinCode({ within: '620821100' })).toBe('620821100');
    expect(withinCode('42')).toBeUndefined();
    expect(withinCode(null)).toBeUndefined();
  });
});
