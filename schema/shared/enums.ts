/** Every enum of the domain (DOMAIN.md), with Chinese and English labels. Decorator-free: the console imports it. */
import { defineEnum, type EnumValue } from './define-enum.js';

export const RegionKind = defineEnum(
  'RegionKind',
  { zh: '区划类型', en: 'Region kind' },
  {
    PROVINCE: { zh: '省', en: 'Province' },
    CITY: { zh: '市（州）', en: 'Prefecture-level city' },
    COUNTY: { zh: '县', en: 'County' },
    DISTRICT: { zh: '区', en: 'District' },
    COUNTY_CITY: { zh: '县级市', en: 'County-level city' },
    TOWNSHIP: { zh: '乡', en: 'Township' },
    TOWN: { zh: '镇', en: 'Town' },
    STREET: { zh: '街道', en: 'Street' },
  },
);
export type RegionKind = EnumValue<typeof RegionKind>;

export const RegionLevel = defineEnum(
  'RegionLevel',
  { zh: '区划层级', en: 'Region level' },
  {
    PROVINCE: { zh: '省级', en: 'Province level' },
    CITY: { zh: '市级', en: 'City level' },
    COUNTY: { zh: '县级', en: 'County level' },
    TOWNSHIP: { zh: '乡级', en: 'Township level' },
  },
);
export type RegionLevel = EnumValue<typeof RegionLevel>;

/** A district and a county-level city are COUNTY level; a town and a street TOWNSHIP level. */
export const levelOfKind: Record<RegionKind, RegionLevel> = {
  PROVINCE: 'PROVINCE',
  CITY: 'CITY',
  COUNTY: 'COUNTY',
  DISTRICT: 'COUNTY',
  COUNTY_CITY: 'COUNTY',
  TOWNSHIP: 'TOWNSHIP',
  TOWN: 'TOWNSHIP',
  STREET: 'TOWNSHIP',
};

/** The deputy level a region's own congress elects (a county's congress: county deputies); the nation's is NATIONAL. */
export const deputyLevelOfRegionLevel: Readonly<Record<string, string>> = { PROVINCE: 'PROVINCIAL', CITY: 'MUNICIPAL', COUNTY: 'COUNTY', TOWNSHIP: 'TOWNSHIP' };

export const Gender = defineEnum(
  'Gender',
  { zh: '性别', en: 'Gender' },
  {
    MALE: { zh: '男', en: 'Male' },
    FEMALE: { zh: '女', en: 'Female' },
  },
);
export type Gender = EnumValue<typeof Gender>;

