/**
 * Rows for the tests of the text search `q` (tests/api/search-*.test.ts), written behind the API's back in a
 * few statements: persons, a deputy seat for most of them and suggestions, from one seeded stream. Names are
 * Chinese (a surname and one or two given characters) or, for a share of the rows, drawn from a small
 * alphabet of what a substring search can get wrong — Latin letters in both cases (ä and Ä too), `%`, `_`,
 * a backslash, a space — so that random queries often match. Some rows are soft-deleted, some texts null.
 */
import type pg from 'pg';
import { Random } from '../../seeds/random.js';
import { actAsTest } from './test-cluster.js';

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const givenNames = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建国峰文辉力鹏飞斌宇浩凯健俊帆帅旭宁博波丹琳雪梅晶燕云莉欣怡佳悦婷璐瑶晨阳志海林松涛鑫'];
const places = ['城关镇', '朝那镇', '西屯镇', '上良镇', '百里镇', '蒲窝镇', '什字镇', '中台镇', '邵寨镇', '独店镇', '星火乡', '龙门乡'];
const posts = ['农民', '中学教师', '村党支部书记', '卫生院医生', '家庭农场主', '人大主席', '合作社理事长', '企业职工'];
const topics = ['农村公路提质改造', '村卫生室建设', '农民工工资支付', '乡村学校师资', '饮水安全工程', '农产品冷链物流', '养老服务设施', '河道综合治理', '电商服务站点', '高标准农田建设'];
/** What a substring search can get wrong: case (ASCII and not), LIKE's wildcards and escape, spaces, CJK. */
const trickyAlphabet = [...'aAbBäÄ%_\\ 丁波王'];

/** Rare texts planted in a few rows each, so that a search for them is selective at any size. */
export const planted = { one: '翀', two: '翚翯', three: '龘靐齉', latin: 'Zyxwv' } as const;
const plantedRows = 5;

export type SearchData = { persons: number; deputies: number; suggestions: number };

export function trickyText(random: Random, min: number, max: number): string {
  return Array.from({ length: random.int(min, max) }, () => random.pick(trickyAlphabet)).join('');
}

function personName(random: Random, tricky: number): string {
  if (random.chance(tricky)) return trickyText(random, 1, 6);
  return random.pick(surnames) + Array.from({ length: random.int(1, 2) }, () => random.pick(givenNames)).join('');
}

/** `persons` persons (a deputy seat for four in five), `suggestions` suggestions; `tricky`: the share of names from the small alphabet. */
export async function seedSearchData(client: pg.Client, options: { persons: number; suggestions: number; tricky: number; seed: string }): Promise<SearchData> {
  const random = new Random(options.seed);
  await actAsTest(client);
  const {
    rows: [region],
  } = await client.query(`insert into region (code, name, kind, level) values ('990101', '检索县', 'COUNTY', 'COUNTY') returning id`);
  const names: string[] = [];
  const workplaces: (string | null)[] = [];
  for (let index = 0; index < options.persons; index++) {
    const name = personName(random, options.tricky);
    // The planted texts sit at the end of a name or a workplace of a few rows, in mixed case for the Latin one.
    const plant = Object.values(planted)[Math.floor(index / plantedRows)];
    names.push(plant && index % 2 === 0 ? `${name.slice(0, 1)}${plant.toUpperCase()}` : name);
    const workplace = random.chance(0.2) ? null : random.chance(options.tricky) ? trickyText(random, 0, 8) : `${random.pick(places)}${random.pick(posts)}`;
    workplaces.push(plant && index % 2 === 1 ? `${random.pick(places)}${plant}` : workplace);
  }
  const persons = await client.query(
    `insert into person (name, workplace, region_id, deleted_at)
     select name, workplace, $3, case when deleted then now() end from unnest($1::text[], $2::text[], $4::boolean[]) as rows(name, workplace, deleted)
     returning id`,
    [names, workplaces, region.id, names.map(() => random.chance(0.1))],
  );
  const seats = persons.rows.filter(() => random.chance(0.8));
  const districts = seats.map((_, index) => (random.chance(0.2) ? null : random.chance(options.tricky) ? trickyText(random, 1, 5) : `${random.pick(places)}第${(index % 9) + 1}选区`));
  // One seat whose district holds a planted text, so that a deputy can be found by its own column too.
  if (districts.length) districts[districts.length - 1] = `${places[0]}${planted.two}选区`;
  await client.query(
    `insert into deputy (person_id, level, term_number, region_id, elected_on, electoral_district, deleted_at)
     select person_id, 'COUNTY', 18, $3, date '2021-10-15', district, case when deleted then now() end
     from unnest($1::bigint[], $2::text[], $4::boolean[]) as rows(person_id, district, deleted)`,
    [seats.map((seat) => seat.id), districts, region.id, seats.map(() => random.chance(0.05))],
  );
  const titles = Array.from({ length: options.suggestions }, (_, index) => {
    const plant = Object.values(planted)[Math.floor(index / plantedRows)];
    return `关于${plant ?? ''}${random.chance(options.tricky) ? trickyText(random, 1, 6) : random.pick(topics)}的建议`;
  });
  await client.query(
    `insert into suggestion (number, title, region_id, submitted_on, deleted_at)
     select '第' || ordinality || '号', title, $2, date '2024-01-01' + (ordinality % 300)::int, case when ordinality % 17 = 0 then now() end
     from unnest($1::text[]) with ordinality as rows(title, ordinality)`,
    [titles, region.id],
  );
  await client.query('analyze person, deputy, suggestion');
  return { persons: names.length, deputies: seats.length, suggestions: titles.length };
}
