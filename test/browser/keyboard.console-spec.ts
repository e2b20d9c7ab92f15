import type { BrowserContext, Page } from 'playwright-core';
import { BrowserHarness } from './harness';
import { axe } from './console-checks';

/**
 * The staff console's main actions by keyboard alone: no mouse click anywhere. A step may start with
 * `locator.focus()`; everything else is Tab / Shift+Tab, typing, arrows, Enter, Space and Escape. Dialogs must put
 * the focus into their first field (or their primary button) when they open and give it back when they close.
 * The operating system's file chooser is the one thing a page cannot drive: the test answers it with setFiles.
 * Same environment as console.console-spec.ts (MariaDB, Redis, no demo), with its own users and occupation.
 */
const h = new BrowserHarness();
const ADMIN = { username: 'kbd-admin', password: 'kbd-admin-pass-1' };
const PASSWORD = 'kbd-test-pass-1';
const OCCUPATION = { code: '9-99-98-02', name: '键盘测试工种' };
const LEVEL = '4';
const USERS = {
  'kbd-author': { roles: ['author'], displayName: '键盘命题' },
  'kbd-reviewer': { roles: ['reviewer'], displayName: '键盘审题' },
} as const;

beforeAll(async () => {
  await h.start(
    {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX ?? 'jd-console'}-kbd`,
      DEMO: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RETENTION_PURGE_EVERY_MINUTES: '0',
      DB_POOL_SIZE: '4',
    },
    'console',
  );
  const admin = await h.staff(ADMIN.username, ADMIN.password);
  for (const [username, u] of Object.entries(USERS))
    expect((await admin.post('/users', { username, password: PASSWORD, ...u })).status).toBe(201);
  // "Met" within reach: three approved theory items.
  expect(
    (
      await admin.post('/policies', {
        id: 'kbd-test',
        name: '键盘测试政策',
        source: 'test',
        theoryMinItems: 3,
        practical: null,
        retentionYears: 5,
      })
    ).status,
  ).toBe(201);
}, 120_000);
afterAll(() => h.stop());

const open = (): Promise<{ context: BrowserContext; page: Page }> => h.newPage({ width: 1440, height: 900 });

/** What has the focus, for failure messages: the nearest data-testid and the element. */
const focusedName = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    const id = a.closest('[data-testid]')?.getAttribute('data-testid');
    return `${a.tagName.toLowerCase()}${id ? ` in ${id}` : ''}${a.textContent ? ` "${a.textContent.slice(0, 30)}"` : ''}`;
  });

const hasFocus = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);

/** Waits until the focus is on (or inside) `selector`: dialogs move it after their opening animation. */
async function expectFocus(page: Page, selector: string): Promise<void> {
  try {
    await page.waitForFunction((sel) => !!document.activeElement?.closest(sel), selector, { timeout: 5_000 });
  } catch {
    throw new Error(`expected the focus on ${selector}, it is on ${await focusedName(page)}`);
  }
}

/** Presses Tab (or Shift+Tab) until `selector` has the focus: proves it is reachable by keyboard. */
async function tabTo(page: Page, selector: string, back = false, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await hasFocus(page, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reached by ${back ? 'Shift+' : ''}Tab; the focus is on ${await focusedName(page)}`);
}

/** Polls `read` until `ok` holds (5 s), for what settles after a refetch. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<void> {
  let last: T | undefined;
  for (let i = 0; i < 50; i++) {
    last = await read();
    if (ok(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

const testId = (id: string) => `[data-testid="${id}"]`;

/** The active option of the focused antd Select's own dropdown (another may still be fading out). */
const activeOption = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const list = document.activeElement?.getAttribute('aria-controls');
    const dropdown = list ? document.getElementById(list)?.closest('.ant-select-dropdown') : null;
    return dropdown?.querySelector('.ant-select-item-option-active')?.textContent ?? null;
  });

/** The chosen value shown by the focused antd Select. */
const chosenText = (page: Page): Promise<string | null> =>
  page.evaluate(
    () =>
      document.activeElement?.closest('.ant-select')?.querySelector('.ant-select-selection-item')?.textContent ?? null,
  );

/**
 * In a focused antd Select: arrows through the options until one shows `text`, then Enter, and waits until the select
 * shows it chosen. An Enter that lands while the list is still settling is lost now and then; the walk is then redone
 * once, as a person would press again.
 */
