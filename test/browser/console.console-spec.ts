import type { BrowserContext, Page } from 'playwright-core';
import { BrowserHarness } from './harness';
import { axe, readXlsx, shot, signInByKeyboard } from './console-checks';

/**
 * The staff console against the real API on the MariaDB and Redis that scripts/test.mjs hands over (DATABASE_URL,
 * REDIS_URL, QUEUE_PREFIX), without the demo: an admin set up by the environment creates the staff users.
 */
const h = new BrowserHarness();
const ADMIN = { username: 'console-admin', password: 'console-admin-pass' };
const PASSWORD = 'console-test-pass';
const OCCUPATION = { code: '9-99-99-01', name: '测试工种' };
const LEVEL = '4';
const USERS = {
  author: { roles: ['author'], displayName: '命题甲' },
  author2: { roles: ['author'], displayName: '命题乙' },
  reviewer: { roles: ['reviewer'], displayName: '审题丙' },
  dual: { roles: ['author', 'reviewer'], displayName: '命审丁' },
  centre: { roles: ['centre'], displayName: '中心' },
} as const;

type Api = Awaited<ReturnType<BrowserHarness['staff']>>;
let admin: Api;
const cspViolations: string[] = [];

beforeAll(async () => {
  await h.start(
    {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'jd-console',
      DEMO: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RETENTION_PURGE_EVERY_MINUTES: '0',
      // The database server is shared with other test runs: a few connections are plenty for one browser.
      DB_POOL_SIZE: '4',
    },
    'console',
  );
  admin = await h.staff(ADMIN.username, ADMIN.password);
  for (const [username, u] of Object.entries(USERS))
    expect((await admin.post('/users', { username, password: PASSWORD, ...u })).status).toBe(201);
  const centre = await h.staff('centre', PASSWORD);
  const inst = await centre.post('/institutions', {
    code: 'T-001',
    name: '测试评价机构',
    type: 'training',
    scope: [{ occupation: OCCUPATION.code, levels: [LEVEL] }],
  });
  expect(inst.status).toBe(201);
  expect(
    (
      await admin.post('/users', {
        username: 'institution',
        password: PASSWORD,
        roles: ['institution'],
        institutionId: inst.body.id,
      })
    ).status,
  ).toBe(201);
  // "Met" within reach of a test: three approved items and a two-item paper.
  expect(
    (
      await admin.post('/policies', {
        id: 'console-test',
        name: '测试政策',
        source: 'test',
        theoryMinItems: 3,
        practical: null,
        retentionYears: 5,
      })
    ).status,
  ).toBe(201);
}, 120_000);
afterAll(() => h.stop());

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await h.newPage({ width: 1440, height: 900 });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { context, page };
}

const signIn = (page: Page, username: string, password = PASSWORD) =>
  signInByKeyboard(page, h.baseUrl, username, password);

/** Picks an option of an antd Select by its visible text. */
async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

const HEADER = '题型,鉴定点,题干,选项A,选项B,选项C,选项D,答案,难度,解析';
const row = (n: number, kp = 'A-001', answer = 'A') =>
  `单选,${kp},测试题干第${n}题：安全电压的上限是多少？,36 V,24 V,12 V,220 V,${answer},3,解析${n}`;
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