/** The 56 ethnic groups in the order of the national code table (GB/T 3304), codes 01–56. */
export const Ethnicity = defineEnum(
  'Ethnicity',
  { zh: '民族', en: 'Ethnicity' },
  {
    HAN: { zh: '汉族', en: 'Han' },
    MONGOL: { zh: '蒙古族', en: 'Mongol' },
    HUI: { zh: '回族', en: 'Hui' },
    TIBETAN: { zh: '藏族', en: 'Tibetan' },
    UYGHUR: { zh: '维吾尔族', en: 'Uyghur' },
    MIAO: { zh: '苗族', en: 'Miao' },
    YI: { zh: '彝族', en: 'Yi' },
    ZHUANG: { zh: '壮族', en: 'Zhuang' },
    BUYEI: { zh: '布依族', en: 'Buyei' },
    KOREAN: { zh: '朝鲜族', en: 'Korean' },
    MANCHU: { zh: '满族', en: 'Manchu' },
    DONG: { zh: '侗族', en: 'Dong' },
    YAO: { zh: '瑶族', en: 'Yao' },
    BAI: { zh: '白族', en: 'Bai' },
    TUJIA: { zh: '土家族', en: 'Tujia' },
    HANI: { zh: '哈尼族', en: 'Hani' },
    KAZAKH: { zh: '哈萨克族', en: 'Kazakh' },
    DAI: { zh: '傣族', en: 'Dai' },
    LI: { zh: '黎族', en: 'Li' },
    LISU: { zh: '傈僳族', en: 'Lisu' },
    VA: { zh: '佤族', en: 'Va' },
    SHE: { zh: '畲族', en: 'She' },
    GAOSHAN: { zh: '高山族', en: 'Gaoshan' },
    LAHU: { zh: '拉祜族', en: 'Lahu' },
    SUI: { zh: '水族', en: 'Sui' },
    DONGXIANG: { zh: '东乡族', en: 'Dongxiang' },
    NAXI: { zh: '纳西族', en: 'Naxi' },
    JINGPO: { zh: '景颇族', en: 'Jingpo' },
    KYRGYZ: { zh: '柯尔克孜族', en: 'Kyrgyz' },
    TU: { zh: '土族', en: 'Tu' },
    DAUR: { zh: '达斡尔族', en: 'Daur' },
    MULAO: { zh: '仫佬族', en: 'Mulao' },
    QIANG: { zh: '羌族', en: 'Qiang' },
    BLANG: { zh: '布朗族', en: 'Blang' },
    SALAR: { zh: '撒拉族', en: 'Salar' },
    MAONAN: { zh: '毛南族', en: 'Maonan' },
    GELAO: { zh: '仡佬族', en: 'Gelao' },
    XIBE: { zh: '锡伯族', en: 'Xibe' },
    ACHANG: { zh: '阿昌族', en: 'Achang' },
    PUMI: { zh: '普米族', en: 'Pumi' },
    TAJIK: { zh: '塔吉克族', en: 'Tajik' },
    NU: { zh: '怒族', en: 'Nu' },
    UZBEK: { zh: '乌孜别克族', en: 'Uzbek' },
    RUSSIAN: { zh: '俄罗斯族', en: 'Russian' },
    EVENKI: { zh: '鄂温克族', en: 'Evenki' },
    DEANG: { zh: '德昂族', en: "De'ang" },
    BONAN: { zh: '保安族', en: 'Bonan' },
    YUGUR: { zh: '裕固族', en: 'Yugur' },
    GIN: { zh: '京族', en: 'Gin' },
    TATAR: { zh: '塔塔尔族', en: 'Tatar' },
    DERUNG: { zh: '独龙族', en: 'Derung' },
    OROQEN: { zh: '鄂伦春族', en: 'Oroqen' },
    HEZHEN: { zh: '赫哲族', en: 'Hezhen' },
    MONBA: { zh: '门巴族', en: 'Monba' },
    LHOBA: { zh: '珞巴族', en: 'Lhoba' },
    JINO: { zh: '基诺族', en: 'Jino' },
  },
);
export type Ethnicity = EnumValue<typeof Ethnicity>;

export const Education = defineEnum(
  'Education',
  { zh: '学历', en: 'Education' },
  {
    PRIMARY: { zh: '小学', en: 'Primary school' },
    JUNIOR_SECONDARY: { zh: '初中', en: 'Junior secondary' },
    SENIOR_SECONDARY: { zh: '高中（中专）', en: 'Senior secondary' },
    JUNIOR_COLLEGE: { zh: '大专', en: 'Junior college' },
    BACHELOR: { zh: '大学本科', en: "Bachelor's degree" },
    MASTER: { zh: '硕士研究生', en: "Master's degree" },
    DOCTORATE: { zh: '博士研究生', en: 'Doctorate' },
  },
);
export type Education = EnumValue<typeof Education>;

export const PoliticalStatus = defineEnum(
  'PoliticalStatus',
  { zh: '政治面貌', en: 'Political status' },
  {
    CPC_MEMBER: { zh: '中共党员', en: 'CPC member' },
    CPC_PROBATIONARY: { zh: '中共预备党员', en: 'CPC probationary member' },
    YOUTH_LEAGUE: { zh: '共青团员', en: 'Communist Youth League member' },
    DEMOCRATIC_PARTY: { zh: '民主党派', en: 'Democratic party member' },
    NON_PARTISAN: { zh: '无党派人士', en: 'Non-partisan' },
    MASSES: { zh: '群众', en: 'No affiliation' },
  },
);
export type PoliticalStatus = EnumValue<typeof PoliticalStatus>;

