import type { BrowserContext, Page } from 'playwright-core';
import { BrowserHarness } from './harness';
import { axe, shot } from './console-checks';

/**
 * The centre's and the admin's pages of the staff console (institutions, compliance, users, policies) against the
 * real API on the MariaDB and Redis that scripts/test.mjs hands over, without the demo.
 */
// Axe on antd pages is slow on a shared two-core machine: a test here may take a couple of minutes.
jest.setTimeout(300_000);

const h = new BrowserHarness();
const ADMIN = { username: 'ca-admin', password: 'ca-admin-password' };
const PASSWORD = 'ca-test-password';
const MET = { code: '9-88-01-01', name: '合规测试甲' };
const SHORT = { code: '9-88-01-02', name: '合规测试乙' };
const FILED = '9-88-02-01';
const LEVEL = '4';
const DAY = 86_400_000;
const MAP = {
  areas: [
    {
      code: 'A',
      name: '基础知识',
      weight: 100,
      children: [
        { code: 'A-001', name: '安全电压', importance: 'X' },
        { code: 'A-002', name: '触电急救', importance: 'X' },
      ],
    },
  ],
};

type Api = Awaited<ReturnType<BrowserHarness['staff']>>;
let admin: Api;
const scripts: string[] = [];

async function approvedBank(author: Api, reviewer: Api, occupation: { code: string; name: string }, points: string[]) {
  expect((await author.post('/occupations', occupation)).status).toBe(201);
  expect((await author.put(`/banks/${occupation.code}/${LEVEL}/knowledge-map`, MAP)).status).toBe(200);
  expect(
    (
      await author.put(`/banks/${occupation.code}/${LEVEL}/settings`, {
        policyId: 'ca-bank-policy',
        template: { durationMinutes: 30, sections: [{ type: 'single', count: 2, pointsEach: 50 }] },
      })
    ).status,
  ).toBe(200);
  for (const [n, knowledgePoint] of points.entries()) {
    const item = await author.post('/items', {
      occupation: occupation.code,
      level: LEVEL,
      type: 'single',
      stem: `${occupation.name} 第${n + 1}题：我国安全电压额定值的最高一级是多少伏？`,
      options: ['42', '36', '24', '12'],
      answer: 'A',
      knowledgePoint,
      difficulty: 3,
    });
    expect(item.status).toBe(201);
    expect((await author.post(`/items/${item.body.id}/submit`)).status).toBe(200);
    expect((await reviewer.post(`/items/${item.body.id}/approve`)).status).toBe(200);
  }
}

