/**
 * The organisations of every county: government departments (一府), the supervisory commission (一委),
 * the court and the procuratorate (两院) and the congress's own office — the handlers of suggestions and
 * the bodies appointments are made to. The same 25 in every county, named after it.
 */
import { organisationsPerCounty, type Plan } from './plan.js';
import { NULL, type RowSink, type TableGenerator } from './table.js';
import { pinyinForms } from '../../schema/shared/pinyin.js';

/** Name (after the county's), kind, and the suggestion categories it handles. */
export const countyOrganisations: readonly { name: string; kind: string; handles: readonly string[] }[] = [
  { name: '人民政府办公室', kind: 'GOVERNMENT_DEPT', handles: ['OTHER'] },
  { name: '发展和改革局', kind: 'GOVERNMENT_DEPT', handles: ['ECONOMY'] },
  { name: '教育局', kind: 'GOVERNMENT_DEPT', handles: ['EDUCATION'] },
  { name: '工业和信息化局', kind: 'GOVERNMENT_DEPT', handles: ['ECONOMY'] },
  { name: '公安局', kind: 'GOVERNMENT_DEPT', handles: ['LAW', 'TRANSPORT'] },
  { name: '民政局', kind: 'GOVERNMENT_DEPT', handles: ['SOCIAL'] },
  { name: '司法局', kind: 'GOVERNMENT_DEPT', handles: ['LAW'] },
  { name: '财政局', kind: 'GOVERNMENT_DEPT', handles: ['ECONOMY', 'OTHER'] },
  { name: '人力资源和社会保障局', kind: 'GOVERNMENT_DEPT', handles: ['SOCIAL'] },
  { name: '自然资源局', kind: 'GOVERNMENT_DEPT', handles: ['URBAN', 'AGRICULTURE'] },
  { name: '生态环境分局', kind: 'GOVERNMENT_DEPT', handles: ['ENVIRONMENT'] },
  { name: '住房和城乡建设局', kind: 'GOVERNMENT_DEPT', handles: ['URBAN'] },
  { name: '交通运输局', kind: 'GOVERNMENT_DEPT', handles: ['TRANSPORT'] },
  { name: '水务局', kind: 'GOVERNMENT_DEPT', handles: ['AGRICULTURE', 'ENVIRONMENT'] },
  { name: '农业农村局', kind: 'GOVERNMENT_DEPT', handles: ['AGRICULTURE'] },
  { name: '商务局', kind: 'GOVERNMENT_DEPT', handles: ['ECONOMY'] },
  { name: '文化和旅游局', kind: 'GOVERNMENT_DEPT', handles: ['CULTURE'] },
  { name: '卫生健康局', kind: 'GOVERNMENT_DEPT', handles: ['HEALTH'] },
  { name: '医疗保障局', kind: 'GOVERNMENT_DEPT', handles: ['HEALTH', 'SOCIAL'] },
  { name: '市场监督管理局', kind: 'GOVERNMENT_DEPT', handles: ['ECONOMY', 'HEALTH'] },
  { name: '应急管理局', kind: 'GOVERNMENT_DEPT', handles: ['OTHER'] },
  { name: '监察委员会', kind: 'SUPERVISORY_COMMISSION', handles: [] },
  { name: '人民法院', kind: 'COURT', handles: ['LAW'] },
  { name: '人民检察院', kind: 'PROCURATORATE', handles: ['LAW'] },
  { name: '人大常委会办公室', kind: 'CONGRESS', handles: [] },
];
if (countyOrganisations.length !== organisationsPerCounty) throw new Error('organisations.ts and plan.ts disagree on organisations per county');

/** Local indexes of the organisations that handle each suggestion category. */
export const handlersOf: Readonly<Record<string, readonly number[]>> = (() => {
  const byCategory: Record<string, number[]> = {};
  countyOrganisations.forEach((organisation, index) => {
    for (const category of organisation.handles) (byCategory[category] ??= []).push(index);
  });
  return byCategory;
})();

/** Local indexes of the organisations by kind (for appointments). */
export const organisationsOfKind = (kind: string): number[] => countyOrganisations.flatMap((organisation, index) => (organisation.kind === kind ? [index] : []));

export const organisations: TableGenerator = {
  table: 'organisation',
  columns: ['id', 'name', 'name_pinyin', 'kind', 'region_id'],
  bytesPerRow: 290,
  expectedRows: (plan) => plan.total('organisation'),

  county(plan: Plan, c: number, out: RowSink) {
    const region = plan.countyId(c);
    for (const organisation of countyOrganisations) {
      const name = `${plan.countyName[c]}${organisation.name}`;
      out.add(`${out.nextId()}\t${name}\t${pinyinForms(name, 'words') ?? NULL}\t${organisation.kind}\t${region}\n`);
    }
  },
};
