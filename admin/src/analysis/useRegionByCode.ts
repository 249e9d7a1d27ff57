/** The region a division code names (a chart's or a report's scope kept in the address as 620800), for pickers and titles. */
import type { UseQueryResult } from '@tanstack/react-query';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import type { RegionRef } from './types';

const byCode = `query regionByCode($code: String) { regions(where: { code: { eq: $code } }, limit: 1) { nodes { id name code level validFrom validTo } } }`;

/** The read itself: its data is null when no region has the code, undefined while loading; nothing runs without a code. */
export function useRegionQuery(code: string | undefined): UseQueryResult<RegionRef | null, Error> {
  return useGraphQLQuery(['region', code], (graphql) => graphql<{ regions: { nodes: RegionRef[] } }>(byCode, { code }).then(({ regions }) => regions.nodes[0] ?? null), Boolean(code));
}

export function useRegionByCode(code: string | undefined): RegionRef | null {
  const region = useRegionQuery(code);
  return code ? (region.data ?? null) : null;
}
