/**
 * The region a report is of, kept in the address by division code (`region=620822`): the one chosen, else
 * the user's own region, else the one the installation opens the comparison on (`analysis.defaultParentCode`).
 */
import { useSearchParams } from 'react-router-dom';
import { defaultParentSetting } from '../analysis/useStartingPoint';
import type { RegionRef } from '../analysis/types';
import { useRegionQuery } from '../analysis/useRegionByCode';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { useModel } from '../metadata/ModelContext';

const settingsQuery = `query reportDefaults { settings { key value } }`;

export type ReportRegion = {
  /** Undefined while the default is being read. */
  code: string | undefined;
  /** Null when no region has the code, or none is chosen; undefined while loading. */
  region: RegionRef | null | undefined;
  choose: (region: RegionRef | null) => void;
};

export function useReportRegion(): ReportRegion {
  const model = useModel();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('region') ?? undefined;
  const own = model.viewer.region?.code;
  const defaults = useGraphQLQuery(['reportDefaults'], (graphql) => graphql<{ settings: { key: string; value: unknown }[] }>(settingsQuery), !chosen && !own);
  const installed = defaults.data?.settings.find((setting) => setting.key === defaultParentSetting)?.value;
  const code = chosen ?? own ?? (defaults.isFetched ? (typeof installed === 'string' ? installed : '') : undefined);
  const region = useRegionQuery(code || undefined);
  const choose = (picked: RegionRef | null) => {
    const next = new URLSearchParams(params);
    if (picked) next.set('region', picked.code);
    else next.delete('region');
    setParams(next);
  };
  return { code: code || undefined, region: code === '' ? null : region.data, choose };
}
