/**
 * Attachments of suggestions on a real server (server/attachments/): the bytes decide what a file is (a PDF, a
 * PNG, a .docx and an .xlsx kept; an executable named letter.pdf, a plain zip, a macro workbook, an empty or an
 * oversized file refused, nothing saved), who may upload (the secretariat within its region, a unit's staff on
 * their own handling) and download (whoever reads the suggestion; anyone else as if it did not exist), every
 * download in the audit trail, and the API's lists of attachments never carrying the bytes.
 */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../schema/entities/organisation.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import type { UserRole } from '../../schema/shared/enums.js';
import { recordCreator } from '../support/samples.js';
import { startTestServer, useTestServer, type TestServer } from '../support/test-server.js';

const env = useTestServer();

/** The users: the secretariat (super, of county A, of county B), readers, and two units' staff. */
type Actor = 'superAdmin' | 'scopedAdmin' | 'clerkA' | 'clerkB' | 'leader' | 'analyst' | 'leadHandler' | 'otherHandler';
const actors: Record<Actor, { role: UserRole; region?: string }> = {
  superAdmin: { role: 'ADMIN' },
  scopedAdmin: { role: 'ADMIN', region: '990011' },
  clerkA: { role: 'CLERK', region: '990011' },
  clerkB: { role: 'CLERK', region: '990021' },
  leader: { role: 'LEADER' },
  analyst: { role: 'ANALYST' },
  // The test server's handler of a county works for its first organisation: the lead unit in A, another in B.
  leadHandler: { role: 'HANDLER', region: '990011' },
  otherHandler: { role: 'HANDLER', region: '990021' },
};
const cookies = {} as Record<Actor, string>;
/** County A's suggestion, its lead unit's handling, and its co-handler's (a unit none of the test's handlers work for). */
const ids = {} as { suggestion: string; lead: string; co: string };

// ——— files, built from their formats ———

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
const exe = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(126), Buffer.from('PE\0\0', 'latin1')]);

/** A zip of stored (uncompressed) entries, written as the format says: local headers, then the directory. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

const wordTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const docx = storedZip({
  '[Content_Types].xml': wordTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
  'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>答复函</w:t></w:r></w:p></w:body></w:document>',
});
const docm = storedZip({
  '[Content_Types].xml': wordTypes('application/vnd.ms-word.document.macroEnabled.main+xml'),
  'word/document.xml': '<w:document/>',
  'word/vbaProject.bin': 'macro',
});
const plainZip = storedZip({ 'readme.txt': '这不是文档', 'setup.exe': 'MZ' });

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('办理情况').addRow(['承办单位', '答复日期']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ——— HTTP ———

type Refusal = { errors?: { message: string; extensions: Record<string, any> }[] };

async function upload(server: TestServer, cookie: string, target: { suggestionId?: string; handlingId?: string }, fileName: string, body: Buffer, language = 'zh') {
  const query = new URLSearchParams(Object.entries(target).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(`${server.url}/attachments?${query}`, {
    method: 'POST',
    headers: { cookie, 'x-filename': encodeURIComponent(fileName), 'accept-language': language, 'content-type': 'application/octet-stream' },
    body,
  });
  return { status: response.status, body: (await response.json()) as Refusal & Record<string, any> };
}

async function download(cookie: string, id: string) {
  const response = await fetch(`${env.server.url}/attachments/${id}/content`, { headers: { cookie } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The ids of the live attachments the database holds under `column` = `id`, sorted: what a listing must show. */
