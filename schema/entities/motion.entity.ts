import { BaseRecord } from '../model/base-record.js';
import { DateField, EnumField, IntField, LongTextField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { MotionStatus, SuggestionCategory } from '../shared/enums.js';
import { Deputy } from './deputy.entity.js';
import { Region } from './region.entity.js';

@Model({
  name: 'Motion',
  singular: 'motion',
  plural: 'motions',
  labelZh: '议案',
  labelEn: 'Motion',
  description: '代表联名提出的议案：立案办理，或转为建议 / A motion deputies submit jointly: accepted and handled, or converted to a suggestion',
  icon: 'Description',
  area: 'suggestions',
  titleField: 'title',
  searchFields: ['title', 'number'],
  defaultSort: [{ field: 'submittedOn', direction: 'DESC' }],
})
export class Motion extends BaseRecord {
  @TextField({ labelZh: '议案编号', labelEn: 'Motion number', required: true, maxLength: 30 })
  number!: string;

  @TextField({ labelZh: '标题', labelEn: 'Title', required: true, maxLength: 200 })
  title!: string;

  @LongTextField({ labelZh: '正文', labelEn: 'Body' })
  body?: string | null;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '议案提交的人大所在区划 / The region whose congress received it' })
  region!: Region;

  @TextField({ labelZh: '会议', labelEn: 'Session', maxLength: 100, description: '如：第十八届人民代表大会第三次会议 / e.g. 3rd session of the 18th congress' })
  session?: string | null;

  @DateField({ happened: true, labelZh: '提出日期', labelEn: 'Submitted on', required: true })
  submittedOn!: string;

  @Reference(() => Deputy, { labelZh: '领衔代表', labelEn: 'Lead deputy' })
  leadDeputy?: Deputy | null;

  @IntField({ labelZh: '附议人数', labelEn: 'Co-signers', min: 0, max: 10_000 })
  cosignerCount?: number | null;

  @EnumField(SuggestionCategory, { labelZh: '议案类别', labelEn: 'Category' })
  category?: SuggestionCategory | null;

  @EnumField(MotionStatus, { labelZh: '议案状态', labelEn: 'Status', default: 'SUBMITTED' })
  status!: MotionStatus;

  @LongTextField({ labelZh: '办理结果', labelEn: 'Result' })
  result?: string | null;
}
