/** The region a division code names (a chart's scope kept in the address as 620800), for pickers and titles. */
import { useEffect, useState } from 'react';
import { useGraphQL } from '../dataProvider/useGraphQL';
import type { RegionRef } from './types';

const byCode = `query($code: String) { regions(where: { code: { eq: $code } }, limit: 1) { nodes { id name code level } } }`;

export function useRegionByCode(code: string | undefined): RegionRef | null {
  const graphql = useGraphQL();
  const [region, setRegion] = useState<RegionRef | null>(null);
  useEffect(() => {
    if (!code) return setRegion(null);
    if (region?.code === code) return;
    let current = true;
    graphql<{ regions: { nodes: RegionRef[] } }>(byCode, { code }).then(
      ({ regions }) => current && setRegion(regions.nodes[0] ?? null),
      () => current && setRegion(null),
    );
    return () => {
      current = false;
    };
  }, [code]); // eslint-disable-line react-hooks/exhaustive-deps
  return region;
}