export const DeputyLevel = defineEnum(
  'DeputyLevel',
  { zh: '代表层级', en: 'Deputy level' },
  {
    NATIONAL: { zh: '全国人大代表', en: 'National' },
    PROVINCIAL: { zh: '省人大代表', en: 'Provincial' },
    MUNICIPAL: { zh: '市人大代表', en: 'Municipal' },
    COUNTY: { zh: '县人大代表', en: 'County' },
    TOWNSHIP: { zh: '乡镇人大代表', en: 'Township' },
  },
);
export type DeputyLevel = EnumValue<typeof DeputyLevel>;

export const DeputyComposition = defineEnum(
  'DeputyComposition',
  { zh: '代表构成', en: 'Composition category' },
  {
    WORKER: { zh: '工人', en: 'Worker' },
    FARMER: { zh: '农民', en: 'Farmer' },
    PROFESSIONAL: { zh: '专业技术人员', en: 'Professional and technical staff' },
    OFFICIAL: { zh: '党政领导干部', en: 'Party and government leader' },
    MILITARY: { zh: '解放军', en: 'PLA' },
    OTHER: { zh: '其他', en: 'Other' },
  },
);
export type DeputyComposition = EnumValue<typeof DeputyComposition>;

export const DeputyStatus = defineEnum(
  'DeputyStatus',
  { zh: '代表状态', en: 'Seat status' },
  {
    ACTIVE: { zh: '在任', en: 'Active', color: 'success' },
    TERMINATED: { zh: '终止', en: 'Terminated', color: 'default' },
    RESIGNED: { zh: '辞职', en: 'Resigned', color: 'warning' },
    DECEASED: { zh: '去世', en: 'Deceased', color: 'default' },
  },
);
export type DeputyStatus = EnumValue<typeof DeputyStatus>;

export const GroupKind = defineEnum(
  'GroupKind',
  { zh: '小组类型', en: 'Group kind' },
  {
    REGIONAL: { zh: '地域型', en: 'Regional' },
    PROFESSIONAL: { zh: '专业型', en: 'Professional' },
    FUNCTIONAL: { zh: '功能型', en: 'Functional' },
    ADVISORY: { zh: '咨询型', en: 'Advisory' },
  },
);
export type GroupKind = EnumValue<typeof GroupKind>;

export const MembershipRole = defineEnum(
  'MembershipRole',
  { zh: '小组职务', en: 'Membership role' },
  {
    LEADER: { zh: '组长', en: 'Leader' },
    LIAISON: { zh: '联络员', en: 'Liaison' },
    MEMBER: { zh: '组员', en: 'Member' },
  },
);
export type MembershipRole = EnumValue<typeof MembershipRole>;

export const OrganisationKind = defineEnum(
  'OrganisationKind',
  { zh: '单位类型', en: 'Organisation kind' },
  {
    GOVERNMENT_DEPT: { zh: '政府部门', en: 'Government department' },
    SUPERVISORY_COMMISSION: { zh: '监察委员会', en: 'Supervisory commission' },
    COURT: { zh: '人民法院', en: "People's court" },
    PROCURATORATE: { zh: '人民检察院', en: "People's procuratorate" },
    CONGRESS: { zh: '人大机关', en: 'Congress' },
    OTHER: { zh: '其他', en: 'Other' },
  },
);
export type OrganisationKind = EnumValue<typeof OrganisationKind>;

