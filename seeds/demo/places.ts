/**
 * The real places of the demo data set (DOMAIN.md "Real places and figures"): provinces, prefecture-level
 * cities and county-level units with their GB/T 2260 codes, and their township-level units.
 *
 * Township codes are NOT the official statistical codes: they are the county's code followed by three
 * digits given in list order (streets 001…, towns 100…, townships 200…), so they look and nest like real
 * ones without claiming to be. Township names: 灵台县 (中台镇、西屯镇 confirmed by DOMAIN.md) and 吉县 are
 * known lists; the others are public names as remembered, not checked against the current official list
 * (mergers and renamings happen every year), so treat them as plausible, never as authoritative.
 * Populations are rounded approximations of the 2020 census, good enough for per-capita metrics. Congress
 * term numbers are plausible, not checked, except 汇川区's 5th congress (DOMAIN.md).
 */
import type { RegionKind } from '../../schema/shared/enums.js';

export type Place = { code: string; name: string; kind: RegionKind; population: number; congressTerm: number };

export type CountyPlace = Place & {
  city: string;
  /** Latitude and longitude of the county seat, for station coordinates. */
  center: [number, number];
  /** Township-level units in code order, separated by spaces; the suffix gives the kind (街道 / 镇 / 乡). */
  townships: string;
  /** Whether the township list is known to be accurate (see the file comment). */
  namesChecked: boolean;
};

export const provinces: Place[] = [
  { code: '620000', name: '甘肃省', kind: 'PROVINCE', population: 25_020_000, congressTerm: 14 },
  { code: '520000', name: '贵州省', kind: 'PROVINCE', population: 38_560_000, congressTerm: 14 },
  { code: '410000', name: '河南省', kind: 'PROVINCE', population: 99_370_000, congressTerm: 14 },
  { code: '140000', name: '山西省', kind: 'PROVINCE', population: 34_920_000, congressTerm: 14 },
];

export const cities: (Place & { province: string })[] = [
  { code: '620100', name: '兰州市', kind: 'CITY', population: 4_359_000, congressTerm: 17, province: '620000' },
  { code: '620800', name: '平凉市', kind: 'CITY', population: 1_848_000, congressTerm: 5, province: '620000' },
  { code: '520300', name: '遵义市', kind: 'CITY', population: 6_606_000, congressTerm: 5, province: '520000' },
  { code: '411300', name: '南阳市', kind: 'CITY', population: 9_713_000, congressTerm: 8, province: '410000' },
  { code: '141000', name: '临汾市', kind: 'CITY', population: 3_976_000, congressTerm: 5, province: '140000' },
];

const county = (
  code: string,
  name: string,
  kind: RegionKind,
  population: number,
  congressTerm: number,
  center: [number, number],
  townships: string,
  namesChecked = false,
): CountyPlace => ({ code, name, kind, population, congressTerm, city: `${code.slice(0, 4)}00`, center, townships, namesChecked });