describe('staff console', () => {
  let approvedItemId = '';

  it('an author creates an occupation and a knowledge map, with the validation message on the node', async () => {
    const { context, page } = await open();
    await page.goto(`${h.baseUrl}/console/`);
    await page.getByTestId('signin-username').waitFor();
    await shot(page, 'sign-in');
    await signIn(page, 'author');
    await page.getByTestId('nav-banks').click();
    await page.getByTestId('new-occupation').click();
    await page.getByTestId('occupation-code').fill(OCCUPATION.code);
    await page.getByTestId('occupation-name').fill(OCCUPATION.name);
    await page.getByTestId('occupation-save').click();
    await page.getByTestId('new-bank').click();
    await choose(page, 'bank-occupation', OCCUPATION.code);
    await choose(page, 'bank-level', '四级');
    await page.getByTestId('bank-open').click();

    await page.getByTestId('map-name-A').fill('基础知识');
    await page.getByTestId('map-name-A-001').fill('安全电压');
    await page.getByTestId('map-add-point-A').click();
    await page.getByTestId('map-name-A-002').fill('触电急救');
    // Left without importance: the lib's message must appear on that node.
    await page.getByTestId('map-importance-A-002').hover();
    await page.locator('[data-testid="map-importance-A-002"] .ant-select-clear').click();
    await page.getByTestId('map-save').click();
    await expect(page.getByTestId('map-issue-A-002').textContent()).resolves.toContain('X, Y or Z');
    await choose(page, 'map-importance-A-002', 'Y 一般');
    await page.getByTestId('map-save').click();
    await page.getByText('当前版本 1').waitFor();
    await shot(page, 'knowledge-map');
    await context.close();

    const author = await h.staff('author', PASSWORD);
    expect(
      (
        await author.put(`/banks/${OCCUPATION.code}/${LEVEL}/settings`, {
          policyId: 'console-test',
          template: { durationMinutes: 30, sections: [{ type: 'single', count: 2, pointsEach: 50 }] },
        })
      ).status,
    ).toBe(200);
  });

  it('imports a file with one bad row, shows and downloads that row, then imports the fixed file', async () => {
    const { context, page } = await open();
    await signIn(page, 'author');
    await page.getByTestId('nav-import').click();
    await choose(page, 'bank-picker', OCCUPATION.code);

    const template = page.waitForEvent('download');
    await page.getByTestId('download-template').click();
    const templateRows = await readXlsx(await (await template).path());
    expect(templateRows[0].slice(0, 3)).toEqual(['题型', '鉴定点', '题干']);
    expect(templateRows).toHaveLength(2);

    const bad = csv([row(1), row(2, 'A-002', 'B'), row(3, 'A-999'), row(4), row(5, 'A-002')]);
    await page.locator('input[type=file]').setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: bad });
    await page.getByTestId('start-import').click();
    await page.getByTestId('import-refused').waitFor();
    const errors = page.getByTestId('import-errors').locator('tr.ant-table-row');
    await expect(errors.count()).resolves.toBe(1);
    await expect(errors.first().textContent()).resolves.toContain('4');
    await expect(errors.first().textContent()).resolves.toContain('A-999');
    await axe(page, 'import wizard');
    await shot(page, 'import-errors');

    const badRows = page.waitForEvent('download');
    await page.getByTestId('download-bad-rows').click();
    const sheet = await readXlsx(await (await badRows).path());
    expect(sheet[0][0]).toBe('行号');
    expect(sheet[0].at(-1)).toBe('错误原因');
    expect(sheet).toHaveLength(2);
    expect(sheet[1][0]).toBe('4');
    expect(sheet[1].at(-1)).toContain('A-999');

    await page.locator('input[type=file]').setInputFiles({
      name: 'items-fixed.csv',
      mimeType: 'text/csv',
      buffer: csv([row(1), row(2, 'A-002', 'B'), row(3), row(4), row(5, 'A-002')]),
    });
    await page.getByTestId('start-import').click();
    await expect(page.getByTestId('import-done').textContent()).resolves.toContain('5');
    await page.getByTestId('import-view-items').click();
    await page.getByTestId('item-link').nth(4).waitFor();
    await expect(page.getByTestId('item-link').count()).resolves.toBe(5);
    await axe(page, 'items table');

    // Bulk submit every draft of the bank.
    await page.locator('[data-testid="items-table"] thead .ant-checkbox-input').check();
    await page.getByTestId('bulk-submit').click();
    await page.getByText('已提交 5 道试题审核').waitFor();
    await page.locator('[data-testid="items-table"] [data-status="in_review"]').nth(4).waitFor();
    await shot(page, 'items');
    const banks = await (await h.staff('author', PASSWORD)).get(`/banks/${OCCUPATION.code}/${LEVEL}/compliance`);
    expect(banks.body.met).toBe(false);
    await context.close();
  });

  it("a second author's item goes to the reviewer, who rejects it with a reason and bulk-approves the rest", async () => {
    const { context, page } = await open();
    await signIn(page, 'author2');
    await page.goto(`${h.baseUrl}/console/items/new?occupation=${OCCUPATION.code}&level=${LEVEL}`);
    await choose(page, 'editor-kp', 'A-001');
    await page.getByTestId('editor-save').click();
    // Per-field messages from the item bank's rules.
    await page.getByTestId('issue-stem').waitFor();
    await axe(page, 'item editor');
    await page.getByTestId('editor-stem').fill('第二位作者的题：电气火灾应使用哪种灭火器？');
    for (const [letter, text] of [
      ['A', '干粉灭火器'],
      ['B', '泡沫灭火器'],
      ['C', '清水灭火器'],
      ['D', '湿棉被'],
    ])
      await page.getByTestId(`editor-option-${letter}`).fill(text);
    await page.getByTestId('editor-answer').getByText('A', { exact: true }).click();
    await expect(page.getByTestId('candidate-preview').textContent()).resolves.toContain('干粉灭火器');
    await page.getByTestId('editor-save').click();
    await page.getByTestId('editor-submit').waitFor();
    await shot(page, 'item-editor');
    await page.getByTestId('editor-submit').click();
    await page.getByText('已提交审核').waitFor();
    await context.close();

    const r = await open();
    await signIn(r.page, 'reviewer');
    await r.page.getByTestId('nav-review').click();
    const rows = r.page.getByTestId('review-row');
    await rows.nth(5).waitFor();
    await expect(rows.count()).resolves.toBe(6);
    // Oldest first: the imported items were submitted before the second author's.
    await expect(rows.nth(5).getAttribute('data-stem')).resolves.toContain('第二位作者');
    await axe(r.page, 'review queue');
    await shot(r.page, 'review');
    const last = r.page.locator('[data-testid="review-table"] tr.ant-table-row').nth(5);
    await last.locator('[data-testid^="reject-"]').click();
    await r.page.getByTestId('reject-confirm').click();
    await r.page.getByText('请填写退回原因').waitFor();
    await r.page.getByTestId('reject-reason').fill('选项 D 不是灭火器，请改为二氧化碳灭火器。');
    await r.page.getByTestId('reject-confirm').click();
    await r.page.getByText('已退回给作者').waitFor();
    // The queue reloads without the sent-back item.
    await rows.nth(5).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(5);

    await r.page.locator('[data-testid="review-table"] thead .ant-checkbox-input').check();
    await r.page.getByTestId('bulk-approve').click();
    await expect(r.page.getByTestId('bulk-confirm-text').textContent()).resolves.toContain('5');
    // The confirmation's OK button has the focus: Enter approves.
    await r.page.getByTestId('bulk-confirm-ok').focus();
    await r.page.keyboard.press('Enter');
    await r.page.getByText('已通过 5 道试题').waitFor();
    await r.page.getByText('没有待审核的试题').waitFor();
    await r.context.close();

    const a2 = await open();
    await signIn(a2.page, 'author2');
    await a2.page.goto(`${h.baseUrl}/console/items?rejected=true`);
    await expect(a2.page.getByTestId('item-reason').textContent()).resolves.toContain('二氧化碳灭火器');
    await a2.context.close();
  });

  it("the bank's compliance badge turns to met", async () => {
    const { context, page } = await open();
    const report = await (await h.staff('author', PASSWORD)).get(`/banks/${OCCUPATION.code}/${LEVEL}/compliance`);
    expect(report.body).toMatchObject({ met: true });
    await signIn(page, 'author');
    await page.getByTestId('nav-banks').click();
    const badge = page.getByTestId(`compliance-${OCCUPATION.code}-${LEVEL}`);
    await badge.waitFor();
    await expect(badge.getAttribute('data-met')).resolves.toBe('true');
    await expect(badge.textContent()).resolves.toContain('已达标');
    await shot(page, 'banks');
    const items = await (
      await h.staff('author', PASSWORD)
    ).get(`/items?occupation=${OCCUPATION.code}&level=${LEVEL}&status=approved`);
    approvedItemId = String(items.body.items![0].id);
    await context.close();
  });

  it('editing an approved item makes a new draft version, with its history and diff', async () => {
    const { context, page } = await open();
    await signIn(page, 'author');
    await page.goto(`${h.baseUrl}/console/items/${approvedItemId}`);
    await page.getByTestId('editor-stem').fill('修改后的题干：安全电压的上限是多少伏？');
    await page.getByTestId('editor-note').fill('题干表述更清楚');
    await page.getByTestId('editor-save').click();
    await page.getByText('已保存第 2 版').waitFor();
    await page.locator('h1 [data-status="draft"]').waitFor();
    await page.getByTestId('tab-history').click();
    const diff = page.getByTestId('diff-table');
    await diff.locator('tr.ant-table-row').first().waitFor();
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('stem');
    expect(text).toContain('修改后的题干');
    await expect(page.getByTestId('history-table').textContent()).resolves.toContain('题干表述更清楚');
    await shot(page, 'history');
    await context.close();
  });

  it('a reviewer cannot approve their own item through the UI', async () => {
    const dual = await h.staff('dual', PASSWORD);
    const created = await dual.post('/items', {
      occupation: OCCUPATION.code,
      level: LEVEL,
      type: 'judge',
      stem: '自己写的题不能自己审。',
      answer: true,
      knowledgePoint: 'A-001',
    });
    expect(created.status).toBe(201);
    expect((await dual.post(`/items/${created.body.id}/submit`)).status).toBe(200);
    const { context, page } = await open();
    await signIn(page, 'dual');
    await page.getByTestId('nav-review').click();
    await page.getByText('没有待审核的试题').waitFor();
    await page.goto(`${h.baseUrl}/console/items/${created.body.id}`);
    await page.getByTestId('self-review').waitFor();
    await expect(page.locator('[data-testid^="approve-"]').count()).resolves.toBe(0);
    await context.close();
  });

  it('an institution user does not see the authoring pages', async () => {
    const { context, page } = await open();
    await signIn(page, 'institution');
    const nav = (await page.getByTestId('nav').textContent()) ?? '';
    expect(nav).toContain('账户');
    for (const word of ['题库', '试题', '导入', '审题']) expect(nav).not.toContain(word);
    await page.goto(`${h.baseUrl}/console/items`);
    await page.getByTestId('forbidden').waitFor();
    await page.goto(`${h.baseUrl}/console/import`);
    await page.getByTestId('forbidden').waitFor();
    await context.close();
  });

  it('an expired token returns to the sign-in page with a message; a changed password signs in', async () => {
    const { context, page } = await open();
    await signIn(page, 'author2');
    await page.getByTestId('nav-account').click();
    await page.getByTestId('password-current').fill(PASSWORD);
    await page.getByTestId('password-new').fill('a-new-password-1');
    await page.getByTestId('password-confirm').fill('a-new-password-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor();
    await shot(page, 'account');

    await page.evaluate(() => {
      const key = 'jd.console.session';
      const s = JSON.parse(sessionStorage.getItem(key)!) as { accessToken: string };
      sessionStorage.setItem(key, JSON.stringify({ ...s, accessToken: `${s.accessToken}x` }));
    });
    await page.goto(`${h.baseUrl}/console/items`);
    await page.getByTestId('signin-expired').waitFor();
    await signIn(page, 'author2', 'a-new-password-1');
    await context.close();
  });

  it('serves the console with a strict policy that the page keeps to', async () => {
    const res = await fetch(`${h.baseUrl}/console/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-eval');
    const html = await res.text();
    const nonce = /csp-nonce" content="([^"]+)"/.exec(html)?.[1];
    expect(policy).toContain(`'nonce-${nonce}'`);
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect((await fetch(`${h.baseUrl}${asset}`)).headers.get('cache-control')).toContain('immutable');
    expect(cspViolations).toEqual([]);
  });
});