export const StationKind = defineEnum(
  'StationKind',
  { zh: '站点类型', en: 'Station kind' },
  {
    HOME: { zh: '人大代表之家', en: "Deputies' home" },
    STATION: { zh: '代表联络站（工作站）', en: 'Liaison station' },
    ROOM: { zh: '村级代表联络室', en: 'Village liaison room' },
    POINT: { zh: '联络点', en: 'Liaison point' },
  },
);
export type StationKind = EnumValue<typeof StationKind>;

export const ActivityKind = defineEnum(
  'ActivityKind',
  { zh: '活动类型', en: 'Activity kind' },
  {
    VOTER_RECEPTION: { zh: '接待选民', en: 'Voter reception' },
    INSPECTION: { zh: '视察', en: 'Inspection' },
    RESEARCH: { zh: '调研', en: 'Research' },
    LAW_ENFORCEMENT_CHECK: { zh: '执法检查', en: 'Law enforcement check' },
    TRAINING: { zh: '学习培训', en: 'Training' },
    ATTEND_SESSION: { zh: '列席常委会', en: 'Attend standing committee' },
    REPORT_TO_VOTERS: { zh: '向选民述职', en: 'Report to voters' },
    HEARING: { zh: '听证评议', en: 'Hearing or evaluation' },
    GROUP_ACTIVITY: { zh: '小组活动', en: 'Group activity' },
    OTHER: { zh: '其他', en: 'Other' },
  },
);
export type ActivityKind = EnumValue<typeof ActivityKind>;

export const ParticipantRole = defineEnum(
  'ParticipantRole',
  { zh: '参与角色', en: 'Participant role' },
  {
    ORGANISER: { zh: '组织者', en: 'Organiser' },
    PARTICIPANT: { zh: '参加', en: 'Participant' },
    OBSERVER: { zh: '列席', en: 'Observer' },
  },
);
export type ParticipantRole = EnumValue<typeof ParticipantRole>;

export const FundingCategory = defineEnum(
  'FundingCategory',
  { zh: '经费类别', en: 'Funding category' },
  {
    DEPUTY_ACTIVITY: { zh: '代表活动经费', en: 'Deputy activity funds' },
    HOME_OPERATION: { zh: '代表之家运行经费', en: "Deputies' home operation" },
    TOWNSHIP_SESSION: { zh: '乡镇人代会经费', en: 'Township congress session' },
    TOWNSHIP_CONGRESS_WORK: { zh: '乡镇人大工作经费', en: 'Township congress work' },
    STREET_WORK: { zh: '街道人大工委工作经费', en: 'Street working committee' },
    STATION_CONSTRUCTION: { zh: '联络站建设专项补助', en: 'Station construction subsidy' },
    TRAINING: { zh: '培训经费', en: 'Training' },
    OTHER: { zh: '其他', en: 'Other' },
  },
);
export type FundingCategory = EnumValue<typeof FundingCategory>;

export const FundingStatus = defineEnum(
  'FundingStatus',
  { zh: '经费状态', en: 'Funding status' },
  {
    PLANNED: { zh: '计划', en: 'Planned', color: 'default' },
    APPROVED: { zh: '已批准', en: 'Approved', color: 'info' },
    DISBURSED: { zh: '已拨付', en: 'Disbursed', color: 'primary' },
    SETTLED: { zh: '已结算', en: 'Settled', color: 'success' },
  },
);
export type FundingStatus = EnumValue<typeof FundingStatus>;

/** What a funding standard's amount is counted per. */
export const FundingUnit = defineEnum(
  'FundingUnit',
  { zh: '计费单位', en: 'Funding unit' },
  {
    PER_DEPUTY_YEAR: { zh: '每人每年', en: 'Per deputy per year' },
    PER_HOME_YEAR: { zh: '每家每年', en: "Per deputies' home per year" },
    PER_SESSION: { zh: '每次会议', en: 'Per congress session' },
    PER_TOWNSHIP_YEAR: { zh: '每乡镇每年', en: 'Per township per year' },
    PER_STREET_YEAR: { zh: '每街道每年', en: 'Per street per year' },
    LUMP_SUM: { zh: '一次性', en: 'Lump sum' },
  },
);
export type FundingUnit = EnumValue<typeof FundingUnit>;

