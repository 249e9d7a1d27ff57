import type { Collection } from '@mikro-orm/core';
import { BaseRecord } from '../model/base-record.js';
import { BooleanField, DateField, DecimalField, EnumField, HasMany, IntField, Reference, TextField } from '../model/fields.js';
import { Model } from '../model/model.js';
import { StationKind } from '../shared/enums.js';
import { Activity } from './activity.entity.js';
import { Person } from './person.entity.js';
import { Region } from './region.entity.js';
import { StationAssignment } from './station-assignment.entity.js';
import { FundingAllocation } from './funding-allocation.entity.js';

@Model({
  name: 'LiaisonStation',
  singular: 'liaisonStation',
  plural: 'liaisonStations',
  labelZh: '代表联络站',
  labelEn: 'Liaison station',
  description: '人大代表之家、代表联络站（工作站）、村级联络室和联络点；一家多站 / Deputies’ homes, liaison stations, village rooms and points; stations belong to a home',
  icon: 'Home',
  area: 'stations',
  titleField: 'name',
  pickerFields: ['region', 'kind'],
  searchFields: ['name', 'village'],
  defaultSort: [{ field: 'name', direction: 'ASC' }],
})
export class LiaisonStation extends BaseRecord {
  @TextField({ labelZh: '站点名称', labelEn: 'Name', required: true, maxLength: 100, collation: 'zh_pinyin' })
  name!: string;

  @EnumField(StationKind, { labelZh: '站点类型', labelEn: 'Kind', required: true })
  kind!: StationKind;

  @Reference(() => Region, { labelZh: '所属区划', labelEn: 'Region', required: true, description: '所在乡镇（街道）或县 / The township (street) or county' })
  region!: Region;

  @Reference(() => LiaisonStation, { labelZh: '所属代表之家', labelEn: 'Parent home', description: '一家多站：联络站、联络室所属的人大代表之家 / The home a station or room belongs to' })
  parent?: LiaisonStation | null;

  @TextField({ labelZh: '村（社区）', labelEn: 'Village or community', maxLength: 50 })
  village?: string | null;

  @TextField({ labelZh: '地址', labelEn: 'Address', maxLength: 200 })
  address?: string | null;

  @DecimalField({ measure: false, labelZh: '纬度', labelEn: 'Latitude', precision: 9, scale: 6, min: -90, max: 90 })
  latitude?: string | null;

  @DecimalField({ measure: false, labelZh: '经度', labelEn: 'Longitude', precision: 9, scale: 6, min: -180, max: 180 })
  longitude?: string | null;

  @DateField({ happened: true, labelZh: '建成日期', labelEn: 'Established on' })
  establishedOn?: string | null;

  @BooleanField({ labelZh: '有场所', labelEn: 'Has premises', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasPremises!: boolean;

  @BooleanField({ labelZh: '有标牌', labelEn: 'Has a sign', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasSign!: boolean;

  @BooleanField({ labelZh: '有制度', labelEn: 'Has rules on the wall', default: false, description: '规范化建设“八有”之一：制度上墙 / One of the eight standardization items' })
  hasRules!: boolean;

  @BooleanField({ labelZh: '有台账', labelEn: 'Has a ledger', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasLedger!: boolean;

  @BooleanField({ labelZh: '有计划', labelEn: 'Has a schedule', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasSchedule!: boolean;

  @BooleanField({ labelZh: '有人员', labelEn: 'Has staff', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasStaff!: boolean;

  @BooleanField({ labelZh: '有经费', labelEn: 'Has funds', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasFunds!: boolean;

  @BooleanField({ labelZh: '有档案', labelEn: 'Has records', default: false, description: '规范化建设“八有”之一 / One of the eight standardization items' })
  hasRecords!: boolean;

  @IntField({
    labelZh: '规范化得分',
    labelEn: 'Standardization score',
    readOnly: true,
    default: 0,
    min: 0,
    max: 100,
    description: '由服务器按“八有”各项计算 / Computed by the server from the eight items',
  })
  standardScore!: number;

  @Reference(() => Person, { onDelete: 'CLEAR', labelZh: '负责人', labelEn: 'Responsible person' })
  responsiblePerson?: Person | null;

  @TextField({ labelZh: '接待日', labelEn: 'Open days', maxLength: 100, description: '如：每月 5 日、20 日 / e.g. the 5th and 20th of each month' })
  openDays?: string | null;

  @HasMany(() => LiaisonStation, 'parent', { labelZh: '下属站点', labelEn: 'Stations of this home' })
  children!: Collection<LiaisonStation>;

  @HasMany(() => StationAssignment, 'station', { labelZh: '进站代表', labelEn: 'Assigned deputies' })
  assignments!: Collection<StationAssignment>;

  @HasMany(() => Activity, 'station', { labelZh: '站点活动', labelEn: 'Activities' })
  activities!: Collection<Activity>;

  @HasMany(() => FundingAllocation, 'station', { labelZh: '经费保障', labelEn: 'Funding allocations' })
  fundingAllocations!: Collection<FundingAllocation>;
}
