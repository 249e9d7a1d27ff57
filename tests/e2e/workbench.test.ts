/**
 * 查询工作台 in Chromium, as an analyst: GraphiQL renders with nothing fetched from anywhere but the
 * server (Monaco's workers included), the signed-in user and the read-only note show, a typed query's
 * cost shows before it runs (red over the limit), it runs, is saved under a name and reopened after a
 * reload by its link and from the list, its every row downloads as CSV (byte-order mark, Chinese
 * headers) and JSON, a refused export says why, a mutation comes back FORBIDDEN, all of it in English
 * once switched; the saved query's link is copied, it is renamed, shared and deleted. At 1440×900 the
 * editor has most of the width, GraphiQL's own words are Chinese, and a result shows as a table with the
 * model's labels (男/女, 县级), as the CSV export writes them.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
let analyst: Session;
/** Every URL the analyst's browser asked for. */
const requested: string[] = [];

const countiesQuery = `query Counties {
  regions(where: { kind: { eq: COUNTY } }, orderBy: [{ field: code }], limit: 50) {
    totalCount
    nodes { code name population }
  }
}`;

/** What an analyst may not do. */
const forbidden = 'mutation { createRegion(input: { code: "919999", name: "不该新建", kind: COUNTY }) { id } }';

/** The page's address parameter (the console routes in the hash). */
const param = (name: string) => new URL(analyst.page.url().replace('#/', '')).searchParams.get(name);

/** Text without its blanks: Monaco renders each line apart, indents and wraps them. */
const compact = (text: string) => text.replace(/\s+/g, '');
/** What one of GraphiQL's Monaco editors shows (the lines it rendered), without blanks. */
const editorText = async (pane: string) => compact((await analyst.page.locator(`${pane} .view-lines`).first().textContent()) ?? '');
const queryText = () => editorText('.graphiql-query-editor');
const responseText = () => editorText('.graphiql-response');

