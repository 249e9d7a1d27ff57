/**
 * Importing a spreadsheet through POST /import/<Entity> (issue 19): a dry run first (every error of every row,
 * nothing saved), then all or nothing, or the valid rows only; values as people type them, references by
 * code, name or full name within the user's reach, columns matched by label or corrected by the user; the
 * same rules as the API, row by row, for each role.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { idNumberCheckCharacter } from '../../schema/shared/validators.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

type Report = {
  batch: string | null;
  rows: number;
  created: number;
  refused: number;
  committed: boolean;
  unmatched: string[];
  mapping: { header: string; field: string | null }[];
  issues: { row: number | null; column: string | null; zh: string; en: string }[];
};

async function importFile(
  body: Buffer | string,
  options: { entity?: string; mode?: string; who?: 'ADMIN' | 'CLERK' | 'LEADER'; region?: string; filename?: string; mapping?: Record<string, string> } = {},
) {
  const user = await env.server.as(options.who ?? 'ADMIN', options.region ?? null);
  const headers: Record<string, string> = { cookie: user.cookie, 'x-filename': encodeURIComponent(options.filename ?? 'persons.csv') };
  if (options.mapping) headers['x-import-mapping'] = encodeURIComponent(JSON.stringify(options.mapping));
  const response = await fetch(`${env.server.url}/import/${options.entity ?? 'Person'}?mode=${options.mode ?? 'dry-run'}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Report & { errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

const personCount = async (where = {}) => (await env.server.gql(`query ($where: PersonFilter) { persons(where: $where) { totalCount } }`, { where })).data.persons.totalCount as number;

let lingtai: string;
beforeAll(async () => {
  const gql = env.server.gql;
  const create = async (code: string, name: string, kind: string, parentId?: string) =>
    (await gql(`mutation ($input: RegionCreateInput!) { createRegion(input: $input) { id } }`, { input: { code, name, kind, parentId } })).data.createRegion.id as string;
  const gansu = await create('620000', '甘肃省', 'PROVINCE');
  const pingliang = await create('620800', '平凉市', 'CITY', gansu);
  lingtai = await create('620822', '灵台县', 'COUNTY', pingliang);
  const lanzhou = await create('620100', '兰州市', 'CITY', gansu);
  await create('620102', '城关区', 'DISTRICT', lanzhou);
  const tianshui = await create('620500', '天水市', 'CITY', gansu);
  await create('620502', '秦州区', 'DISTRICT', tianshui);
  // A second 城关区 (Lhasa's), so the name alone is ambiguous.
  const tibet = await create('540000', '西藏自治区', 'PROVINCE');
  const lhasa = await create('540100', '拉萨市', 'CITY', tibet);
  await create('540102', '城关区', 'DISTRICT', lhasa);
});

const roster = [
  '姓名,性别,出生日期,公民身份号码,手机号码,登记区划,学历',
  '王秀兰,,,11010519491231002X,13800138000,620822,大学本科',
  '李明,男,1985/6/15,,１３９００１３９０００,甘肃省平凉市灵台县,',
  '张强,男,1990年1月2日,,,平凉市灵台县,',
  '赵六,男,1990-13-40,1101051949123100XX,,城关区,博士后',
  '钱七,,,,,找不到县,',
].join('\r\n');

describe('importing persons', () => {
  it('dry-runs: every error of every row, by row and column, and nothing saved', async () => {
    const before = await personCount();
    const { status, body } = await importFile(roster);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 5, created: 3, refused: 2, committed: false, unmatched: [] });
    expect(body.mapping.map((item) => item.field)).toEqual(['name', 'gender', 'birthDate', 'idNumber', 'mobile', 'regionId', 'education']);
    const of = (row: number) =>
      body.issues
        .filter((issue) => issue.row === row)
        .map((issue) => issue.column)
        .sort();
    // 赵六 (row 5): an impossible date, a malformed ID number, an ambiguous 城关区, an unknown 学历 — all four at once.
    expect(of(5)).toEqual(['公民身份号码', '出生日期', '学历', '登记区划'].sort());
    expect(body.issues.find((issue) => issue.row === 5 && issue.column === '登记区划')?.zh).toMatch(/对应 2 条行政区划记录/);
    expect(of(6)).toEqual(['登记区划']);
    for (const issue of body.issues) expect(issue.en).toMatch(/[A-Za-z]/);
    expect(await personCount()).toBe(before);
  });

  it('gives the refused rows as a workbook to correct, each offending cell marked, which imports once corrected', async () => {
    const admin = await env.server.as('ADMIN');
    const response = await fetch(`${env.server.url}/import/Person?mode=dry-run&report=xlsx`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-filename': encodeURIComponent('persons.csv') },
      body: roster,
    });
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('人员导入问题.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...roster.split('\r\n')[0].split(','), '问题']);
    // Only the refused rows (赵六, 钱七), as typed; the offending cells filled, their problems as notes.
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe('赵六');
    expect(sheet.getRow(3).getCell(1).value).toBe('钱七');
    const marked = (row: number) => [1, 2, 3, 4, 5, 6, 7].filter((column) => (sheet.getRow(row).getCell(column).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb === 'FFFFC7CE');
    expect(marked(2)).toEqual([3, 4, 6, 7]);
    expect(marked(3)).toEqual([6]);
    expect(String(sheet.getRow(3).getCell(6).note)).toContain('找不到行政区划“找不到县”');
    expect(String(sheet.getRow(2).getCell(8).value)).toContain('；');
    // Corrected and sent back as it is: the 问题 column is left out without asking, and the rows go in.
    sheet.getRow(2).values = ['赵六', '男', '1990-12-30', '', '', '620822', '博士研究生'];
    sheet.getRow(3).getCell(6).value = '灵台县';
    const again = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), { filename: '人员导入问题.xlsx' });
    expect(again.body).toMatchObject({ rows: 2, created: 2, refused: 0, unmatched: [] });
  });

  it('saves nothing all-or-nothing while a row is refused, and the valid rows when asked', async () => {
    const before = await personCount();
    const all = await importFile(roster, { mode: 'all' });
    expect(all.body).toMatchObject({ committed: false, created: 0, refused: 2 });
    expect(await personCount()).toBe(before);
    const valid = await importFile(roster, { mode: 'valid-only' });
    expect(valid.body).toMatchObject({ committed: true, created: 3, refused: 2 });
    expect(await personCount()).toBe(before + 3);
    // As typed: full-width digits, 1985/6/15, a full region name.
    const li = (await env.server.gql(`{ persons(where: { name: { eq: "李明" } }) { nodes { mobile birthDate region { code } } } }`)).data.persons.nodes[0];
    expect(li).toEqual({ mobile: '13900139000', birthDate: '1985-06-15', region: { code: '620822' } });
    // The second time, the ID number is taken: that row is refused as a duplicate, as a single create would be.
    const again = await importFile(roster);
    expect(again.body.issues.filter((issue) => issue.row === 2).map((issue) => issue.column)).toEqual(['公民身份号码']);
  });

  it('lets the user correct the column mapping, and says what it cannot match or what is missing', async () => {
    const text = '名字,区划\r\n孙八,620822\r\n';
    const guessed = await importFile(text);
    expect(guessed.body.unmatched).toEqual(['名字', '区划']);
    expect(guessed.body.issues[0].zh).toBe('缺少必填列：姓名');
    const corrected = await importFile(text, { mapping: { 名字: 'name', 区划: 'regionId' } });
    expect(corrected.body).toMatchObject({ created: 1, refused: 0, unmatched: [] });
  });

  it('reads xlsx: date cells, numbers in text columns, and refuses a formula cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    sheet.addRow(['姓名*', '出生日期', '登记区划', '工作单位及职务']);
    sheet.addRow(['周九', new Date(Date.UTC(1970, 4, 1)), 620822, '县政府']);
    sheet.addRow(['吴十', new Date(Date.UTC(1971, 0, 1)), 620822, { formula: 'CONCAT("县","委")', result: '县委' }]);
    const { body } = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), { filename: 'persons.xlsx' });
    expect(body).toMatchObject({ rows: 2, created: 1, refused: 1 });
    expect(body.issues).toEqual([expect.objectContaining({ row: 3, column: '工作单位及职务', zh: expect.stringContaining('公式') })]);
  });
});

describe('the template', () => {
  it('downloads in the request language, for those who may create the records, and imports once filled', async () => {
    const admin = await env.server.as('ADMIN');
    const template = async (language: string, cookie = admin.cookie) => fetch(`${env.server.url}/import/Organisation/template`, { headers: { cookie, 'accept-language': language } });
    const chinese = await template('zh-CN');
    expect(chinese.status).toBe(200);
    expect(chinese.headers.get('content-disposition')).toContain(encodeURIComponent('单位导入模板.xlsx'));
    const buffer = await chinese.arrayBuffer();
    const bytes = Buffer.from(buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '单位名称*', '单位类型*', '所属区划*', '成立日期']);
    // Sent back untouched: the example row is not taken for a record.
    const untouched = await importFile(bytes, { entity: 'Organisation', filename: '单位.xlsx' });
    expect(untouched.body).toMatchObject({ rows: 0, created: 0, exampleSkipped: true });
    // Filled in: the example row replaced by a real one, the enum from its drop-down list, the region by name (no establishment date: optional).
    sheet.getRow(2).values = ['灵台县人民政府', sheet.getRow(2).getCell(2).value, '灵台县'];
    const { body } = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), { entity: 'Organisation', filename: '单位.xlsx', mode: 'all' });
    expect(body).toMatchObject({ rows: 1, created: 1, refused: 0, committed: true });
    const english = await template('en');
    expect(english.headers.get('content-disposition')).toContain(encodeURIComponent('Organisation import template.xlsx'));
    const leader = await env.server.as('LEADER');
    expect((await template('zh-CN', leader.cookie)).status).toBe(403);
    // A person's example row agrees with itself (the ID number's birth date and gender): renamed, it passes.
    const person = new ExcelJS.Workbook();
    await person.xlsx.load(await (await fetch(`${env.server.url}/import/Person/template`, { headers: { cookie: admin.cookie } })).arrayBuffer());
    person.worksheets[0].getRow(2).getCell(1).value = '样例人员';
    const checked = await importFile(Buffer.from(await person.xlsx.writeBuffer()), { filename: '人员.xlsx' });
    expect(checked.body.issues).toEqual([]);
    expect(checked.body).toMatchObject({ rows: 1, created: 1 });
  });
});

describe('large files', () => {
  it('write in chunks, and a chunk with a refused row still takes its other rows, naming the refused one', async () => {
    const lines = ['姓名,公民身份号码,登记区划'];
    for (let index = 0; index < 1_200; index++) lines.push(`批量${index},,620822`);
    // Row 702 (index 700) is refused while reading; row 1,002 (index 1,000) only when written: the same ID number as row 1,003.
    lines[701] = '批量700,,不存在县';
    const shared = `62082219800101001${idNumberCheckCharacter('62082219800101001')}`;
    lines[1001] = `批量1000,${shared},620822`;
    lines[1002] = `批量1001,${shared},620822`;
    const before = await personCount({ name: { startsWith: '批量' } });
    const analysed = async () => {
      const client = await env.database.superClient();
      try {
        return (await client.query(`select last_analyze from pg_stat_user_tables where relname = 'person'`)).rows[0]?.last_analyze as Date | null;
      } finally {
        await client.end();
      }
    };
    const analysedBefore = await analysed();
    const { body } = await importFile(lines.join('\r\n'), { mode: 'valid-only' });
    expect(body).toMatchObject({ rows: 1_200, created: 1_198, refused: 2, committed: true });
    expect(body.issues.map((issue) => [issue.row, issue.column])).toEqual([
      [702, '登记区划'],
      [1003, '公民身份号码'],
    ]);
    expect(await personCount({ name: { startsWith: '批量' } })).toBe(before + 1_198);
    // Its statistics refreshed at once, so the reads right after are planned for the table's new size.
    expect((await analysed())?.getTime() ?? 0).toBeGreaterThan(analysedBefore?.getTime() ?? 0);
  });

  it('lets the application role analyse a table of records, and nothing else', async () => {
    const client = new pg.Client({ connectionString: env.database.appUrl });
    await client.connect();
    try {
      await client.query(`select crc_analyze('person')`);
      await expect(client.query(`select crc_analyze('audit_entry')`)).rejects.toMatchObject({ code: 'CA005' });
    } finally {
      await client.end();
    }
  });
});

describe('updating by natural key', () => {
  it('sorts a chunk of persons by ID number: unchanged rows left unwritten, changed ones updated, new ones created together, refusals named', async () => {
    const id = (birth: string, sequence: number) => {
      const first17 = `620822${birth}${String(sequence).padStart(3, '0')}`;
      return first17 + idNumberCheckCharacter(first17);
    };
    const people = Array.from({ length: 6 }, (_, index) => ({ name: `按号${index}`, idNumber: id(`1980010${index + 1}`, 101 + index * 2) }));
    const header = '姓名,公民身份号码,登记区划,工作单位及职务';
    const first = [header, ...people.map((person) => `${person.name},${person.idNumber},620822,县委`)].join('\r\n');
    expect((await importFile(first, { mode: 'all' })).body).toMatchObject({ created: 6, refused: 0 });
    const fresh = id('19900101', 201);
    const next = [
      header,
      ...people.slice(0, 4).map((person) => `${person.name},${person.idNumber},620822,县委`), // as they are
      `${people[4].name},${people[4].idNumber},620822,县政府`, // a new workplace
      `${people[5].name},${people[5].idNumber},620822,${'很长'.repeat(200)}`, // too long: refused, named
      `新人,${fresh},620822,县委`,
      `新人更名,${fresh},620822,县委`, // the same new ID number again, later in the file: it updates the record the row above created
    ].join('\r\n');
    const admin = await env.server.as('ADMIN');
    const send = async (mode: string) => {
      const response = await fetch(`${env.server.url}/import/Person?mode=${mode}&upsert=1`, { method: 'POST', headers: { cookie: admin.cookie, 'x-filename': 'persons.csv' }, body: next });
      return (await response.json()) as Report & { updated: number; unchanged: number };
    };
    const dry = await send('dry-run');
    expect(dry).toMatchObject({ rows: 8, created: 1, updated: 2, unchanged: 4, refused: 1, committed: false });
    expect(dry.issues.map((issue) => [issue.row, issue.column])).toEqual([[7, '工作单位及职务']]);
    const done = await send('valid-only');
    expect(done).toMatchObject({ created: 1, updated: 2, unchanged: 4, refused: 1, committed: true });
    const persons = (await env.server.gql(`{ persons(where: { name: { startsWith: "按号" } }, orderBy: [{ field: name }]) { nodes { name workplace version } } }`)).data.persons.nodes;
    expect(persons.map((person: { version: number }) => person.version)).toEqual([1, 1, 1, 1, 2, 1]);
    expect(persons[4].workplace).toBe('县政府');
    expect((await env.server.gql(`{ persons(where: { name: { startsWith: "新人" } }) { nodes { name } } }`)).data.persons.nodes).toEqual([{ name: '新人更名' }]);
  });

  it('updates the record a row names by its natural key when asked, leaves one as it was alone, and creates the new', async () => {
    const first = ['区划代码,名称,类型,上级区划,人口', '620821,泾川县,县,620800,280000', '620823,崇信县,县,620800,'].join('\r\n');
    expect((await importFile(first, { entity: 'Region', mode: 'all' })).body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    // Without upsert, the same codes are duplicates, refused as a single create would refuse them.
    const again = await importFile(first, { entity: 'Region' });
    expect(again.body).toMatchObject({ created: 0, refused: 2 });
    expect(again.body.issues.map((issue) => issue.column)).toEqual(['区划代码', '区划代码']);
    const next = ['区划代码,名称,类型,上级区划,人口', '620821,泾川县,县,620800,281000', '620823,崇信县,县,平凉市,', '620824,华亭市,县级市,620800,'].join('\r\n');
    const upsert = async (mode: string) => {
      const admin = await env.server.as('ADMIN');
      const response = await fetch(`${env.server.url}/import/Region?mode=${mode}&upsert=1`, { method: 'POST', headers: { cookie: admin.cookie, 'x-filename': 'regions.csv' }, body: next });
      return (await response.json()) as Report & { updated: number; unchanged: number };
    };
    expect(await upsert('dry-run')).toMatchObject({ created: 1, updated: 1, unchanged: 1, refused: 0, committed: false });
    const done = await upsert('all');
    expect(done).toMatchObject({ created: 1, updated: 1, unchanged: 1, committed: true });
    const regions = (await env.server.gql(`{ regions(where: { code: { in: ["620821", "620823", "620824"] } }, orderBy: [{ field: code }]) { nodes { code population version } } }`)).data.regions.nodes;
    // The updated one took a new version; the unchanged one was not written at all.
    expect(regions).toEqual([
      { code: '620821', population: 281000, version: 2 },
      { code: '620823', population: null, version: 1 },
      { code: '620824', population: null, version: 1 },
    ]);
    const history = await env.server.gql(`{ auditEntries(where: { entity: "Region", operation: "UPDATE" }, limit: 50) { nodes { requestId changes } } }`);
    expect(history.data.auditEntries.nodes.filter((entry: { requestId: string }) => entry.requestId === done.batch).map((entry: { changes: unknown }) => entry.changes)).toEqual([
      { population: { before: 280000, after: 281000 } },
    ]);
  });
});

describe('the trail of an import', () => {
  it('records each row as IMPORT under one batch, which an administrator undoes (itself audited) and a clerk may not', async () => {
    const text = '姓名,登记区划\r\n批次甲,620822\r\n批次乙,620822\r\n';
    const { body } = await importFile(text, { mode: 'all' });
    expect(body).toMatchObject({ created: 2, committed: true, batch: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const entries = await env.server.gql(`{ auditEntries(where: { operation: "IMPORT" }, limit: 100) { nodes { requestId entity changes } } }`);
    const ours = entries.data.auditEntries.nodes.filter((entry: { requestId: string }) => entry.requestId === body.batch);
    expect(ours.map((entry: { entity: string; changes: { name: { after: string } } }) => [entry.entity, entry.changes.name.after]).sort()).toEqual([
      ['Person', '批次乙'],
      ['Person', '批次甲'],
    ]);
    // A dry run leaves no trail and no batch.
    expect((await importFile(text)).body.batch).toBeNull();
    const undo = `mutation ($batch: String!) { undoImport(batch: $batch, reason: "导错了文件") }`;
    const clerk = await env.server.as('CLERK', '620822');
    expect((await clerk(undo, { batch: body.batch })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await personCount({ name: { startsWith: '批次' } })).toBe(2);
    const undone = await env.server.gql(undo, { batch: body.batch });
    expect(undone.data.undoImport).toBe(2);
    expect(await personCount({ name: { startsWith: '批次' } })).toBe(0);
    const deletes = await env.server.gql(`{ auditEntries(where: { operation: "DELETE", entity: "Person" }, limit: 100) { nodes { changes } } }`);
    expect(deletes.data.auditEntries.nodes.filter((entry: { changes: { deletedReason?: { after: string } } }) => entry.changes.deletedReason?.after === '导错了文件')).toHaveLength(2);
    expect((await env.server.gql(undo, { batch: '00000000-0000-0000-0000-000000000000' })).errors?.[0].extensions.field).toBe('batch');
  });
});

describe('who imports what', () => {
  it('bounds a clerk to their county row by row, as a single create is', async () => {
    const text = '姓名,登记区划\r\n本县人,620822\r\n外县人,620502\r\n';
    const { body } = await importFile(text, { who: 'CLERK', region: '620822', mode: 'valid-only' });
    expect(body).toMatchObject({ created: 1, refused: 1, committed: true });
    // Regions are read by everyone; writing a person into another county is refused as a single create is.
    expect(body.issues).toEqual([expect.objectContaining({ row: 3, column: '登记区划', zh: '只能修改本区划（灵台县）的人员记录' })]);
    expect(await personCount({ name: { eq: '外县人' } })).toBe(0);
    expect(await personCount({ name: { eq: '本县人' }, region: { id: { eq: lingtai } } })).toBe(1);
  });

  it('refuses readers, unknown entities, modes and empty bodies clearly', async () => {
    const leader = await importFile('姓名\r\n某人\r\n', { who: 'LEADER' });
    expect(leader.status).toBe(403);
    const unknown = await importFile('x', { entity: 'Nothing' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].message).toContain('Nothing');
    const mode = await importFile('姓名\r\n某人\r\n', { mode: 'sometimes' });
    expect(mode.body.errors?.[0].extensions.field, JSON.stringify(mode.body)).toBe('mode');
    const empty = await importFile('');
    expect(empty.body.errors?.[0].message).toBe('没有收到文件');
  });
});
