/**
 * Invented place names below the township (villages, communities) and the phrases titles are made of.
 * Villages and communities are generated, plausible and never presented as real: they are not regions,
 * only the text of a station's village field and of addresses.
 */
import type { SuggestionCategory } from '../../schema/shared/enums.js';
import type { Random } from '../random.js';

const villageHeads =
  '王家 李家 张家 刘家 陈家 杨家 赵家 马家 何家 高家 罗家 郭家 梁家 宋家 新 大 小 东 西 南 北 上 下 中 前 后 红 青 白 石 柳 杏 梨 枣 桃 高 平 安 永 丰 兴 和 富 胜 太 长 双 三 五 九'.split(' ');
const villageTails = '庄 湾 坪 沟 塬 川 堡 河 洼 岔 峪 屯 营 寨 集 店 铺 岭 台 坡 咀 峁 岘 渠 桥'.split(' ');
const communityHeads = '建设 幸福 和平 团结 胜利 东风 光明 文化 民主 友谊 滨河 康乐 阳光 锦绣 金城 华林 兴隆 新华 长青 翠苑 枫林 龙泉 春晖 南苑 北苑 东方 瑞丰 安居 育才 振兴'.split(' ');

/** `count` distinct village names (王家沟村, 新庄村 …), none of them in `taken`. */
export function villageNames(random: Random, count: number, taken: Set<string> = new Set()): string[] {
  return distinct(count, taken, () => `${random.pick(villageHeads)}${random.pick(villageTails)}村`);
}

/** `count` distinct community names (幸福社区, 建设路社区 …). */
export function communityNames(random: Random, count: number, taken: Set<string> = new Set()): string[] {
  return distinct(count, taken, () => `${random.pick(communityHeads)}${random.chance(0.3) ? '路' : ''}社区`);
}

function distinct(count: number, taken: Set<string>, make: () => string): string[] {
  const names: string[] = [];
  for (let attempt = 0; names.length < count; attempt++) {
    let name = make();
    if (attempt > 2000) name = `${name.slice(0, -1)}${names.length + 1}${name.slice(-1)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    names.push(name);
  }
  return names;
}

/** Fills `{county}`, `{township}`, `{village}` … in a template. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** Suggestion titles by category; `{county}` is the short county name, `{township}` and `{village}` a place in it. */
export const suggestionTitles: Record<SuggestionCategory, string[]> = {
  ECONOMY: ['关于优化{county}营商环境的建议', '关于支持{township}中小微企业纾困发展的建议', '关于加快{county}工业园区基础设施建设的建议', '关于发展{township}农村电商的建议'],
  AGRICULTURE: [
    '关于推进{township}高标准农田建设的建议',
    '关于扶持{county}特色产业提质增效的建议',
    '关于加强{township}{village}农田水利设施维护的建议',
    '关于巩固拓展脱贫攻坚成果同乡村振兴有效衔接的建议',
    '关于发展{township}村集体经济的建议',
  ],
  EDUCATION: ['关于改善{township}中心小学办学条件的建议', '关于解决{county}城区学位紧张问题的建议', '关于加强乡村教师队伍建设的建议', '关于规范校外培训机构管理的建议'],
  HEALTH: ['关于提升{township}卫生院服务能力的建议', '关于加强村卫生室建设的建议', '关于完善{county}医共体建设的建议', '关于加强基层医疗人才引进的建议'],
  TRANSPORT: ['关于硬化{township}{village}通村道路的建议', '关于增开{county}城乡公交线路的建议', '关于改善{township}集镇交通秩序的建议', '关于维修{village}危桥的建议'],
  ENVIRONMENT: ['关于加强{township}农村人居环境整治的建议', '关于治理{county}城区扬尘污染的建议', '关于加快农村生活污水处理设施建设的建议', '关于加强河道生态保护的建议'],
  URBAN: ['关于加快{county}老旧小区改造的建议', '关于增设{county}城区停车位的建议', '关于完善{township}集镇排水设施的建议', '关于加强物业服务管理的建议'],
  SOCIAL: ['关于完善农村养老服务体系的建议', '关于提高{county}城乡低保标准的建议', '关于加强农民工工资支付保障的建议', '关于建设{township}日间照料中心的建议'],
  CULTURE: ['关于保护{county}传统村落的建议', '关于建设{township}综合文化站的建议', '关于发展{county}乡村旅游的建议', '关于加强非物质文化遗产保护的建议'],
  LAW: ['关于加强{township}矛盾纠纷多元化解的建议', '关于开展农村法治宣传教育的建议', '关于加强食品安全监管的建议', '关于规范行政执法行为的建议'],
  OTHER: ['关于加强{county}政务服务便民化的建议', '关于解决{village}群众反映问题的建议', '关于改进基层减负工作的建议'],
};

/** Livelihood projects put to the deputies' vote (民生实事项目). */
export const livelihoodTitles = [
  '城区老旧小区改造工程',
  '农村饮水安全巩固提升工程',
  '农村公路“畅返不畅”整治工程',
  '中小学校舍改造提升项目',
  '县医院急诊急救能力提升项目',
  '城乡公厕新建改造项目',
  '村级养老服务站建设项目',
  '农村户用卫生厕所改造项目',
  '城区背街小巷改造项目',
  '乡镇卫生院标准化建设项目',
  '农产品冷链仓储设施建设项目',
  '城区停车场建设项目',
  '农村危房改造项目',
  '城乡居民健康体检项目',
  '全民健身场地设施建设项目',
  '普惠性幼儿园建设项目',
  '城区供热管网改造项目',
  '农村生活垃圾收运体系建设项目',
  '残疾人康复服务项目',
  '职业技能培训惠民项目',
];