export const counties: CountyPlace[] = [
  // 平凉市
  county('620802', '崆峒区', 'DISTRICT', 516_000, 5, [35.543, 106.675],
    '东关街道 中街街道 西郊街道 崆峒镇 白水镇 草峰镇 安国镇 柳湖镇 四十里铺镇 花所镇 索罗乡 香莲乡 西阳回族乡 大寨回族乡 上杨回族乡 麻武乡 峡门回族乡 寨河回族乡'),
  county('620821', '泾川县', 'COUNTY', 277_000, 18, [35.332, 107.367],
    '城关镇 玉都镇 高平镇 荔堡镇 王村镇 窑店镇 飞云镇 丰台镇 党原镇 汭丰镇 罗汉洞乡 泾明乡 红河乡 太平乡'),
  county('620822', '灵台县', 'COUNTY', 180_000, 18, [35.066, 107.617],
    '中台镇 邵寨镇 独店镇 什字镇 朝那镇 西屯镇 上良镇 百里镇 蒲窝镇 新开乡 梁原乡 龙门乡 星火乡', true),
  county('620823', '崇信县', 'COUNTY', 95_000, 18, [35.302, 107.036], '锦屏镇 新窑镇 柏树镇 黄寨镇 黄花乡 木林乡'),
  county('620825', '庄浪县', 'COUNTY', 330_000, 18, [35.203, 106.036],
    '水洛镇 南湖镇 朱店镇 万泉镇 韩店镇 阳川镇 卧龙镇 大庄镇 通化镇 岳堡镇 盘安镇 郑河乡 赵墩乡 永宁乡 良邑乡 杨河乡 南坪乡 柳梁乡'),
  county('620826', '静宁县', 'COUNTY', 400_000, 18, [35.522, 105.733],
    '城关镇 威戎镇 界石铺镇 八里镇 李店镇 古城镇 仁大镇 甘沟镇 红寺镇 细巷镇 双岘镇 治平镇 雷大镇 四河镇 原安镇 曹务镇 司桥乡 余湾乡 贾河乡 深沟乡 新店乡 三合乡 灵芝乡'),
  county('620881', '华亭市', 'COUNTY_CITY', 185_000, 18, [35.218, 106.653],
    '东华镇 安口镇 西华镇 马峡镇 策底镇 上关镇 河西镇 砚峡乡 神峪回族乡 山寨回族乡'),
  // 兰州市
  county('620102', '城关区', 'DISTRICT', 1_402_000, 18, [36.057, 103.841],
    '酒泉路街道 张掖路街道 雁南街道 临夏路街道 雁北街道 五泉街道 白银路街道 皋兰路街道 广武门街道 伏龙坪街道 靖远路街道 草场街街道 火车站街道 拱星墩街道 东岗街道 团结新村街道 东岗西路街道 铁路东村街道 铁路西村街道 渭源路街道 盐场路街道 嘉峪关路街道 焦家湾街道 青白石街道'),
  county('620103', '七里河区', 'DISTRICT', 631_000, 18, [36.066, 103.786],
    '西园街道 西湖街道 建兰路街道 敦煌路街道 西站街道 晏家坪街道 龚家湾街道 土门墩街道 秀川街道 阿干镇 八里镇 彭家坪镇 西果园镇 魏岭乡 黄峪乡'),
  county('620104', '西固区', 'DISTRICT', 391_000, 18, [36.088, 103.628],
    '陈坪街道 先锋路街道 福利路街道 西固城街道 四季青街道 临洮街街道 西柳沟街道 新城镇 东川镇 河口镇 达川镇 柳泉镇 金沟乡'),
  county('620105', '安宁区', 'DISTRICT', 385_000, 18, [36.104, 103.719],
    '培黎街道 西路街道 沙井驿街道 十里店街道 孔家崖街道 银滩路街道 刘家堡街道 安宁堡街道'),
  county('620111', '红古区', 'DISTRICT', 152_000, 18, [36.345, 102.859], '窑街街道 下窑街道 矿区街道 华龙街道 海石湾镇 花庄镇 平安镇 红古镇'),
  county('620121', '永登县', 'COUNTY', 364_000, 18, [36.736, 103.261],
    '城关镇 红城镇 中堡镇 武胜驿镇 河桥镇 连城镇 苦水镇 大同镇 龙泉寺镇 树屏镇 上川镇 柳树镇 坪城乡 民乐乡 通远乡 七山乡'),
  county('620122', '皋兰县', 'COUNTY', 141_000, 18, [36.332, 103.947], '石洞镇 忠和镇 什川镇 九合镇 水阜镇 黑石镇 西岔镇'),
  county('620123', '榆中县', 'COUNTY', 440_000, 18, [35.844, 104.114],
    '城关镇 夏官营镇 高崖镇 金崖镇 和平镇 甘草店镇 青城镇 定远镇 连搭镇 新营镇 贡井镇 马坡乡 小康营乡 龙泉乡 韦营乡 中连川乡 清水驿乡 园子岔乡 上花岔乡 哈岘乡'),
  // 遵义市、南阳市、临汾市
  county('520303', '汇川区', 'DISTRICT', 705_000, 5, [27.750, 106.934],
    '高桥街道 大连路街道 上海路街道 洗马路街道 董公寺街道 高坪街道 泗渡镇 沙湾镇 山盆镇 芝麻镇 松林镇 毛石镇 团泽镇 板桥镇'),
  county('411324', '镇平县', 'COUNTY', 858_000, 17, [33.034, 112.234],
    '涅阳街道 雪枫街道 玉都街道 石佛寺镇 晁陂镇 贾宋镇 侯集镇 老庄镇 卢医镇 遮山镇 高丘镇 曲屯镇 枣园镇 杨营镇 安字营镇 张林镇 柳泉铺镇 彭营镇 二龙乡 王岗乡 马庄乡 郭庄回族乡'),
  county('141028', '吉县', 'COUNTY', 94_000, 17, [36.098, 110.682], '吉昌镇 屯里镇 壶口镇 车城乡 文城乡 东城乡 柏山寺乡 中垛乡', true),
];

export type TownshipPlace = { code: string; name: string; kind: 'STREET' | 'TOWN' | 'TOWNSHIP' };

/** A county's township-level units with their codes: streets 001…, towns 100…, townships 200…. */
export function townshipsOf(place: CountyPlace): TownshipPlace[] {
  const next = { STREET: 1, TOWN: 100, TOWNSHIP: 200 };
  return place.townships.split(' ').map((name) => {
    const kind = name.endsWith('街道') ? 'STREET' : name.endsWith('镇') ? 'TOWN' : 'TOWNSHIP';
    const code = `${place.code}${String(next[kind]++).padStart(3, '0')}`;
    return { code, name, kind };
  });
}
