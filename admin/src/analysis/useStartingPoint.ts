/**
 * What the page opens on before the address says otherwise: the metrics catalog, the region the
 * installation names in its settings (`analysis.defaultParentCode`: the demo data names 平凉市) or else the
 * first current city, its counties, the first metrics of the catalog, and the last five years up to the latest
 * with activities recorded.
 */
import { useEffect, useState } from 'react';
import type { ComparisonSettings, MetricDefinition } from './types';
import { useGraphQL } from '../dataProvider/useGraphQL';

export type StartingPoint = { catalog: MetricDefinition[]; settings: ComparisonSettings; years: number[] };

export const defaultParentSetting = 'analysis.defaultParentCode';
const shownMetrics = 6;
const shownYears = 5;
const firstYear = 2010;

const startQuery = `query($today: Date!) {
  metricCatalog { key labelZh labelEn unitZh unitEn kind higherIsBetter descriptionZh descriptionEn }
  settings { key value }
  firstCity: regions(where: { level: { eq: CITY }, validTo: { isNull: true } }, limit: 1, orderBy: [{ field: code }]) { nodes { id } }
  latest: activities(where: { heldOn: { lte: $today } }, limit: 1, orderBy: [{ field: heldOn, direction: DESC }]) { nodes { heldOn } } }`;
const byCode = `query($code: String!) { regions(where: { code: { eq: $code } }, limit: 1) { nodes { id } } }`;

type StartAnswer = {
  metricCatalog: MetricDefinition[];
  settings: { key: string; value: unknown }[];
  firstCity: { nodes: { id: string }[] };
  latest: { nodes: { heldOn: string }[] };
};

/** The starting point once loaded; an Error when it could not be (the page says so instead of waiting). */
export function useStartingPoint(): StartingPoint | Error | undefined {
  const graphql = useGraphQL();
  const [start, setStart] = useState<StartingPoint | Error>();
  useEffect(() => {
    const today = new Date().toISOString().slice(0, 10);
    (async () => {
      const answer = await graphql<StartAnswer>(startQuery, { today });
      const code = answer.settings.find((setting) => setting.key === defaultParentSetting)?.value;
      const named = typeof code === 'string' ? (await graphql<{ regions: { nodes: { id: string }[] } }>(byCode, { code })).regions.nodes[0] : undefined;
      const thisYear = new Date().getFullYear();
      const latest = Number(answer.latest.nodes[0]?.heldOn.slice(0, 4) ?? thisYear - 1);
      const years = Array.from({ length: thisYear - firstYear + 1 }, (_, index) => firstYear + index);
      setStart({
        catalog: answer.metricCatalog,
        years,
        settings: {
          parentId: named?.id ?? answer.firstCity.nodes[0]?.id ?? null,
          level: 'COUNTY',
          regionIds: [],
          metrics: answer.metricCatalog.slice(0, shownMetrics).map((metric) => metric.key),
          years: Array.from({ length: shownYears }, (_, index) => latest - shownYears + 1 + index),
          period: null,
        },
      });
    })().catch((error: Error) => setStart(error));
  }, [graphql]);
  return start;
}