export const AppointmentAction = defineEnum(
  'AppointmentAction',
  { zh: '任免类型', en: 'Appointment action' },
  {
    ELECT: { zh: '选举', en: 'Elect' },
    APPOINT: { zh: '任命', en: 'Appoint' },
    DECIDE_APPOINT: { zh: '决定任命', en: 'Decide to appoint' },
    REMOVE: { zh: '免职', en: 'Remove' },
    ACCEPT_RESIGNATION: { zh: '接受辞职', en: 'Accept resignation' },
    DISMISS: { zh: '撤职', en: 'Dismiss' },
  },
);
export type AppointmentAction = EnumValue<typeof AppointmentAction>;

/** Actions after which the appointee takes the constitutional oath. */
export const oathActions: ReadonlySet<AppointmentAction> = new Set(['ELECT', 'APPOINT', 'DECIDE_APPOINT']);

export const OathForm = defineEnum(
  'OathForm',
  { zh: '宣誓形式', en: 'Oath form' },
  {
    INDIVIDUAL: { zh: '单独宣誓', en: 'Individual' },
    COLLECTIVE: { zh: '集体宣誓', en: 'Collective' },
  },
);
export type OathForm = EnumValue<typeof OathForm>;

export const SuggestionCategory = defineEnum(
  'SuggestionCategory',
  { zh: '建议类别', en: 'Suggestion category' },
  {
    ECONOMY: { zh: '经济发展', en: 'Economy' },
    AGRICULTURE: { zh: '农业农村', en: 'Agriculture and rural affairs' },
    EDUCATION: { zh: '教育', en: 'Education' },
    HEALTH: { zh: '医疗卫生', en: 'Health' },
    TRANSPORT: { zh: '交通', en: 'Transport' },
    ENVIRONMENT: { zh: '生态环境', en: 'Environment' },
    URBAN: { zh: '城乡建设', en: 'Urban and rural construction' },
    SOCIAL: { zh: '社会保障', en: 'Social security' },
    CULTURE: { zh: '文化旅游', en: 'Culture and tourism' },
    LAW: { zh: '法治建设', en: 'Rule of law' },
    OTHER: { zh: '其他', en: 'Other' },
  },
);
export type SuggestionCategory = EnumValue<typeof SuggestionCategory>;

export const SuggestionStatus = defineEnum(
  'SuggestionStatus',
  { zh: '办理状态', en: 'Handling status' },
  {
    SUBMITTED: { zh: '提出', en: 'Submitted', color: 'default' },
    REVIEWED: { zh: '审查', en: 'Reviewed', color: 'default' },
    ASSIGNED: { zh: '交办', en: 'Assigned', color: 'info' },
    IN_PROGRESS: { zh: '办理', en: 'In progress', color: 'info' },
    ANSWERED: { zh: '答复', en: 'Answered', color: 'primary' },
    FEEDBACK: { zh: '反馈', en: 'Feedback', color: 'warning' },
    CLOSED: { zh: '办结', en: 'Closed', color: 'success' },
    // Ends other than 办结, after the lifecycle in the declared order (an enum sorts in it).
    REJECTED: { zh: '不予立案', en: 'Not accepted', color: 'error' },
    MERGED: { zh: '已并案', en: 'Merged', color: 'secondary' },
  },
);
export type SuggestionStatus = EnumValue<typeof SuggestionStatus>;

