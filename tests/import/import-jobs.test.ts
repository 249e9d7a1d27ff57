/**
 * Imports as background jobs (issue 19, "Progress"): started at once and followed by their progress, found
 * again by their user after a reload (and by no one else), one per user at a time, cancelled with nothing
 * saved, committed from a dry run without a second upload, their problems downloadable, and said to be
 * interrupted when the process running them died. Also through GraphQL.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { declaredRows } from '../../server/import/read-sheet.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

type Job = {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  read: number;
  done: number;
  total: number | null;
  report: { rows: number; created: number; refused: number; committed: boolean; batch: string | null } | null;
  error: { zh: string; en: string } | null;
  fileKept: boolean;
  source: string | null;
};

/** A roster of `count` persons of 灵台县 (names only: no ID number to collide), as CSV. */
const roster = (count: number, prefix: string) => ['姓名,登记区划', ...Array.from({ length: count }, (_, index) => `${prefix}${index},620822`)].join('\r\n');

async function start(cookie: string, body: string, query = 'mode=dry-run&async=1') {
  const response = await fetch(`${env.server.url}/import/Person?${query}`, { method: 'POST', headers: { cookie, 'x-filename': 'roster.csv' }, body });
  return { status: response.status, body: (await response.json()) as Job & { errors?: { message: string; extensions: { code: string } }[] } };
}

const get = async (cookie: string, path: string) => {
  const response = await fetch(`${env.server.url}/import/jobs${path}`, { headers: { cookie } });
  return { status: response.status, body: (await response.json()) as any };
};

