/**
 * The comparisons a leader finds ready: 平凉市's seven counties on the station and deputy metrics, and
 * 镇平县's suggestion handling since 2020 (DOMAIN.md's figures). Regions are named by division code: the
 * loader shifts ids, and a code reads the same in any database.
 */
import type { World } from './world.js';

const dashboards = [
  {
    name: '平凉市各县履职对比',
    description: '平凉市七个县（市、区）的代表、联络站与履职活动指标，近五年',
    settings: {
      parentCode: '620800',
      level: 'COUNTY',
      metrics: ['deputies', 'stations', 'stationEntryRate', 'activitiesPerDeputy', 'answerRate', 'fundingPerDeputy'],
      years: [2020, 2021, 2022, 2023, 2024],
    },
  },
  {
    name: '镇平县建议办理（2020 年以来）',
    description: '镇平县乡镇的建议答复率、满意率和办结率，2020 年 1 月 1 日至 2024 年 12 月 31 日',
    settings: { parentCode: '411324', level: 'TOWNSHIP', metrics: ['suggestions', 'answerRate', 'satisfactionRate', 'closureRate'], period: { from: '2020-01-01', to: '2024-12-31' } },
  },
];

export function generateDashboards(world: World): void {
  for (const dashboard of dashboards) {
    world.data.add('dashboard', { name: dashboard.name, kind: 'COMPARISON', description: dashboard.description, settings: JSON.stringify(dashboard.settings) });
  }
}