/** The steps of the suggestion workflow (schema/shared/suggestion-workflow.ts): what a transition record names. */
export const SuggestionStep = defineEnum(
  'SuggestionStep',
  { zh: '办理环节', en: 'Workflow step' },
  {
    ACCEPT: { zh: '立案', en: 'Accepted' },
    REJECT: { zh: '不予立案', en: 'Not accepted' },
    MERGE: { zh: '并案', en: 'Merged' },
    ASSIGN: { zh: '交办', en: 'Assigned' },
    START: { zh: '开始办理', en: 'Handling started' },
    ANSWER: { zh: '答复', en: 'Answered' },
    OPINION: { zh: '协办意见', en: 'Co-handling opinion given' },
    FEEDBACK: { zh: '满意度反馈', en: 'Feedback recorded' },
    REOPEN: { zh: '重新办理', en: 'Reopened' },
    CLOSE: { zh: '办结', en: 'Closed' },
    REQUEST_REASSIGNMENT: { zh: '申请调整承办单位', en: 'Re-assignment requested' },
    ACCEPT_REASSIGNMENT: { zh: '同意调整承办单位', en: 'Re-assignment accepted' },
    REFUSE_REASSIGNMENT: { zh: '不同意调整承办单位', en: 'Re-assignment refused' },
    SUPERVISE: { zh: '列为重点督办', en: 'Put under key supervision' },
    UNSUPERVISE: { zh: '取消重点督办', en: 'Key supervision ended' },
  },
);
export type SuggestionStep = EnumValue<typeof SuggestionStep>;

/** What a review (审查) decides: 立案, 不予立案 (with a reason) or 并案 (into another suggestion). */
export const ReviewDecision = defineEnum(
  'ReviewDecision',
  { zh: '审查结论', en: 'Review decision' },
  {
    ACCEPT: { zh: '立案', en: 'Accept' },
    REJECT: { zh: '不予立案', en: 'Do not accept' },
    MERGE: { zh: '并案', en: 'Merge into another' },
  },
);
export type ReviewDecision = EnumValue<typeof ReviewDecision>;

/** Where a handling unit's request to be relieved of a suggestion stands. */
export const ReassignmentStatus = defineEnum(
  'ReassignmentStatus',
  { zh: '调整申请', en: 'Re-assignment request' },
  {
    REQUESTED: { zh: '已申请', en: 'Requested', color: 'warning' },
    ACCEPTED: { zh: '已同意', en: 'Accepted', color: 'success' },
    REFUSED: { zh: '未同意', en: 'Refused', color: 'error' },
  },
);
export type ReassignmentStatus = EnumValue<typeof ReassignmentStatus>;

/** What a deadline notice says of a handling (server/jobs/deadline-scan.ts): its answer is due within 7 days, or late. */
export const DeadlineKind = defineEnum(
  'DeadlineKind',
  { zh: '期限提醒', en: 'Deadline notice kind' },
  {
    DUE_SOON: { zh: '即将到期', en: 'Due soon', color: 'warning' },
    OVERDUE: { zh: '已超期', en: 'Overdue', color: 'error' },
  },
);
export type DeadlineKind = EnumValue<typeof DeadlineKind>;

export const AnswerCategory = defineEnum(
  'AnswerCategory',
  { zh: '答复类别', en: 'Answer category' },
  {
    SOLVED: { zh: '已解决', en: 'Solved' },
    PLANNED: { zh: '列入计划', en: 'Planned' },
    EXPLAINED: { zh: '说明解释', en: 'Explained' },
  },
);
export type AnswerCategory = EnumValue<typeof AnswerCategory>;

export const Satisfaction = defineEnum(
  'Satisfaction',
  { zh: '代表满意度', en: 'Satisfaction' },
  {
    SATISFIED: { zh: '满意', en: 'Satisfied', color: 'success' },
    BASICALLY_SATISFIED: { zh: '基本满意', en: 'Basically satisfied', color: 'info' },
    DISSATISFIED: { zh: '不满意', en: 'Dissatisfied', color: 'error' },
  },
);
export type Satisfaction = EnumValue<typeof Satisfaction>;

