/**
 * Invented Chinese names for the synthetic country: places (two characters and the suffix of their kind),
 * villages and communities, and the fixed vocabularies generators choose from (fields, topics, places).
 * Every name is made up; none is meant to be a real place, and codes beginning with 9 mark them anyway.
 */
import type { Random } from '../random.js';

const placeFirst = '安宝长成崇大德东丰凤福富高广海和河红华怀嘉建金靖静开康兰乐黎临灵隆龙鹿洛眉明宁平启青清庆瑞三沙山上尚石寿双顺太泰桃天通万文武西喜仙祥新兴秀阳永玉元云泽长昭正中忠竹';
const placeSecond = '安宝昌城川春道定丰峰谷关海和河湖华化江阶康岭林隆陵宁平坪桥泉仁沙山善盛水顺台潭田亭溪霞乡祥阳原源岳云泽州庄';

/** Two invented characters: 安川, 泰和, 灵阳 … */
export function placeName(random: Random): string {
  return placeFirst[Math.floor(random.next() * placeFirst.length)] + placeSecond[Math.floor(random.next() * placeSecond.length)];
}

const villageSuffixes = ['村', '村', '村', '社区'];
/** A village or community: 白草坡村, 新华社区 … */
export function villageName(random: Random): string {
  return placeName(random) + villageSuffixes[Math.floor(random.next() * villageSuffixes.length)];
}

/** Fields of county-level professional groups (灵台县: 红牛产业、苹果产业 …; 兰州: 法制、财政经济 …). */
export const professionalFields = ['红牛产业', '苹果产业', '蔬菜产业', '教育文化', '医疗卫生', '法制', '财政经济', '农业农村', '生态环保', '城乡建设', '乡村振兴', '民营经济'];
/** Functions of township-level functional groups (灵台县各乡镇). */
export const functionalFields = ['苹果', '养牛', '蔬菜', '劳务', '卫生健康服务', '矛盾纠纷化解', '人居环境整治', '食品安全'];

/** Occupation sectors of deputies. */
export const sectors = ['农业', '制造业', '建筑业', '批发零售', '交通运输', '教育', '卫生', '金融', '信息技术', '党政机关', '社会组织', '个体经营'];
/** Expertise tags, joined with 、 on a deputy. */
export const expertiseTags = ['农业技术', '乡村治理', '法律', '财务会计', '教育', '医疗', '工程建设', '生态环保', '电子商务', '养殖', '种植', '企业管理', '社会工作', '文化旅游'];

/** Workplaces and posts by the deputy's composition category, `{}` replaced by a place name. */
export const workplacesByComposition: Record<string, readonly string[]> = {
  WORKER: ['{}建材有限公司职工', '{}供电所电工', '{}食品厂车间主任', '{}运输公司驾驶员'],
  FARMER: ['{}种植专业合作社理事长', '{}养殖场场长', '{}农民', '{}家庭农场主'],
  PROFESSIONAL: ['{}中学教师', '{}卫生院医生', '{}农技站农艺师', '{}律师事务所律师'],
  OFFICIAL: ['{}党委书记', '{}党委副书记', '{}党支部书记', '{}人大主席'],
  MILITARY: ['{}人民武装部部长'],
  OTHER: ['{}个体工商户', '{}社区工作者', '{}商会会长'],
};

/** Suggestion titles by category: 关于…的建议. */
export const suggestionTopics: Record<string, readonly string[]> = {
  ECONOMY: ['优化营商环境', '扶持中小微企业发展', '加快县域工业园区建设', '发展电子商务'],
  AGRICULTURE: ['加强高标准农田建设', '扶持苹果产业发展', '推进肉牛养殖产业化', '完善农村供水设施'],
  EDUCATION: ['改善农村学校办学条件', '加强乡村教师队伍建设', '增加城区学位供给', '规范校外培训'],
  HEALTH: ['提升乡镇卫生院服务能力', '推进家庭医生签约服务', '加强村卫生室建设', '完善医保报销流程'],
  TRANSPORT: ['加快农村公路提质改造', '增开城乡公交线路', '整治道路交通安全隐患', '完善停车设施'],
  ENVIRONMENT: ['加强河道综合治理', '推进农村垃圾分类', '治理农业面源污染', '加强大气污染防治'],
  URBAN: ['推进老旧小区改造', '加强城市管网建设', '规范物业管理', '改善农村人居环境'],
  SOCIAL: ['完善养老服务体系', '加强困难群众救助', '扩大就业岗位', '保障农民工工资支付'],
  CULTURE: ['保护传统村落', '发展乡村旅游', '建设农家书屋', '丰富群众文化生活'],
  LAW: ['加强基层法律服务', '推进矛盾纠纷多元化解', '加强未成年人保护', '开展普法宣传'],
  OTHER: ['加强基层人大工作', '改进政务服务', '完善代表履职保障', '加强基层组织建设'],
};

/** Livelihood projects put to the deputies' vote (代表票决制). */
export const livelihoodTitles = [
  '城区供水管网改造',
  '农村公路提质',
  '老旧小区改造',
  '乡镇卫生院扩建',
  '公办幼儿园新建',
  '农村饮水安全巩固',
  '城乡公交一体化',
  '养老服务中心建设',
  '河道综合整治',
  '农贸市场改造',
  '学校食堂改造',
  '文化广场建设',
];

/** Training venues. */
export const trainingPlaces = ['县委党校', '县人大常委会机关会议室', '市人大代表培训基地', '县融媒体中心报告厅', '镇便民服务中心会议室'];
