/**
 * Charts sum and average quantities, not numbers that name (issue 18, defect 10): a year, a term number,
 * coordinates, the version counter are no measure in what metadata offers (the API keeps their min and max).
 */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

describe('measures', () => {
  it('are what metadata marks measurable: quantities, not years, terms or the version', async () => {
    const { data } = await env.server.gql(`{ metadata { entities { name fields { name measurable } } } }`);
    const measurable = (entity: string) =>
      data.metadata.entities
        .find((candidate: { name: string }) => candidate.name === entity)
        .fields.filter((field: { measurable: boolean }) => field.measurable)
        .map((field: { name: string }) => field.name);
    expect(measurable('FundingAllocation')).toEqual(['budgeted', 'disbursed', 'headcount', 'perCapitaStandard']);
    expect(measurable('Deputy')).toEqual([]);
    expect(measurable('Region')).toEqual(['population']);
  });
});