/** The job once it has ended, and every state seen on the way. */
async function finished(cookie: string, id: string): Promise<{ job: Job; seen: Job[] }> {
  const seen: Job[] = [];
  for (let attempt = 0; attempt < 600; attempt++) {
    const { body } = await get(cookie, `/${id}`);
    seen.push(body);
    if (body.state !== 'running') return { job: body, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not end`);
}

const personCount = async (prefix: string) =>
  (await env.server.gql(`query ($q: String!) { persons(where: { name: { startsWith: $q } }) { totalCount } }`, { q: prefix })).data.persons.totalCount as number;

beforeAll(async () => {
  const create = async (code: string, name: string, kind: string, parentId?: string) =>
    (await env.server.gql(`mutation ($input: RegionCreateInput!) { createRegion(input: $input) { id } }`, { input: { code, name, kind, parentId } })).data.createRegion.id as string;
  const gansu = await create('620000', '甘肃省', 'PROVINCE');
  const pingliang = await create('620800', '平凉市', 'CITY', gansu);
  await create('620822', '灵台县', 'COUNTY', pingliang);
});

describe('an import as a background job', () => {
  it('answers at once with the job, whose progress counts up to the rows the file declares, then gives the report', async () => {
    const admin = await env.server.as('ADMIN');
    const started = await start(admin.cookie, roster(6000, '进度'));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', total: 6000, fileKept: true });
    const { job, seen } = await finished(admin.cookie, started.body.id);
    expect(job).toMatchObject({ state: 'done', read: 6000, done: 6000, total: 6000, error: null });
    expect(job.report).toMatchObject({ rows: 6000, created: 6000, refused: 0, committed: false });
    // Counts only go up while it runs (seen at least as started and at the first look).
    const running = [started.body, ...seen.filter((state) => state.state === 'running')];
    expect(running.length).toBeGreaterThanOrEqual(2);
    running.slice(1).forEach((state, index) => expect(state.done).toBeGreaterThanOrEqual(running[index].done));
    expect(await personCount('进度')).toBe(0);
    // The user finds it again (a reload); no one else does.
    expect((await get(admin.cookie, '?entity=Person')).body.map((item: Job) => item.id)).toContain(job.id);
    const clerk = await env.server.as('CLERK', '620822');
    expect((await get(clerk.cookie, `/${job.id}`)).status).toBe(404);
    expect((await get(clerk.cookie, '')).body.map((item: Job) => item.id)).not.toContain(job.id);
  });

  it('commits a dry run from its kept file, as one batch, and answers problems as a workbook from it', async () => {
    const admin = await env.server.as('ADMIN');
    const file = `${roster(3, '提交')}\r\n错行,找不到县`;
    const dryRun = await finished(admin.cookie, (await start(admin.cookie, file)).body.id);
    expect(dryRun.job.report).toMatchObject({ rows: 4, created: 3, refused: 1 });
    const problems = await fetch(`${env.server.url}/import/jobs/${dryRun.job.id}/problems.xlsx`, { headers: { cookie: admin.cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await problems.arrayBuffer());
    expect(workbook.worksheets[0].getRow(2).getCell(1).value).toBe('错行');
    // All or nothing refuses (a row is refused); the valid rows only go in, under the commit job's id as batch.
    const all = await fetch(`${env.server.url}/import/jobs/${dryRun.job.id}/commit?mode=all`, { method: 'POST', headers: { cookie: admin.cookie } });
    expect(await all.json()).toMatchObject({ committed: false, created: 0, refused: 1 });
    const valid = await fetch(`${env.server.url}/import/jobs/${dryRun.job.id}/commit?mode=valid-only&async=1`, { method: 'POST', headers: { cookie: admin.cookie } });
    expect(valid.status).toBe(202);
    const committed = await finished(admin.cookie, ((await valid.json()) as Job).id);
    expect(committed.job).toMatchObject({ state: 'done', source: dryRun.job.id });
    expect(committed.job.report).toMatchObject({ committed: true, created: 3, batch: committed.job.id });
    expect(await personCount('提交')).toBe(3);
    // Only a finished dry run is committed.
    const again = await fetch(`${env.server.url}/import/jobs/${committed.job.id}/commit?mode=all`, { method: 'POST', headers: { cookie: admin.cookie } });
    expect(again.status).toBe(400);
  });

  it('runs one import per user at a time, and a cancelled one saves nothing', async () => {
    const admin = await env.server.as('ADMIN');
    const first = await start(admin.cookie, roster(30000, '取消'), 'mode=valid-only&async=1');
    expect(first.status).toBe(202);
    const second = await start(admin.cookie, roster(1, '第二'));
    expect(second.status).toBe(429);
    expect(second.body.errors?.[0].message).toContain('上一个导入尚未完成');
    // Another user may start theirs (its writes wait for the first's transaction, as every write waits on the audit chain's head).
    const clerk = await env.server.as('CLERK', '620822');
    const other = await start(clerk.cookie, roster(1, '别人'));
    expect(other.status).toBe(202);
    const cancelled = await fetch(`${env.server.url}/import/jobs/${first.body.id}/cancel`, { method: 'POST', headers: { cookie: admin.cookie } });
    expect(await cancelled.json()).toMatchObject({ state: 'cancelled', error: { zh: '导入已取消，未保存任何记录' } });
    expect(await personCount('取消')).toBe(0);
    expect((await finished(clerk.cookie, other.body.id)).job.state).toBe('done');
    const after = await start(admin.cookie, roster(1, '之后'));
    expect(after.status).toBe(202);
    await finished(admin.cookie, after.body.id);
  });

  it('says a job whose server died was interrupted, and lets its user import again', async () => {
    const admin = await env.server.as('ADMIN');
    const { body } = await start(admin.cookie, roster(1, '中断'));
    await finished(admin.cookie, body.id);
    // A job row as a dead process leaves it: running, its heartbeat two minutes old.
    const owner = await env.database.superClient();
    try {
      await owner.query(`update import_job set state = 'running', report = null, updated_at = now() - interval '2 minutes' where id = $1`, [body.id]);
    } finally {
      await owner.end();
    }
    const { job } = await finished(admin.cookie, body.id);
    expect(job).toMatchObject({ state: 'failed', error: { zh: '导入因服务器故障中断，未保存任何记录；请重新导入' } });
    const again = await start(admin.cookie, roster(1, '重来'));
    expect(again.status).toBe(202);
    await finished(admin.cookie, again.body.id);
  });

  it('keeps a file a day and a job 30 days: an older dry run can no longer be committed, an older job is gone', async () => {
    const admin = await env.server.as('ADMIN');
    const old = await finished(admin.cookie, (await start(admin.cookie, roster(1, '旧文件'))).body.id);
    const older = await finished(admin.cookie, (await start(admin.cookie, roster(1, '更旧'))).body.id);
    const owner = await env.database.superClient();
    try {
      await owner.query(`update import_job set finished_at = now() - interval '2 days' where id = $1`, [old.job.id]);
      await owner.query(`update import_job set started_at = now() - interval '31 days', finished_at = now() - interval '31 days' where id = $1`, [older.job.id]);
    } finally {
      await owner.end();
    }
    // Tidied as the next job starts.
    await finished(admin.cookie, (await start(admin.cookie, roster(1, '触发'))).body.id);
    expect((await get(admin.cookie, `/${old.job.id}`)).body).toMatchObject({ state: 'done', fileKept: false });
    const commit = await fetch(`${env.server.url}/import/jobs/${old.job.id}/commit?mode=all`, { method: 'POST', headers: { cookie: admin.cookie } });
    expect(commit.status).toBe(400);
    expect(((await commit.json()) as { errors: { message: string }[] }).errors[0].message).toContain('不再保留');
    expect((await get(admin.cookie, `/${older.job.id}`)).status).toBe(404);
  });

  it('is followed and committed through GraphQL as well', async () => {
    const admin = await env.server.as('ADMIN');
    const content = Buffer.from(roster(2, '图谱')).toString('base64');
    const started = await admin(`mutation ($content: String!) { startImport(entity: "Person", filename: "roster.csv", content: $content, mode: DRY_RUN) { id state total } }`, { content });
    expect(started.errors).toBeUndefined();
    const id = started.data.startImport.id as string;
    let job: any;
    for (let attempt = 0; attempt < 200; attempt++) {
      job = (await admin(`query ($id: ID!) { importJob(id: $id) { state report { rows created refused committed issues { row column message } } } }`, { id })).data.importJob;
      if (job.state !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ state: 'DONE', report: { rows: 2, created: 2, refused: 0, committed: false, issues: [] } });
    const committed = await admin(`mutation ($id: ID!) { commitImport(job: $id, mode: ALL) { id source } }`, { id });
    expect(committed.data.commitImport.source).toBe(id);
    await finished(admin.cookie, committed.data.commitImport.id);
    expect(await personCount('图谱')).toBe(2);
    expect((await admin(`{ importJobs(entity: "Person") { id } }`)).data.importJobs.map((item: { id: string }) => item.id)).toContain(committed.data.commitImport.id);
  });
});

describe('the rows a file declares', () => {
  it('are read from an xlsx worksheet’s dimension and from a CSV’s lines, and unknown otherwise', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    sheet.addRow(['姓名']);
    for (let index = 0; index < 1234; index++) sheet.addRow([`人${index}`]);
    expect(declaredRows(Buffer.from(await workbook.xlsx.writeBuffer()))).toBe(1234);
    expect(declaredRows(Buffer.from('姓名\r\n甲\r\n乙\r\n'))).toBe(2);
    expect(declaredRows(Buffer.from('姓名\n甲\n乙'))).toBe(2);
    expect(declaredRows(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBeNull();
  });
});