export const SubmitterRole = defineEnum(
  'SubmitterRole',
  { zh: '提出人角色', en: 'Submitter role' },
  {
    LEAD: { zh: '领衔', en: 'Lead' },
    COSIGNER: { zh: '附议', en: 'Co-signer' },
  },
);
export type SubmitterRole = EnumValue<typeof SubmitterRole>;

export const HandlerRole = defineEnum(
  'HandlerRole',
  { zh: '承办角色', en: 'Handler role' },
  {
    LEAD: { zh: '主办', en: 'Lead handler' },
    CO_HANDLER: { zh: '协办', en: 'Co-handler' },
  },
);
export type HandlerRole = EnumValue<typeof HandlerRole>;

export const MotionStatus = defineEnum(
  'MotionStatus',
  { zh: '议案状态', en: 'Motion status' },
  {
    SUBMITTED: { zh: '提出', en: 'Submitted' },
    ACCEPTED: { zh: '立案', en: 'Accepted' },
    CONVERTED: { zh: '转为建议', en: 'Converted to a suggestion' },
    IN_PROGRESS: { zh: '办理', en: 'In progress' },
    CLOSED: { zh: '办结', en: 'Closed' },
  },
);
export type MotionStatus = EnumValue<typeof MotionStatus>;

export const ProjectStatus = defineEnum(
  'ProjectStatus',
  { zh: '项目状态', en: 'Project status' },
  {
    PROPOSED: { zh: '候选', en: 'Proposed' },
    SELECTED: { zh: '票决通过', en: 'Selected' },
    REJECTED: { zh: '未通过', en: 'Rejected' },
    IN_PROGRESS: { zh: '实施中', en: 'In progress' },
    COMPLETED: { zh: '已完成', en: 'Completed' },
  },
);
export type ProjectStatus = EnumValue<typeof ProjectStatus>;

export const PerformanceItem = defineEnum(
  'PerformanceItem',
  { zh: '履职积分项目', en: 'Performance item' },
  {
    ATTENDANCE: { zh: '出席会议', en: 'Attendance' },
    ACTIVITIES: { zh: '参加活动', en: 'Activities' },
    SUGGESTIONS: { zh: '提出建议', en: 'Suggestions' },
    MOTIONS: { zh: '提出议案', en: 'Motions' },
    RECEPTION_DAYS: { zh: '进站接待', en: 'Reception days' },
    TRAINING: { zh: '学习培训', en: 'Training' },
    INSPECTION: { zh: '视察调研', en: 'Inspection and research' },
    REPORT_TO_VOTERS: { zh: '述职评议', en: 'Report to voters' },
    GROUP_ACTIVITY: { zh: '小组活动', en: 'Group activity' },
    LIVELIHOOD: { zh: '民生实事', en: 'Livelihood projects' },
    COMMENDATION: { zh: '表彰奖励', en: 'Commendations' },
  },
);
export type PerformanceItem = EnumValue<typeof PerformanceItem>;

export const DashboardKind = defineEnum(
  'DashboardKind',
  { zh: '看板类型', en: 'Dashboard kind' },
  {
    COMPARISON: { zh: '区划对比', en: 'Region comparison' },
    CHART: { zh: '自定义图表', en: 'Custom chart' },
  },
);
export type DashboardKind = EnumValue<typeof DashboardKind>;

/** Who a user is (../shared/DOMAIN.md "Users"): what they may do and see follows from it. */
export const UserRole = defineEnum(
  'UserRole',
  { zh: '用户角色', en: 'User role' },
  {
    ADMIN: { zh: '管理员', en: 'Administrator', color: 'error' },
    CLERK: { zh: '工作人员', en: 'Clerk', color: 'primary' },
    LEADER: { zh: '领导', en: 'Leader', color: 'secondary' },
    ANALYST: { zh: '分析人员', en: 'Analyst', color: 'success' },
    HANDLER: { zh: '承办单位人员', en: 'Handling unit staff', color: 'warning' },
  },
);
export type UserRole = EnumValue<typeof UserRole>;