async function pick(page: Page, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('ArrowDown');
    await eventually(
      () => activeOption(page),
      (o) => o !== null,
      'the dropdown opens',
    );
    let found = false;
    for (let i = 0; i < 30 && !found; i++) {
      if ((await activeOption(page))?.includes(text)) found = true;
      else await page.keyboard.press('ArrowDown');
    }
    if (!found) throw new Error(`no option "${text}"`);
    await page.keyboard.press('Enter');
    try {
      await eventually(
        () => chosenText(page),
        (v) => !!v?.includes(text),
        `"${text}" chosen`,
      );
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

/** Signs in by keyboard: the username field has the focus when the page opens. */
async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${h.baseUrl}/console/`);
  await expectFocus(page, testId('signin-username'));
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

/** Follows a navigation link by keyboard. */
async function go(page: Page, nav: string): Promise<void> {
  await tabTo(page, testId(`nav-${nav}`), false, 200);
  await page.keyboard.press('Enter');
}

const HEADER = '题型,鉴定点,题干,选项A,选项B,选项C,选项D,答案,难度,解析';
const row = (n: number, kp = 'A-001') =>
  `单选,${kp},键盘题第${n}题：安全电压的上限是多少？,36 V,24 V,12 V,220 V,A,3,解析${n}`;
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

const ROWS = 'tr.ant-table-row';

describe('staff console by keyboard alone', () => {
  it('signs in: the username has the focus, a wrong password is announced, Enter submits', async () => {
    const { context, page } = await open();
    await page.goto(`${h.baseUrl}/console/`);
    await expectFocus(page, testId('signin-username'));
    await page.keyboard.type('kbd-author');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.getByTestId('signin-error').waitFor();
    await expectFocus(page, testId('signin-password'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();
    await context.close();
  });

  it('creates an occupation and a bank, edits and saves its knowledge map; dialogs take and give back the focus', async () => {
    const { context, page } = await open();
    await signIn(page, 'kbd-author');
    await go(page, 'banks');
    await page.getByTestId('banks-table').waitFor();

    // New occupation: the code field has the focus; Escape closes and the focus is back on the button.
    await tabTo(page, testId('new-occupation'));
    await page.keyboard.press('Enter');
    // The context asks for reduced motion: the dialog is there at once, not zooming in. rc-motion may still flag its
    // phase in a class name for a frame; what a person would see is an animation running, and none does.
    await page.locator('.ant-modal').waitFor();
    await expect(
      page.evaluate(
        () =>
          document
            .getAnimations()
            .filter(
              (a) =>
                a instanceof CSSAnimation && !!(a.effect as KeyframeEffect | null)?.target?.closest?.('.ant-modal'),
            ).length,
      ),
    ).resolves.toBe(0);
    await expectFocus(page, testId('occupation-code'));
    await page.keyboard.press('Escape');
    await expectFocus(page, testId('new-occupation'));
    await page.keyboard.press('Space');
    await expectFocus(page, testId('occupation-code'));
    await axe(page, 'new occupation dialog', true);
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Tab');
    await expectFocus(page, testId('occupation-name'));
    await page.keyboard.type(OCCUPATION.name);
    await tabTo(page, testId('occupation-save'));
    await page.keyboard.press('Enter');
    await page.getByText(`已创建职业 ${OCCUPATION.code}`).waitFor();
    await expectFocus(page, testId('new-occupation'));

    // New bank: the occupation select has the focus; pick it and the level by typing and arrows.
    await tabTo(page, testId('new-bank'));
    await page.keyboard.press('Enter');
    await expectFocus(page, testId('bank-occupation'));
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expectFocus(page, testId('bank-level'));
    await pick(page, '四级');
    await tabTo(page, testId('bank-open'));
    await page.keyboard.press('Enter');

    // The knowledge map: every field by Tab; a point just added takes the focus on its name.
    await page.getByTestId('map-table').waitFor();
    await tabTo(page, testId('map-name-A'));
    await page.keyboard.type('基础知识');
    await tabTo(page, testId('map-name-A-001'));
    await page.keyboard.type('安全电压');
    await tabTo(page, testId('map-add-point-A'));
    await page.keyboard.press('Enter');
    await expectFocus(page, testId('map-name-A-002'));
    await page.keyboard.type('触电急救');
    await tabTo(page, testId('map-importance-A-002'));
    await pick(page, 'Y');
    await axe(page, 'knowledge map editor');
    await tabTo(page, testId('map-save'));
    await page.keyboard.press('Enter');
    await page.getByText('当前版本 1').waitFor();
    const map = await (await h.staff('kbd-author', PASSWORD)).get(`/banks/${OCCUPATION.code}/${LEVEL}/knowledge-map`);
    expect(map.body.knowledgeMap).toMatchObject({
      areas: [
        {
          code: 'A',
          name: '基础知识',
          children: [
            { code: 'A-001', name: '安全电压', importance: 'X' },
            { code: 'A-002', name: '触电急救', importance: 'Y' },
          ],
        },
      ],
    });
    await context.close();

    const author = await h.staff('kbd-author', PASSWORD);
    expect(
      (
        await author.put(`/banks/${OCCUPATION.code}/${LEVEL}/settings`, {
          policyId: 'kbd-test',
          template: { durationMinutes: 30, sections: [{ type: 'single', count: 2, pointsEach: 50 }] },
        })
      ).status,
    ).toBe(200);
  });

  it('imports a file through the wizard: the chooser opens from the keyboard, the outcome takes the focus', async () => {
    const { context, page } = await open();
    await signIn(page, 'kbd-author');
    await go(page, 'import');
    await tabTo(page, testId('bank-picker'));
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('bank-picker').textContent()).resolves.toContain(OCCUPATION.code);

    await tabTo(page, testId('choose-file'));
    // The operating system's file dialog is not the page's: the file goes to the chooser's input, as the dialog would
    // hand it over, while the focus stays on the button the keyboard reached.
    await page.locator('input[type=file]').setInputFiles({
      name: 'kbd-items.csv',
      mimeType: 'text/csv',
      buffer: csv([row(1), row(2, 'A-002'), row(3), row(4, 'A-002'), row(5)]),
    });
    await expect(page.getByTestId('chosen-file').textContent()).resolves.toContain('kbd-items.csv');
    await expectFocus(page, testId('choose-file'));
    await tabTo(page, testId('start-import'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('import-done').textContent()).resolves.toContain('5');
    await expectFocus(page, testId('import-outcome'));
    await axe(page, 'import wizard, done');
    await page.keyboard.press('Tab');
    await expectFocus(page, testId('import-view-items'));
    await page.keyboard.press('Enter');
    await page.getByTestId('item-link').nth(4).waitFor();
    await context.close();
  });

  it('filters the items table, edits and saves an item, submits it, and bulk-submits the rest', async () => {
    const { context, page } = await open();
    await signIn(page, 'kbd-author');
    await go(page, 'items');
    const table = page.getByTestId('items-table');
    await tabTo(page, testId('bank-picker'));
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Enter');
    await table.locator(ROWS).nth(4).waitFor();

    await tabTo(page, testId('filter-status'));
    await pick(page, '草稿');
    await page.waitForURL(/status=draft/);
    await tabTo(page, testId('filter-kp'));
    await page.keyboard.type('A-002');
    await page.keyboard.press('Enter');
    await page.waitForURL(/knowledgePoint=A-002/);
    await eventually(
      () => table.locator(ROWS).count(),
      (n) => n === 2,
      `rows of ${page.url()}`,
    );
    await axe(page, 'items table, filtered');

    // Open the first of them, edit it and save a new version, then submit it.
    await tabTo(page, testId('item-link'));
    await page.keyboard.press('Enter');
    await tabTo(page, testId('editor-stem'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('键盘题（修改）：安全电压的上限是多少伏？');
    await expect(page.getByTestId('candidate-preview').textContent()).resolves.toContain('（修改）');
    await tabTo(page, testId('editor-save'));
    await page.keyboard.press('Enter');
    await page.getByText(/已保存第 \d+ 版/).waitFor();
    await tabTo(page, testId('editor-submit'));
    await page.keyboard.press('Space');
    await page.getByText('已提交审核').waitFor();
    await page.locator('h1 [data-status="in_review"]').waitFor();

    // Back to the drafts of the bank: select all with Space on the header checkbox, then submit them.
    await go(page, 'items');
    await tabTo(page, testId('bank-picker'));
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Enter');
    await tabTo(page, testId('filter-status'));
    await pick(page, '草稿');
    await page.waitForURL(/status=draft/);
    await eventually(
      () => table.locator(ROWS).count(),
      (n) => n === 4,
      'rows',
    );
    const all = `${testId('items-table')} thead .ant-checkbox-input`;
    await tabTo(page, all);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('bulk-submit').textContent()).resolves.toContain('4');
    await tabTo(page, testId('bulk-submit'), true);
    await page.keyboard.press('Enter');
    await page.getByText('已提交 4 道试题审核').waitFor();
    await eventually(
      () => focusedName(page),
      (f) => f !== 'body',
      'focus kept',
    );
    await context.close();
  });

  it('a reviewer rejects one with a reason (the dialog takes the focus) and bulk-approves the rest', async () => {
    const { context, page } = await open();
    await signIn(page, 'kbd-reviewer');
    await go(page, 'review');
    await tabTo(page, testId('bank-picker'));
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Enter');
    await page.waitForURL(/occupation=/);
    const rows = page.getByTestId('review-row');
    // The queue narrows to this bank once the filtered page has loaded (other banks may have items in review).
    await eventually(
      () => rows.count(),
      (n) => n === 5,
      'queue rows of the bank',
    );

    const first = page.locator(`${testId('review-table')} ${ROWS}`).first();
    const rejectId = await first.locator('[data-testid^="reject-"]').getAttribute('data-testid');
    const stem = await first.getByTestId('review-row').getAttribute('data-stem');
    await tabTo(page, testId(rejectId!));
    await page.keyboard.press('Enter');
    await expectFocus(page, testId('reject-reason'));
    // Escape closes it and the focus is back on the row's reject button.
    await page.keyboard.press('Escape');
    await expectFocus(page, testId(rejectId!));
    await page.keyboard.press('Enter');
    await expectFocus(page, testId('reject-reason'));
    await axe(page, 'reject dialog', true);
    // Without a reason the dialog says so and stays.
    await tabTo(page, testId('reject-confirm'));
    await page.keyboard.press('Enter');
    await page.getByText('请填写退回原因').waitFor();
    await tabTo(page, testId('reject-reason'), true);
    await page.keyboard.type('选项 D 不是安全电压，请核对。');
    await tabTo(page, testId('reject-confirm'));
    await page.keyboard.press('Enter');
    await page.getByText('已退回给作者').waitFor();
    await eventually(
      () => rows.count(),
      (n) => n === 4,
      'queue rows',
    );
    // The row left with its buttons: the focus went on to the next row, not to the page.
    await expectFocus(page, `${testId('review-table')} [data-testid^="approve-"]`);

    await tabTo(page, `${testId('review-table')} thead .ant-checkbox-input`, true);
    await page.keyboard.press('Space');
    await tabTo(page, testId('bulk-approve'), true);
    await page.keyboard.press('Enter');
    // The confirmation opens with its OK button focused: Enter approves.
    await expectFocus(page, testId('bulk-confirm-ok'));
    await expect(page.getByTestId('bulk-confirm-text').textContent()).resolves.toContain('4');
    await page.keyboard.press('Enter');
    await page.getByText('已通过 4 道试题').waitFor();
    await page.getByText('没有待审核的试题').waitFor();
    await eventually(
      () => focusedName(page),
      (f) => f !== 'body',
      'focus kept',
    );
    await context.close();

    const author = await h.staff('kbd-author', PASSWORD);
    const rejected = await author.get(`/items?occupation=${OCCUPATION.code}&level=${LEVEL}&rejected=true`);
    expect(rejected.body.items!.map((i) => i.stem)).toEqual([stem]);
    expect(rejected.body.items![0].reviewReason).toContain('安全电压');
    // Resubmitted and approved, so that no other spec's lists (rejected, in review) see this bank's items.
    const id = String(rejected.body.items![0].id);
    expect((await author.post(`/items/${id}/submit`)).status).toBe(200);
    expect((await (await h.staff('kbd-reviewer', PASSWORD)).post(`/items/${id}/approve`)).status).toBe(200);
  });

  it('the banks page reads every badge in one compliance request, and the badge is reachable by Tab', async () => {
    const { context, page } = await open();
    const compliance: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/(compliance|banks\/[^/]+\/[^/]+\/compliance)/.test(r.url())) compliance.push(r.url());
    });
    await signIn(page, 'kbd-author');
    await go(page, 'banks');
    const badge = page.getByTestId(`compliance-${OCCUPATION.code}-${LEVEL}`);
    await badge.waitFor();
    await expect(badge.getAttribute('data-met')).resolves.toBe('true');
    await expect(badge.textContent()).resolves.toContain('理论题 5/3');
    await tabTo(page, testId('banks-filter'));
    await page.keyboard.type(OCCUPATION.code);
    await page.keyboard.press('Enter');
    await page.waitForURL(/occupation=/);
    await eventually(
      () => page.locator(`${testId('banks-table')} ${ROWS}`).count(),
      (n) => n === 1,
      'bank rows',
    );
    await tabTo(page, testId(`compliance-${OCCUPATION.code}-${LEVEL}`));
    await page.getByRole('tooltip').waitFor();
    // No request per row: the batched report, once for all banks and once for the filtered occupation.
    expect([...new Set(compliance.map((u) => new URL(u).pathname + new URL(u).search))]).toEqual([
      '/api/v1/compliance',
      `/api/v1/compliance?occupation=${OCCUPATION.code}`,
    ]);
    await context.close();
  });

  it('changes the password on the account page', async () => {
    const { context, page } = await open();
    await signIn(page, 'kbd-reviewer');
    await go(page, 'account');
    await tabTo(page, testId('password-current'));
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type('kbd-new-password-1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kbd-new-password-1');
    await page.keyboard.press('Enter');
    await page.getByTestId('password-changed').waitFor();
    await context.close();
    const again = await open();
    await signIn(again.page, 'kbd-reviewer', 'kbd-new-password-1');
    await again.context.close();
  });
});
