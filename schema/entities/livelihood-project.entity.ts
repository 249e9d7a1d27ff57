import { BaseRecord } from '../model/base-record.js';
import { DateField, DecimalField, EnumField, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { ProjectStatus } from '../shared/enums.js';
import { Region } from './region.entity.js';

@Model({
  name: 'LivelihoodProject',
  singular: 'livelihoodProject',
  plural: 'livelihoodProjects',
  labelZh: '民生实事项目',
  labelEn: 'Livelihood project',
  description: '由人大代表票决确定的民生实事项目（代表票决制） / A livelihood project chosen by deputies’ vote',
  icon: 'HowToVote',
  area: 'suggestions',
  titleField: 'title',
  searchFields: ['title'],
  defaultSort: [
    { field: 'year', direction: 'DESC' },
    { field: 'votesFor', direction: 'DESC' },
  ],
  ranges: [['votedOn', 'completedOn']],
})
export class LivelihoodProject extends BaseRecord {
  @IntField({ measure: false, labelZh: '年度', labelEn: 'Year', required: true, min: 1949, max: 2100 })
  year!: number;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '票决项目的人大所在区划 / The region whose congress voted' })
  region!: Region;

  @TextField({ labelZh: '项目名称', labelEn: 'Title', required: true, maxLength: 200 })
  title!: string;

  @DecimalField({ labelZh: '预算金额（元）', labelEn: 'Budget (CNY)', money: true })
  budget?: string | null;

  @IntField({ labelZh: '赞成票', labelEn: 'Votes for', min: 0, max: 100_000 })
  votesFor?: number | null;

  @IntField({ labelZh: '反对票', labelEn: 'Votes against', min: 0, max: 100_000 })
  votesAgainst?: number | null;

  @DateField({
    happened: true,
    labelZh: '票决日期',
    labelEn: 'Voted on',
    description: '代表票决之日：某日之前选定的项目按此日计，年度只说是哪一年的项目 / The day of the deputies’ vote: the projects chosen by a day count by it (the year only says which year’s list)',
  })
  votedOn?: string | null;

  @EnumField(ProjectStatus, { labelZh: '项目状态', labelEn: 'Status', default: 'PROPOSED' })
  status!: ProjectStatus;

  @DateField({ happened: true, labelZh: '完成日期', labelEn: 'Completed on' })
  completedOn?: string | null;
}