async function storedIds(column: 'suggestion_id' | 'handling_id', id: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: env.database.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select id::text from attachment where ${column} = $1 and deleted_at is null`, [id]);
    // Sorted as the listing's ids are sorted here: as text.
    return rows.map((row) => row.id as string).sort();
  } finally {
    await client.end();
  }
}

async function attachmentCount(): Promise<number> {
  const client = new pg.Client({ connectionString: env.database.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select (select count(*) from attachment)::int as described, (select count(*) from attachment_content)::int as stored`);
    expect(rows[0].described).toBe(rows[0].stored);
    return rows[0].described as number;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const create = recordCreator(env.server);
  const countyA = await create(modelOf(Region), 1);
  await create(modelOf(Region), 2);
  const lead = await create(modelOf(Organisation), 1);
  await create(modelOf(Organisation), 2);
  const co = await env.server.gql(`mutation { createOrganisation(input: { name: "测试县水务局", kind: GOVERNMENT_DEPT, regionId: "${countyA}" }) { id } }`);
  const suggestion = await env.server.gql(`mutation { createSuggestion(input: { number: "附件1号", title: "关于附件测试的建议", regionId: "${countyA}", submittedOn: "2024-03-01" }) { id } }`);
  ids.suggestion = suggestion.data.createSuggestion.id;
  const handling = async (organisationId: string, role: string) =>
    (await env.server.gql(`mutation { createSuggestionHandling(input: { suggestionId: "${ids.suggestion}", organisationId: "${organisationId}", role: ${role} }) { id } }`)).data
      .createSuggestionHandling.id as string;
  ids.lead = await handling(lead, 'LEAD');
  ids.co = await handling(co.data.createOrganisation.id, 'CO_HANDLER');
  for (const [actor, { role, region }] of Object.entries(actors) as [Actor, (typeof actors)[Actor]][]) cookies[actor] = (await env.server.as(role, region ?? null)).cookie;
}, 120_000);