/** Replaces the operation editor's text by pasting (typing would meet Monaco's auto-closed brackets and suggestions). */
async function setQuery(text: string) {
  const { page } = analyst;
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await page.locator('.graphiql-query-editor .monaco-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await expect.poll(() => queryText()).toBe(compact(text));
  // Its cost estimated: GraphiQL too has read the new text (its operation name) by then.
  await expect.poll(() => page.getByTestId('query-cost').getAttribute('data-state')).not.toBe('pending');
}

async function run() {
  await analyst.page.locator('.graphiql-execute-button').click();
}

/** The saved query of that name in the panel. */
const savedItem = (name: string) => analyst.page.locator(`[data-testid="saved-query"][data-name="${name}"]`);

/** Opens the saved queries in GraphiQL's sidebar, unless they show already (the workbench opens with no panel). */
async function showSavedQueries() {
  const { page } = analyst;
  if ((await page.getByTestId('saved-queries').count()) === 0) await page.getByRole('button', { name: '显示保存的查询' }).click();
  await expect.poll(() => page.locator('[data-testid="saved-query"][data-kind="example"]').count()).toBe(12);
}

async function openWorkbench() {
  const { page } = analyst;
  await expect.poll(() => page.locator('.graphiql-query-editor .monaco-editor').count(), { timeout: 30_000 }).toBe(1);
  await showSavedQueries();
}

/** The rendered width of what a selector finds first, in CSS pixels. */
const widthOf = async (selector: string) => (await analyst.page.locator(selector).first().boundingBox())?.width ?? 0;

/** Deputies with codes the console labels: a deputy level, a person's gender, a region's level. */
const deputiesQuery = `query DeputiesWithLabels {
  deputies(limit: 10) {
    totalCount
    nodes { level person { name gender } region { name level } }
  }
}`;

beforeAll(async () => {
  app = await startConsole();
  analyst = await app.openSession('ANALYST');
  await analyst.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
  analyst.page.on('request', (request) => requested.push(request.url()));
});

afterAll(async () => {
  await app?.stop();
});

describe('the workbench', () => {
  it('renders GraphiQL with the schema’s documentation, the user and the read-only note, fetching nothing from elsewhere', async () => {
    const { page } = analyst;
    await page.goto('/admin/');
    await page.getByTestId('menu-workbench').click();
    await openWorkbench();
    expect(await page.getByTestId('workbench-user').innerText()).toBe('当前用户：test_analyst（分析人员）');
    expect(await page.getByTestId('read-only-note').innerText()).toContain('分析人员只能读取数据');
    // The documentation comes from introspection: the schema's own (Chinese) descriptions.
    await page.getByRole('button', { name: '显示文档' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').getByText('行政区划 / Region: 列表 / a page of records').count()).toBeGreaterThan(0);
    await analyst.shot('70-workbench-docs');
    // The explorer (graphiql-explorer, written for React 16) renders under React 18 with the schema's fields.
    await page.getByRole('button', { name: '显示查询构建器' }).click();
    await expect.poll(() => page.locator('.graphiql-explorer-root .graphiql-explorer-regions').count()).toBe(1);
    await page.locator('.graphiql-explorer-root .graphiql-explorer-regions').getByText('regions', { exact: true }).click();
    await expect.poll(() => queryText()).toContain('regions');
    await analyst.shot('70b-workbench-explorer');
    // Back to the saved queries, the panel the workbench opens on.
    await page.getByRole('button', { name: '显示保存的查询' }).click();
    await expect.poll(() => page.getByTestId('saved-queries').count()).toBe(1);
    // Monaco's workers came from the server too (built by Vite), not from a CDN.
    expect(requested.some((url) => /worker/.test(url))).toBe(true);
    expect(requested.filter((url) => !url.startsWith(`${app.server.url}/`))).toEqual([]);
  });

  it('gives the editor most of the width at 1440×900, the result the rest, and stays usable at 1280', async () => {
    const { page } = analyst;
    await page.setViewportSize({ width: 1440, height: 900 });
    // The saved queries panel is closed by default (a reload restores what the user left open).
    await page.getByRole('button', { name: '隐藏保存的查询' }).click();
    await expect.poll(() => page.getByTestId('saved-queries').count()).toBe(0);
    await expect.poll(() => widthOf('.graphiql-query-editor .monaco-editor')).toBeGreaterThanOrEqual(550);
    expect(await widthOf('.graphiql-response')).toBeGreaterThanOrEqual(350);
    await analyst.shot('workbench-layout-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => widthOf('.graphiql-query-editor .monaco-editor')).toBeGreaterThanOrEqual(450);
    expect(await widthOf('.graphiql-response')).toBeGreaterThanOrEqual(300);
    await page.setViewportSize({ width: 1440, height: 900 });
    await showSavedQueries();
  });

  it('shows GraphiQL’s own words in Chinese', async () => {
    const { page } = analyst;
    // A new tab holds no operation: GraphiQL titles it "<untitled>".
    await page.getByRole('button', { name: '新建标签页' }).click();
    await expect.poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').innerText()).toBe('未命名');
    const shown = await page.locator('.graphiql-container').innerText();
    for (const english of ['<untitled>', 'Variables', 'Headers', 'Execute query', 'Documentation Explorer']) expect(shown).not.toContain(english);
    expect(await page.locator('.graphiql-editor-tools').innerText()).toContain('变量');
    expect(await page.locator('.graphiql-execute-button').getAttribute('aria-label')).toMatch(/^运行查询（.+）$/);
    const labelled = await page.locator('.graphiql-container [aria-label]').all();
    const labels = await Promise.all(labelled.map(async (element) => (await element.getAttribute('aria-label')) ?? ''));
    expect(labels).toEqual(expect.arrayContaining(['显示文档', '显示历史记录', '快捷键', '设置', '新建标签页']));
    expect(labels.filter((label) => /^(Show|Hide|Open|Execute|Prettify|Merge|Copy|Re-fetch|New tab)\b/.test(label))).toEqual([]);
    // A tooltip (a portal outside GraphiQL's root) and a dialog, too.
    await page.locator('.graphiql-execute-button').hover();
    await expect.poll(() => page.locator('.graphiql-tooltip').first().innerText()).toMatch(/^运行查询（.+）$/);
    await page.getByRole('button', { name: '快捷键' }).click();
    await expect.poll(() => page.locator('.graphiql-dialog-title').first().innerText()).toBe('快捷键');
    expect(await page.locator('.graphiql-dialog').innerText()).toContain('格式化编辑器');
    await page.keyboard.press('Escape');
    await page.locator('.graphiql-tab-active').getByRole('button', { name: '关闭标签页' }).click();
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(1);
  });

  it('shows a result as a table, codes as the console’s labels, beside the JSON', async () => {
    const { page } = analyst;
    await setQuery(deputiesQuery);
    await run();
    await expect.poll(() => page.getByTestId('result-view').getAttribute('data-view')).toBe('table');
    const headers = await page.locator('[data-testid="result-table"] thead th').allInnerTexts();
    expect(headers).toEqual(['#', '代表层级', '人员·姓名', '人员·性别', '选举单位·名称', '选举单位·层级']);
    const cells = async (column: number) => page.locator(`[data-testid="result-table"] tbody tr td:nth-child(${column + 1})`).allInnerTexts();
    await expect.poll(async () => (await cells(1)).length).toBe(6);
    expect(new Set(await cells(1))).toEqual(new Set(['县人大代表']));
    expect(new Set(await cells(3))).toEqual(new Set(['男', '女']));
    expect(new Set(await cells(5))).toEqual(new Set(['县级']));
    expect(await page.getByTestId('result-note').innerText()).toBe('6 行');
    await analyst.shot('workbench-table');
    // The JSON stays GraphiQL's, with the codes the API gives.
    await page.getByTestId('result-view-json').click();
    await expect.poll(() => page.locator('[data-testid="result-table"]').count()).toBe(0);
    expect(await responseText()).toContain(compact('"gender": "MALE"'));
    await page.getByTestId('result-view-table').click();
    await expect.poll(() => page.locator('[data-testid="result-table"]').count()).toBe(1);
  });

  it('exports the columns and the enum labels the table shows, not the codes', async () => {
    const { page } = analyst;
    const headers = (await page.locator('[data-testid="result-table"] thead th').allInnerTexts()).slice(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const lines = fs
      .readFileSync(await (await download).path(), 'utf8')
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe('代表层级,人员·姓名,人员·性别,选举单位·名称,选举单位·层级');
    expect(lines[0]).toBe(headers.join(','));
    expect(lines.slice(1, -1)).toHaveLength(6);
    expect(new Set(lines.slice(1, -1).map((line) => line.split(',')[2]))).toEqual(new Set(['男', '女']));
    expect(lines.slice(1, -1).every((line) => line.startsWith('县人大代表,') && line.endsWith(',县级'))).toBe(true);
  });

  it('shows a query’s cost before it runs, in red above the limit', async () => {
    const { page } = analyst;
    await setQuery(`{ regions(limit: 1000) { nodes { deputies(limit: 1000) { nodes { id } } } } }`);
    await expect.poll(() => page.getByTestId('query-cost').getAttribute('data-state')).toBe('over');
    expect(await page.getByTestId('query-cost').innerText()).toMatch(/^代价 1,00\d,\d{3} \/ 上限 100,000$/);
    await analyst.shot('71-workbench-cost-over');
    await setQuery(countiesQuery);
    await expect.poll(() => page.getByTestId('query-cost').getAttribute('data-state')).toBe('known');
    expect(await page.getByTestId('query-cost').innerText()).toMatch(/^代价 \d{3} \/ 上限 100,000$/);
  });

  it('runs the query and shows the result', async () => {
    await run();
    await expect.poll(() => responseText()).toContain(compact('"totalCount": 30'));
    expect(await responseText()).toContain(compact('"name": "测试县01"'));
    await analyst.shot('72-workbench-result');
  });

  it('saves the query under a name, and opens it again after a reload, by its link and from the list', async () => {
    const { page } = analyst;
    await page.getByTestId('save-query').click();
    await page.getByTestId('saved-query-name').locator('input').fill('各县人口');
    await page.getByTestId('saved-query-description').locator('textarea').first().fill('测试县的代码、名称和人口');
    await page.getByTestId('saved-query-submit').click();
    await expect.poll(() => savedItem('各县人口').getAttribute('data-kind')).toBe('mine');
    await expect.poll(() => param('query')).toMatch(/^\d+$/);
    const id = param('query')!;
    await analyst.shot('73-workbench-saved');

    // The link opens it in a browser that has never seen it (a new context: no tabs, no history).
    const other = await app.openSession('ANALYST');
    await other.page.goto(`/admin/#/workbench?query=${id}`);
    await expect
      .poll(
        () =>
          other.page
            .locator('.graphiql-query-editor .view-lines')
            .first()
            .textContent()
            .then((text) => compact(text ?? '')),
        { timeout: 30_000 },
      )
      .toContain('queryCounties');
    await other.context.close();

    // After a reload, an example replaces it in the editor; a click on it in the list brings it back.
    await page.reload();
    await openWorkbench();
    await savedItem('代表建议办理状态').getByTestId('saved-query-open').click();
    await expect.poll(() => queryText()).not.toContain('queryCounties');
    await savedItem('各县人口').getByTestId('saved-query-open').click();
    await expect.poll(() => queryText()).toContain('queryCounties');
    await expect.poll(() => param('query')).toBe(id);
    // Only one's own queries can be renamed or deleted; an example has its link and nothing else.
    await savedItem('代表建议办理状态').getByTestId('saved-query-menu').click();
    const actions = async () => Promise.all((await page.locator('[role="menu"] [data-testid^="saved-query-"]').all()).map((item) => item.getAttribute('data-testid')));
    expect(await actions()).toEqual(['saved-query-link']);
    await page.keyboard.press('Escape');
    await savedItem('各县人口').getByTestId('saved-query-menu').click();
    expect(await actions()).toEqual(['saved-query-link', 'saved-query-edit', 'saved-query-delete']);
    await analyst.shot('74-workbench-own-menu');
    await page.keyboard.press('Escape');
  });

  it('downloads every row as CSV with a byte-order mark and Chinese headers, named after the saved query', async () => {
    const { page } = analyst;
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    expect((await download).suggestedFilename()).toBe('各县人口.csv');
    const bytes = fs.readFileSync(await (await download).path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('区划代码,名称,人口');
    expect(lines[1]).toMatch(/^910101,测试县01,\d+$/);
    // Every row, not the query's page: 30 counties, a header and the final line break.
    expect(lines).toHaveLength(32);
    const json = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    expect((await json).suggestedFilename()).toBe('各县人口.json');
    const rows = JSON.parse(fs.readFileSync(await (await json).path(), 'utf8')) as { code: string; name: string }[];
    expect(rows).toHaveLength(30);
    expect(rows[0]).toMatchObject({ code: '910101', name: '测试县01' });
  });

  it('says why an export is refused', async () => {
    const { page } = analyst;
    await setQuery('{ regions { totalCount } }');
    await page.getByTestId('export-csv').click();
    await expect.poll(() => page.getByText('没有导出：导出的列表须选择 nodes').count()).toBe(1);
    await analyst.shot('75-workbench-export-refused');
  });

  it('shows the server’s FORBIDDEN for an analyst’s mutation', async () => {
    await setQuery(forbidden);
    await run();
    await expect.poll(() => responseText()).toContain('您的角色（分析人员）不能新建行政区划');
    expect(await responseText()).toContain(compact('"code": "FORBIDDEN"'));
    await analyst.shot('76-workbench-forbidden');
  });

  it('speaks English once switched, and so does the server through GraphiQL', async () => {
    const { page } = analyst;
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('save-query').innerText()).toBe('SAVE QUERY');
    await expect.poll(() => page.getByTestId('query-cost').innerText()).toMatch(/^Cost \d+ \/ limit 100,000$/);
    expect(await page.getByTestId('workbench-user').innerText()).toBe('Signed in as test_analyst (Analyst)');
    await setQuery(forbidden);
    await run();
    await expect.poll(() => responseText()).toContain(compact('Your role (Analyst) may not create region records'));
    // GraphiQL's own words are its English again.
    expect(await page.locator('.graphiql-execute-button').getAttribute('aria-label')).toMatch(/^Execute query \(.+\)$/);
    expect(await page.locator('.graphiql-editor-tools').innerText()).toContain('Variables');
    expect(await page.getByTestId('result-view-json').innerText()).toBe('JSON');
    expect(await page.getByTestId('result-view-table').innerText()).toBe('TABLE');
    await analyst.shot('77-workbench-english');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await expect.poll(() => page.getByTestId('save-query').innerText()).toBe('保存查询');
    await expect.poll(() => page.locator('.graphiql-execute-button').getAttribute('aria-label')).toMatch(/^运行查询（.+）$/);
  });

  it('copies a saved query’s link, renames and shares it, then deletes it', async () => {
    const { page } = analyst;
    // A switch of language retitles GraphiQL's panels, and GraphiQL closes the open one.
    await showSavedQueries();
    const id = param('query');
    await savedItem('各县人口').getByTestId('saved-query-menu').click();
    await page.getByTestId('saved-query-link').click();
    await expect.poll(() => page.getByText(`链接已复制：${app.server.url}/admin/#/workbench?query=${id}`).count()).toBe(1);
    await savedItem('各县人口').getByTestId('saved-query-menu').click();
    await page.getByTestId('saved-query-edit').click();
    await expect.poll(() => page.getByTestId('saved-query-name').locator('input').inputValue()).toBe('各县人口');
    await page.getByTestId('saved-query-name').locator('input').fill('各县人口（共享）');
    await page.getByTestId('saved-query-shared').click();
    await page.getByTestId('saved-query-submit').click();
    await expect.poll(() => savedItem('各县人口（共享）').getByText('共享', { exact: true }).count()).toBe(1);
    await analyst.shot('78-workbench-renamed');
    await savedItem('各县人口（共享）').getByTestId('saved-query-menu').click();
    await page.getByTestId('saved-query-delete').click();
    await page.getByRole('button', { name: '确认' }).click();
    await expect.poll(() => savedItem('各县人口（共享）').count()).toBe(0);
    expect(await page.locator('[data-testid="saved-query"][data-kind="mine"]').count()).toBe(0);
  });

  it('fetched nothing but from the server, and logged no errors', () => {
    expect(requested.filter((url) => !url.startsWith(`${app.server.url}/`))).toEqual([]);
    // Chromium logs every 400 answer; here they are the refusals the tests asked for (a query over the cost
    // limit, an export of no list).
    expect(analyst.errors.filter((error) => !error.includes('status of 400 (Bad Request)'))).toEqual([]);
  });
});