beforeAll(async () => {
  await h.start(
    {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'jd-ca',
      DEMO: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RETENTION_PURGE_EVERY_MINUTES: '0',
      DB_POOL_SIZE: '4',
    },
    'console',
  );
  admin = await h.staff(ADMIN.username, ADMIN.password);
  for (const [username, roles] of Object.entries({
    'ca-centre': ['centre'],
    'ca-author': ['author'],
    'ca-reviewer': ['reviewer'],
    'ca-leaver': ['proctor'],
    'ca-forgetful': ['reviewer'],
  }))
    expect((await admin.post('/users', { username, password: PASSWORD, roles })).status).toBe(201);
  expect(
    (
      await admin.post('/policies', {
        id: 'ca-bank-policy',
        name: '合规测试政策',
        source: 'test',
        theoryMinItems: 3,
        practical: null,
        retentionYears: 5,
      })
    ).status,
  ).toBe(201);
  const author = await h.staff('ca-author', PASSWORD);
  const reviewer = await h.staff('ca-reviewer', PASSWORD);
  // Met: three approved items, both core points covered. Short: two items, none on the core point A-002.
  await approvedBank(author, reviewer, MET, ['A-001', 'A-001', 'A-002']);
  await approvedBank(author, reviewer, SHORT, ['A-001', 'A-001']);
  // Filed for three years: not expiring, so the expiring filter leaves it out.
  const centre = await h.staff('ca-centre', PASSWORD);
  const long = await centre.post('/institutions', {
    code: 'CA-LONG',
    name: '长期备案机构',
    type: 'employer',
    scope: [{ occupation: FILED, levels: ['5'] }],
  });
  expect(long.status).toBe(201);
  expect(
    (
      await admin.post('/users', {
        username: 'ca-station',
        password: PASSWORD,
        roles: ['institution'],
        institutionId: long.body.id,
      })
    ).status,
  ).toBe(201);
}, 180_000);
afterAll(() => h.stop());

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await h.newPage({ width: 1440, height: 900 });
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r.url());
  });
  return { context, page };
}

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${h.baseUrl}/console/`);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('current-user').waitFor();
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');

/** Waits until the focus is in the element with this test id (a dialog's first field after its opening). */
async function expectFocus(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 50 && (await focusedTestId(page)) !== testId; i++) await page.waitForTimeout(50);
  await expect(focusedTestId(page)).resolves.toBe(testId);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('centre and admin pages of the console', () => {
  it('the centre files an institution by keyboard, finds it by filter, changes its scope and suspends it', async () => {
    const { context, page } = await open();
    await signIn(page, 'ca-centre');
    await page.getByTestId('nav-institutions').click();
    await page.locator('[data-code="CA-LONG"]').waitFor();

    await page.getByTestId('new-institution').focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'institution-code');
    await page.keyboard.type('CA-NEW-01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('成都市某职业技能培训学校');
    await page.keyboard.press('Tab'); // the type radios: Space picks the first, an arrow moves on
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.type(FILED);
    for (const check of [false, true, true]) {
      await page.keyboard.press('Tab'); // 五级, 四级, 三级
      if (check) await page.keyboard.press('Space');
    }
    // Valid since almost three years, ending in 60 days: "expiring".
    await page.getByTestId('institution-valid-from').fill(isoDay(Date.now() - 1035 * DAY));
    await page.getByTestId('institution-valid-until').fill(isoDay(Date.now() + 60 * DAY));
    await page.getByTestId('institution-save').focus();
    await page.keyboard.press('Enter');
    await page.getByText('已备案机构 CA-NEW-01').waitFor();
    const row = page.locator('[data-code="CA-NEW-01"]');
    await expect(row.textContent()).resolves.toContain('社会培训评价组织');
    await expect(row.getByTestId('institution-scope').textContent()).resolves.toContain('四级/中级工、三级/高级工');
    await expect(row.textContent()).resolves.toContain('即将到期');

    // A second filing under the same code is refused with the code's message.
    await page.getByTestId('new-institution').click();
    await page.getByTestId('institution-code').fill('CA-NEW-01');
    await page.getByTestId('institution-name').fill('重复代码');
    await page.getByTestId('institution-type').getByText('用人单位').click();
    await page.getByTestId('scope-occupation-0').fill(FILED);
    await page.getByTestId('scope-levels-0').getByText('五级/初级工').click();
    await page.getByTestId('institution-save').click();
    await expect(page.getByTestId('institution-error').textContent()).resolves.toContain('该机构代码已备案');
    await page
      .getByRole('button', { name: '取 消' })
      .or(page.getByRole('button', { name: '取消' }))
      .first()
      .click();

    // Server-side filters, kept in the URL.
    await page.getByTestId('filter-occupation').fill(FILED);
    await page.getByTestId('filter-occupation').press('Enter');
    await page.waitForURL(new RegExp(`occupation=${FILED}`));
    // The unfiltered page stays on screen until the filtered one arrives.
    await page.waitForFunction(() => document.querySelectorAll('[data-code]').length === 2);
    await page.locator('[data-code="CA-LONG"]').waitFor();
    await page.getByTestId('filter-expiring').click();
    await page.locator('[data-code="CA-LONG"]').waitFor({ state: 'detached' });
    await expect(page.locator('[data-code]').count()).resolves.toBe(1);
    expect(page.url()).toContain('expiring=true');
    expect(page.url()).toContain(`occupation=${FILED}`);
    await axe(page, 'institutions');
    await shot(page, 'institutions');

    // Change the scope: add an occupation.
    await row.getByTestId('edit-scope').click();
    await expectFocus(page, 'institution-name');
    await page.getByTestId('scope-add').click();
    await page.getByTestId('scope-occupation-1').fill('9-88-02-02');
    await page.getByTestId('institution-save').click();
    await page.getByText('请至少选择一个等级').waitFor();
    await page.getByTestId('scope-levels-1').getByText('二级/技师').click();
    await axe(page, 'institution scope dialog');
    await page.getByTestId('institution-save').click();
    await page.getByText('已保存 CA-NEW-01 的备案').waitFor();
    // The toast comes with the answer; the row with the refetched list a moment later.
    await row.locator('[data-testid="institution-scope"]', { hasText: '9-88-02-02：二级/技师' }).waitFor();

    // Suspend: the reason is required.
    await row.getByTestId('suspend').click();
    await expectFocus(page, 'status-reason');
    await page.getByTestId('status-confirm').click();
    await page.getByText('请填写原因。').waitFor();
    await page.getByTestId('status-reason').fill('年度检查不合格，暂停考核资格');
    await page.getByTestId('status-confirm').click();
    await page.getByText('已暂停 CA-NEW-01').waitFor();
    await row.locator('[data-testid="institution-status"][data-status="suspended"]').waitFor();
    await expect(row.textContent()).resolves.toContain('年度检查不合格');
    const centre = await h.staff('ca-centre', PASSWORD);
    const filed = await centre.get('/institutions?q=CA-NEW-01');
    expect(filed.body.items![0]).toMatchObject({
      status: 'suspended',
      statusReason: '年度检查不合格，暂停考核资格',
      scope: [
        { occupation: FILED, levels: ['4', '3'] },
        { occupation: '9-88-02-02', levels: ['2'] },
      ],
    });
    await context.close();
  });

  it('an admin creates a user by keyboard, deactivates one and resets a password', async () => {
    const { context, page } = await open();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('nav-users').click();
    await page.locator('[data-username="ca-leaver"]').waitFor();

    await page.getByTestId('new-user').focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'user-username');
    await page.keyboard.type('ca-newcomer');
    await page.keyboard.press('Tab');
    await page.keyboard.type('新命题人');
    await page.keyboard.press('Tab');
    await page.keyboard.type('short');
    await page.getByTestId('user-save').focus();
    await page.keyboard.press('Enter');
    await page.getByText('密码至少 10 位。').waitFor();
    await page.getByText('请至少选择一个角色。').waitFor();
    await page.getByTestId('user-password').fill('a-newcomer-pass-1');
    await page.getByTestId('user-password').focus();
    await page.keyboard.press('Tab'); // admin
    await page.keyboard.press('Tab'); // author
    await page.keyboard.press('Space');
    await page.getByTestId('user-save').focus();
    await page.keyboard.press('Enter');
    await page.getByText('已创建用户 ca-newcomer').waitFor();
    const newcomer = page.locator('[data-username="ca-newcomer"]');
    await expect(newcomer.getByTestId('user-roles').textContent()).resolves.toBe('命题人员');

    // A taken user name: the code's message.
    await page.getByTestId('new-user').click();
    await page.getByTestId('user-username').fill('ca-leaver');
    await page.getByTestId('user-password').fill('another-pass-123');
    await page.getByTestId('user-roles-input').getByText('监考').click();
    await page.getByTestId('user-save').click();
    await expect(page.getByTestId('user-error').textContent()).resolves.toContain('该用户名已被使用');
    await page.keyboard.press('Escape');

    // Deactivate: the confirmation's OK has the focus; Enter confirms.
    await page.locator('[data-username="ca-leaver"]').getByTestId('toggle-active').click();
    await expectFocus(page, 'active-confirm');
    await page.keyboard.press('Enter');
    await page.getByText('已停用 ca-leaver').waitFor();
    await page.locator('[data-username="ca-leaver"] [data-testid="user-active"][data-active="false"]').waitFor();
    const login = await fetch(`${h.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ca-leaver', password: PASSWORD }),
    });
    expect(login.status).not.toBe(200);

    // Reset a password.
    await page.locator('[data-username="ca-forgetful"]').getByTestId('reset-password').click();
    await expectFocus(page, 'reset-password-new');
    await page.keyboard.type('a-reset-password-1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a-reset-password-1');
    await page.getByTestId('password-save').focus();
    await page.keyboard.press('Enter');
    await page.getByText('已重置 ca-forgetful 的密码').waitFor();
    const relogin = await fetch(`${h.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ca-forgetful', password: 'a-reset-password-1' }),
    });
    expect(relogin.status).toBe(200);

    // Filters on the server, in the URL.
    const search = page.locator('input[data-testid="filter-q"], [data-testid="filter-q"] input').first();
    await search.fill('ca-');
    await search.press('Enter');
    await page.getByTestId('filter-active').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '已停用' })
      .click();
    await page.locator('[data-username="ca-author"]').waitFor({ state: 'detached' });
    await expect(page.locator('[data-username]').count()).resolves.toBe(1);
    expect(page.url()).toContain('active=false');
    await page.goto(`${h.baseUrl}/console/users?q=ca-`);
    await page.locator('[data-username="ca-leaver"]').waitFor();
    await expect(page.locator('[data-username="ca-station"]').textContent()).resolves.toContain('CA-LONG 长期备案机构');
    await axe(page, 'users');
    await shot(page, 'users');
    await context.close();
  });

  it('an admin creates a custom policy, with per-field messages and the API refusal of a preset id', async () => {
    const { context, page } = await open();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('nav-policies').click();
    await page.locator('[data-policy="chengdu-2024"]').waitFor();
    await page.getByTestId('new-policy').focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'policy-id');
    await page.getByTestId('policy-save').click();
    await page.getByText('请填写政策编号。').waitFor();
    await page.getByText('请填写依据的文件和条款。').waitFor();
    await page.getByTestId('policy-id').fill('Bad Id');
    await page.getByText('编号为 2–63 位小写字母').waitFor();

    await page.getByTestId('policy-id').fill('chengdu-2024');
    await page.getByTestId('policy-name').fill('上海市职业技能等级认定题库要求（测试）');
    await page.getByTestId('policy-source').fill('测试文件第十条');
    await page.getByTestId('policy-theory-min').fill('1000');
    await page.getByTestId('policy-save').click();
    await expect(page.getByTestId('policy-error').textContent()).resolves.toContain('预置政策的编号');
    await axe(page, 'policy dialog');

    await page.getByTestId('policy-id').fill('ca-ui-2026');
    await page.getByTestId('policy-save').focus();
    await page.keyboard.press('Enter');
    await page.getByText('已新增政策 ca-ui-2026').waitFor();
    const row = page.locator('[data-policy="ca-ui-2026"]');
    await expect(row.textContent()).resolves.toContain('自定义');
    await expect(row.textContent()).resolves.toContain('1000');
    await axe(page, 'policies');
    await shot(page, 'policies');
    await context.close();

    // The centre reads the policies but cannot add one.
    const c = await open();
    await signIn(c.page, 'ca-centre');
    await c.page.getByTestId('nav-policies').click();
    await c.page.locator('[data-policy="ca-ui-2026"]').waitFor();
    await expect(c.page.getByTestId('new-policy').count()).resolves.toBe(0);
    await c.context.close();
  });

  it('the compliance page shows a bank below threshold, one met, and the knowledge point that cannot fill its quota', async () => {
    expect(scripts.some((u) => /CompliancePage/.test(u))).toBe(false);
    const { context, page } = await open();
    await signIn(page, 'ca-centre');
    await page.getByTestId('nav-compliance').click();
    const met = page.locator(`[data-bank="${MET.code}-${LEVEL}"]`);
    const short = page.locator(`[data-bank="${SHORT.code}-${LEVEL}"]`);
    await met.waitFor();
    expect(scripts.some((u) => /CompliancePage/.test(u))).toBe(true);
    await expect(met.getByTestId('compliance-met').getAttribute('data-met')).resolves.toBe('true');
    await expect(met.getByTestId('theory-bar').textContent()).resolves.toContain('3 / 3');
    await expect(short.getByTestId('compliance-met').getAttribute('data-met')).resolves.toBe('false');
    await expect(short.getByTestId('theory-bar').getAttribute('data-met')).resolves.toBe('false');
    await expect(short.getByTestId('theory-bar').textContent()).resolves.toContain('2 / 3');
    await expect(
      short.getByTestId('theory-bar').locator('[role="progressbar"]').getAttribute('aria-label'),
    ).resolves.toContain('2 / 3');
    await axe(page, 'compliance');
    await shot(page, 'compliance');

    // Open the short bank by keyboard.
    await short.getByTestId('compliance-bank-link').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('bank-met').waitFor();
    await expect(page.getByTestId('bank-met').getAttribute('data-met')).resolves.toBe('false');
    await expect(page.locator('[data-point="A-002"]').getAttribute('data-short')).resolves.toBe('true');
    await expect(page.locator('[data-point="A-001"]').getAttribute('data-short')).resolves.toBe('false');
    await expect(page.getByTestId('shortfalls').textContent()).resolves.toContain('A-002');
    await expect(page.getByTestId('coverage-chart').getAttribute('aria-label')).resolves.toContain(
      'A 已通过 2，需要 2',
    );
    await page.getByTestId('coverage-chart').locator('svg').first().waitFor();
    // Unused items link to the item.
    await expect(page.getByTestId('unused-table').getByTestId('item-link').count()).resolves.toBe(2);
    const href = await page.getByTestId('unused-table').getByTestId('item-link').first().getAttribute('href');
    expect(href).toMatch(/^\/console\/items\/[0-9a-f-]{36}$/);
    await axe(page, 'bank compliance');
    await shot(page, 'compliance-bank');

    await page.getByTestId('compliance-back').click();
    await met.getByTestId('compliance-bank-link').click();
    await expect(page.getByTestId('bank-met').getAttribute('data-met')).resolves.toBe('true');
    await page.getByTestId('quota-ok').waitFor();
    await context.close();
  });
});