describe('what a file is, by its bytes', () => {
  it('keeps a PDF, a PNG, a .docx and an .xlsx with the type their content says, whatever their names', async () => {
    const files: [string, Buffer, string][] = [
      ['答复函（签章）.pdf', pdf, 'application/pdf'],
      ['现场照片.jpg', png, 'image/png'],
      ['答复函.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['办理情况表.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [name, bytes, contentType] of files) {
      const kept = await upload(env.server, cookies.clerkA, { suggestionId: ids.suggestion }, name, bytes);
      expect(kept.status, name).toBe(201);
      expect(kept.body).toMatchObject({ suggestionId: ids.suggestion, handlingId: null, fileName: name, contentType, size: bytes.length });
      expect(kept.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses an executable named letter.pdf, a zip that is no Office document, a macro document, an unknown and an empty file, saving nothing', async () => {
    const before = await attachmentCount();
    const cases: [string, Buffer, string, string][] = [
      ['letter.pdf', elf, 'FILE_TYPE_EXECUTABLE', '可执行程序'],
      ['答复函.pdf', exe, 'FILE_TYPE_EXECUTABLE', '可执行程序'],
      ['答复函.docx', plainZip, 'FILE_TYPE_NOT_OFFICE', 'Word'],
      ['答复函.docx', docm, 'FILE_TYPE_MACROS', '宏'],
      ['说明.txt', Buffer.from('纯文本', 'utf8'), 'FILE_TYPE_UNKNOWN', '只能上传'],
      ['空.pdf', Buffer.alloc(0), 'FILE_EMPTY', '空'],
    ];
    for (const [name, bytes, reason, zh] of cases) {
      const refused = await upload(env.server, cookies.clerkA, { suggestionId: ids.suggestion }, name, bytes);
      expect(refused.status, reason).toBe(400);
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field: 'file' });
      expect(refused.body.errors?.[0].message).toContain(zh);
    }
    const english = await upload(env.server, cookies.clerkA, { suggestionId: ids.suggestion }, 'letter.pdf', elf, 'en');
    expect(english.body.errors?.[0].message).toBe('This is an executable program and cannot be attached, whatever its name');
    expect(await attachmentCount()).toBe(before);
  });

  it('refuses a file over the limit before reading it, in both languages', async () => {
    const small = await startTestServer(env.database, { attachmentLimits: { maxBytes: 1024 } });
    try {
      const { cookie } = await small.as('CLERK', '990011');
      const before = await attachmentCount();
      const big = Buffer.concat([pdf, Buffer.alloc(2048, 0x20)]);
      const zh = await upload(small, cookie, { suggestionId: ids.suggestion }, '大文件.pdf', big);
      expect(zh.status).toBe(413);
      expect(zh.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' });
      expect(zh.body.errors?.[0].message).toContain('附件不能超过');
      const en = await upload(small, cookie, { suggestionId: ids.suggestion }, 'big.pdf', big, 'en');
      expect(en.body.errors?.[0].message).toContain('may not be larger than');
      expect((await upload(small, cookie, { suggestionId: ids.suggestion }, 'small.pdf', pdf)).status).toBe(201);
      // Nobody signed in is heard before the body is read: the same oversize upload without a session is a 401, not a 413.
      for (const body of [big, pdf]) {
        const stranger = await upload(small, 'crc_session=none', { suggestionId: ids.suggestion }, 'x.pdf', body);
        expect([stranger.status, stranger.body.errors?.[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
      }
      expect(await attachmentCount()).toBe(before + 1);
    } finally {
      await small.stop();
    }
  });
});

describe('who may upload and download', () => {
  /** Upload outcome (HTTP status) per user: to the suggestion, to the lead unit's handling, to the co-handler's. */
  const uploads: Record<Actor, { suggestion: number; lead: number; co: number }> = {
    superAdmin: { suggestion: 201, lead: 201, co: 201 },
    scopedAdmin: { suggestion: 201, lead: 201, co: 201 },
    clerkA: { suggestion: 201, lead: 201, co: 201 },
    clerkB: { suggestion: 404, lead: 404, co: 404 },
    leader: { suggestion: 403, lead: 403, co: 403 },
    analyst: { suggestion: 403, lead: 403, co: 403 },
    // A unit's staff attach to their own handling (the answer letter); another unit's handling is not theirs to see.
    leadHandler: { suggestion: 403, lead: 201, co: 404 },
    otherHandler: { suggestion: 404, lead: 404, co: 404 },
  };
  /** Who reads the suggestion, and so its attachments. */
  const reads: Record<Actor, boolean> = { superAdmin: true, scopedAdmin: true, clerkA: true, clerkB: false, leader: true, analyst: true, leadHandler: true, otherHandler: false };

  it.each(Object.keys(uploads) as Actor[])('%s', async (actor) => {
    const before = await attachmentCount();
    const targets = { suggestion: { suggestionId: ids.suggestion }, lead: { handlingId: ids.lead }, co: { handlingId: ids.co } };
    let kept = 0;
    for (const [name, target] of Object.entries(targets) as [keyof typeof targets, (typeof targets)[keyof typeof targets]][]) {
      const answer = await upload(env.server, cookies[actor], target, `答复函-${actor}-${name}.pdf`, pdf);
      expect(answer.status, `${actor} → ${name}`).toBe(uploads[actor][name]);
      if (answer.status === 201) {
        kept += 1;
        expect(answer.body.handlingId).toBe(name === 'suggestion' ? null : ids[name]);
      } else {
        expect(answer.body.errors?.[0].extensions.code).toBe(answer.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
      }
    }
    expect(await attachmentCount()).toBe(before + kept);

    // Downloads: one the secretariat kept on the suggestion, one the lead unit kept on its handling.
    const ofClerk = await upload(env.server, cookies.clerkA, { suggestionId: ids.suggestion }, `情况说明-${actor}.pdf`, pdf);
    const ofUnit = await upload(env.server, cookies.leadHandler, { handlingId: ids.lead }, `答复函-${actor}.png`, png);
    // Both kept: a refused download below is then about the reader, never about a file that is not there.
    expect([ofClerk.status, ofUnit.status]).toEqual([201, 201]);
    for (const id of [ofClerk.body.id as string, ofUnit.body.id as string]) {
      const got = await download(cookies[actor], id);
      expect(got.status, `${actor} downloads ${id}`).toBe(reads[actor] ? 200 : 404);
      if (reads[actor]) expect(got.bytes.equals(id === ofClerk.body.id ? pdf : png)).toBe(true);
    }
  });

  it('answers a download with the detected type, the Chinese name (RFC 5987), nosniff, and records it', async () => {
    const kept = await upload(env.server, cookies.leadHandler, { handlingId: ids.lead }, '关于"县道"改造的答复函.pdf', pdf);
    expect(kept.status).toBe(201);
    const got = await download(cookies.leader, kept.body.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    // The ASCII fallback has each Chinese character and quote replaced; filename* carries the name itself.
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="${'_'.repeat(12)}.pdf"; filename*=UTF-8''${encodeURIComponent('关于"县道"改造的答复函.pdf')}`);
    const entries = await env.server.gql(`{ auditEntries(where: { entity: "Attachment", recordId: "${kept.body.id}", operation: "DOWNLOAD" }) { nodes { actorName operation changes } } }`);
    expect(entries.errors).toBeUndefined();
    expect(entries.data.auditEntries.nodes).toEqual([
      {
        actorName: 'test_leader',
        operation: 'DOWNLOAD',
        changes: expect.objectContaining({ fileName: '关于"县道"改造的答复函.pdf', sha256: kept.body.sha256, suggestion: ids.suggestion, handling: ids.lead }),
      },
    ]);
    // Refused downloads record nothing.
    expect((await download(cookies.clerkB, kept.body.id)).status).toBe(404);
    expect((await download(cookies.clerkB, '99999999')).status).toBe(404);
    const again = await env.server.gql(`{ auditEntries(where: { entity: "Attachment", operation: "DOWNLOAD", recordId: "${kept.body.id}" }) { totalCount } }`);
    expect(again.data.auditEntries.totalCount).toBe(1);
  });
});

describe('the API describes attachments, never their bytes', () => {
  it('lists them under the suggestion and on their own, within the reader’s reach, with no field that carries a file', async () => {
    const fields = await env.server.gql(`{ __type(name: "Attachment") { fields { name type { name kind ofType { name } } } } }`);
    const names = fields.data.__type.fields.map((field: { name: string }) => field.name);
    expect(names).toEqual(expect.arrayContaining(['fileName', 'contentType', 'size', 'sha256', 'uploadedBy', 'suggestion', 'handling']));
    expect(names.filter((name: string) => /bytes|content$|data/i.test(name))).toEqual([]);
    const listed = await env.server.gql(`{ suggestion(id: "${ids.suggestion}") { attachments(limit: 100) { totalCount nodes { id fileName contentType size sha256 } } } }`);
    // Exactly the files kept for it (the earlier tests uploaded several, some under the lead's handling).
    const kept = await storedIds('suggestion_id', ids.suggestion);
    expect(kept.length).toBeGreaterThan(4);
    expect(listed.data.suggestion.attachments.nodes.map((node: { id: string }) => node.id).sort()).toEqual(kept);
    expect(listed.data.suggestion.attachments.totalCount).toBe(kept.length);
    // A handling's own files (its answer letters) are listed under it too, for its unit as for the secretariat.
    const ofHandling = `{ suggestionHandling(id: "${ids.lead}") { attachments(limit: 100) { totalCount nodes { id handling { id } } } } }`;
    const underHandling = (await env.server.gql(ofHandling)).data.suggestionHandling.attachments;
    const keptUnderHandling = await storedIds('handling_id', ids.lead);
    expect(keptUnderHandling.length).toBeGreaterThan(1);
    expect(keptUnderHandling.length).toBeLessThan(kept.length);
    expect(underHandling.nodes.map((node: { id: string }) => node.id).sort()).toEqual(keptUnderHandling);
    expect(underHandling.nodes.every((node: { handling: { id: string } }) => node.handling.id === ids.lead)).toBe(true);
    const handlers = await env.server.as('HANDLER', '990011');
    const theirs = await handlers(`{ attachments(limit: 100) { totalCount } }`);
    expect(theirs.data.attachments.totalCount).toBe(listed.data.suggestion.attachments.totalCount);
    expect((await handlers(ofHandling)).data.suggestionHandling.attachments.totalCount).toBe(underHandling.totalCount);
    const outsider = await env.server.as('HANDLER', '990021');
    expect((await outsider(`{ attachments { totalCount } }`)).data.attachments.totalCount).toBe(0);
    const clerkB = await env.server.as('CLERK', '990021');
    expect((await clerkB(`{ attachments { totalCount } }`)).data.attachments.totalCount).toBe(0);
    // No generic create or update: files come in only through /attachments.
    const mutations = await env.server.gql(`{ __schema { mutationType { fields { name } } } }`);
    expect(mutations.data.__schema.mutationType.fields.map((field: { name: string }) => field.name).filter((name: string) => /Attachment/.test(name))).toEqual([]);
  });
});
