import type { BrowserContext, Page } from 'playwright-core';
import { idCheckDigit } from '@jianding/exam';
import type { TestContext } from '../support/app';
import { seedHandWorld, type ExamWorld, type HandItem, type HandTask } from '../support/exam-factories';
import { BrowserHarness } from './harness';
import { axe, press, shot, signInByKeyboard } from './console-checks';

/**
 * Practical assessment (技能操作考核) in the staff console, against the real API on the MariaDB and Redis that
 * scripts/test.mjs hands over: the centre registers examiners and dispatches a panel, an examiner scores and signs a
 * sheet by keyboard, the chief decides a spread task, and the centre reads the practical results.
 *
 * The ready request with its practical paper is written straight into the database by the API tests' factory (the
 * harness shares the app's connection): drawing a practical paper through the API needs a whole bank of approved
 * tasks, which is not what this spec is about.
 */
const h = new BrowserHarness();
const ADMIN = { username: 'practical-admin', password: 'practical-admin-pass' };
const PASSWORD = 'practical-test-pass';
const ITEMS: HandItem[] = [
  { type: 'judge', stem: '实操测试判断一', answer: true, points: 50 },
  { type: 'judge', stem: '实操测试判断二', answer: false, points: 50 },
];
/** Task 1 is worth 60 (40 + 20), task 2 worth 40 (30 + 10). */
const TASKS: HandTask[] = [
  {
    title: '照明电路安装',
    rubric: [
      { points: 40, criterion: '接线正确、通电试验成功' },
      { points: 20, criterion: '安全文明操作' },
    ],
  },
  {
    title: '电动机正反转控制',
    rubric: [
      { points: 30, criterion: '控制功能' },
      { points: 10, criterion: '工艺' },
    ],
  },
];
/** Three examiners of the centre and one of the session's own institution (who must stand aside). */
const EXAMINERS = [
  { username: 'pr-ex-1', name: '王建国', certificateNo: 'KPY-PR-001' },
  { username: 'pr-ex-2', name: '李秀英', certificateNo: 'KPY-PR-002' },
  { username: 'pr-ex-3', name: '张志强', certificateNo: 'KPY-PR-003' },
  { username: 'pr-ex-own', name: '赵本机', certificateNo: 'KPY-PR-004' },
];
const SESSION_NAME = '电工四级实操 上午场';

function idNumber(n: number): string {
  const body = `11010519${70 + n}0${1 + (n % 9)}2${n % 10}${String(200 + n).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}
const CANDIDATES = [1, 2].map((n) => ({
  ticketNo: `PR2026${String(n).padStart(3, '0')}`,
  name: `考生${'甲乙'[n - 1]}`,
  idNumber: idNumber(n),
}));

type Api = Awaited<ReturnType<BrowserHarness['staff']>>;
type View = { context: BrowserContext; page: Page };
let centre: Api;
/** The centre's and the chief examiner's browsers, each signed in once and kept across the tests. */
let centreView: View;
let chiefView: View;
const apis = new Map<string, Api>();
/** A staff user's API session, signed in once. */
async function apiOf(username: string): Promise<Api> {
  if (!apis.has(username)) apis.set(username, await h.staff(username, PASSWORD));
  return apis.get(username)!;
}
let world: ExamWorld;
let sessionId = '';
let level2SessionId = '';
const examinerIds = new Map<string, string>();
const userIds = new Map<string, string>();

/** The factories write through `ctx.db` only: the harness's app has the same connection. */
const factoryContext = () => ({ db: h.db }) as unknown as TestContext;

async function createSession(institution: Api, requestId: string, name: string): Promise<string> {
  const res = await institution.post('/exam-sessions', {
    paperRequestId: requestId,
    name,
    room: '实训楼 101',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    durationMinutes: 90,
    candidates: CANDIDATES,
  });
  expect(res.status).toBe(201);
  return String(res.body.id);
}

beforeAll(async () => {
  await h.start(
    {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX ?? 'jd-console'}-practical`,
      DEMO: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RETENTION_PURGE_EVERY_MINUTES: '0',
      DB_POOL_SIZE: '4',
    },
    'console',
  );
  world = await seedHandWorld(factoryContext(), ITEMS, { practical: TASKS });
  const level2 = await seedHandWorld(factoryContext(), ITEMS, { practical: TASKS, level: '2' });
  const admin = await h.staff(ADMIN.username, ADMIN.password);
  const users: [string, string[], string | undefined][] = [
    ['pr-centre', ['centre'], undefined],
    ['pr-institution', ['institution'], world.institutionId],
    ['pr-institution-2', ['institution'], level2.institutionId],
    ...EXAMINERS.map((e) => [e.username, ['examiner'], undefined] as [string, string[], undefined]),
  ];
  for (const [username, roles, institutionId] of users) {
    const displayName = EXAMINERS.find((e) => e.username === username)?.name ?? username;
    const res = await admin.post('/users', { username, password: PASSWORD, roles, institutionId, displayName });
    expect(res.status).toBe(201);
    userIds.set(username, String(res.body.id));
  }
  centre = await apiOf('pr-centre');
  sessionId = await createSession(await apiOf('pr-institution'), world.requestId, SESSION_NAME);
  level2SessionId = await createSession(await apiOf('pr-institution-2'), level2.requestId, '二级实操');
  // The first examiner is registered in the console; the others through the API.
  for (const e of EXAMINERS.slice(1)) {
    const res = await centre.post('/examiners', {
      userId: userIds.get(e.username),
      name: e.name,
      certificateNo: e.certificateNo,
      occupations: [world.occupationCode],
      level: '3',
      institutionId: e.username === 'pr-ex-own' ? world.institutionId : null,
    });
    expect(res.status).toBe(201);
    examinerIds.set(e.username, String(res.body.id));
  }
}, 120_000);
afterAll(async () => {
  await centreView?.context.close();
  await chiefView?.context.close();
  await h.stop();
});

async function open(): Promise<View> {
  return h.newPage({ width: 1440, height: 900 });
}

const signIn = (page: Page, username: string, password = PASSWORD) =>
  signInByKeyboard(page, h.baseUrl, username, password);

/**
 * Waits until the focus is inside the element with this test id (or matching a `#id` selector: a form field's id);
 * says where it is instead when it is not.
 */
const focusedIn = (page: Page, target: string) =>
  page
    .waitForFunction(
      (sel) => document.activeElement?.closest(sel) !== null,
      target.startsWith('#') ? target : `[data-testid="${target}"]`,
      { timeout: 5000 },
    )
    .catch(async (err: Error) => {
      throw new Error(
        `${err.message}: focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300))}`,
      );
    });

/** The open select's options have loaded and the first is active: Enter takes it. */
const optionShown = (page: Page, text: string) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
    .first()
    .waitFor();

describe('practical assessment in the console', () => {
  it('the centre registers an examiner by keyboard and finds them by the filters in the URL', async () => {
    centreView = await open();
    const { page } = centreView;
    await signIn(page, 'pr-centre');
    await press(page, 'nav-examiners');
    await page.getByTestId('examiners-table').locator('tr.ant-table-row').nth(2).waitFor();
    await axe(page, 'examiner register');

    await press(page, 'new-examiner');
    // The account picker has the focus: type the name, take the offered account.
    await focusedIn(page, 'examiner-user');
    await page.keyboard.type(EXAMINERS[0].name);
    await optionShown(page, EXAMINERS[0].username);
    await page.keyboard.press('Enter');
    // The name comes from the account; the certificate, occupation and level are typed and chosen.
    await expect(page.getByTestId('examiner-name').inputValue()).resolves.toBe(EXAMINERS[0].name);
    await page.getByTestId('examiner-certificate').focus();
    await page.keyboard.type(EXAMINERS[0].certificateNo);
    await page.keyboard.press('Tab');
    await focusedIn(page, '#occupations');
    await page.keyboard.type(world.occupationCode);
    await optionShown(page, world.occupationCode);
    await page.keyboard.press('Enter');
    // A multiple select keeps its list open after a choice: Escape closes the list (not the dialog), Tab moves on.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await focusedIn(page, '#level');
    await page.keyboard.press('ArrowDown');
    await optionShown(page, '三级');
    await page.keyboard.press('Enter');
    await axe(page, 'register examiner dialog', true);
    await press(page, 'examiner-save');
    const row = page.locator(`[data-testid="examiners-table"] tr[data-certificate="${EXAMINERS[0].certificateNo}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('三级');
    await expect(row.textContent()).resolves.toContain('鉴定中心');

    // The filters live in the URL: a shared link shows the one examiner.
    await page.goto(`${h.baseUrl}/console/examiners?q=${encodeURIComponent(EXAMINERS[0].name)}`);
    await row.waitFor();
    await expect(page.locator('[data-testid="examiners-table"] tr.ant-table-row').count()).resolves.toBe(1);
    const listed = await centre.get(`/examiners?q=${encodeURIComponent(EXAMINERS[0].certificateNo)}`);
    examinerIds.set('pr-ex-1', String(listed.body.items![0].id));
    expect(listed.body.items![0]).toMatchObject({ occupations: [world.occupationCode], level: '3', active: true });
  });

  it('dispatches a panel: a refused one names the examiner who must stand aside, then a lawful one', async () => {
    const { page } = centreView;
    await press(page, 'nav-sessions');
    const row = page.locator('[data-testid="sessions-table"] tr.ant-table-row', { hasText: SESSION_NAME });
    await row.getByTestId('open-panel').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('panel-current').waitFor();
    await expect(page.getByTestId('panel-current').getAttribute('data-size')).resolves.toBe('0');
    const member = (name: string) => page.getByRole('checkbox', { name: new RegExp(name) });
    for (const e of [EXAMINERS[0], EXAMINERS[1], EXAMINERS[3]]) {
      await member(e.name).focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('radio', { name: EXAMINERS[0].name }).focus();
    await page.keyboard.press('Space');
    await axe(page, 'panel dialog', true);
    await press(page, 'panel-save');
    const refused = page.getByTestId('panel-refused');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('回避');
    await expect(refused.textContent()).resolves.toContain(`涉及的考评员：${EXAMINERS[3].name}`);
    await axe(page, 'panel refusal', true);

    // The own institution's examiner out, the third centre examiner in: dispatched.
    await member(EXAMINERS[3].name).focus();
    await page.keyboard.press('Space');
    await member(EXAMINERS[2].name).focus();
    await page.keyboard.press('Space');
    await press(page, 'panel-save');
    await page.getByText('已派遣考评组').waitFor();
    const panel = await centre.get(`/exam-sessions/${sessionId}/panel`);
    expect(panel.body.chief).toBe(examinerIds.get('pr-ex-1'));
    expect((panel.body.examiners as { name: string }[]).map((m) => m.name).sort()).toEqual(
      [EXAMINERS[0].name, EXAMINERS[1].name, EXAMINERS[2].name].sort(),
    );

    // Opened again, the dialog shows the panel and its chief.
    await row.getByTestId('open-panel').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="panel-current"][data-size="3"]').waitFor();
    await expect(page.getByTestId('panel-current').textContent()).resolves.toContain(`${EXAMINERS[0].name}（组长）`);
    await page.keyboard.press('Escape');
  });

  it('an examiner scores a sheet by keyboard, saves the draft and signs it; the sheet turns read-only', async () => {
    chiefView = await open();
    const { page } = chiefView;
    await signIn(page, 'pr-ex-1');
    // An examiner's navigation holds the scoring desk and the account, nothing else.
    await expect(
      page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
    ).resolves.toEqual(['nav-scoring', 'nav-account']);
    await press(page, 'nav-scoring');
    await page.getByTestId('assignment-link').waitFor();
    await axe(page, 'assignments');
    await press(page, 'assignment-link');
    const cell = `sheet-${CANDIDATES[0].ticketNo}-1`;
    await page.getByTestId(cell).waitFor();
    await axe(page, 'scoring desk');

    await press(page, cell);
    await focusedIn(page, 'criterion-0');
    await page.keyboard.type('35.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('18');
    await page.locator('[data-testid="sheet-total"][data-total="53.5"]').waitFor();
    await expect(page.getByTestId('sheet-total').textContent()).resolves.toContain('53.5 / 60');
    await axe(page, 'score sheet', true);
    await press(page, 'sheet-save');
    await page.getByText('草稿已保存').waitFor();
    // The draft is kept: closed and opened again, the sheet has the points typed.
    await press(page, 'sheet-close');
    await page.locator(`[data-testid="${cell}"][data-state="draft"]`).waitFor();
    await press(page, cell);
    await focusedIn(page, 'criterion-0');
    await expect(page.getByTestId('criterion-0').inputValue()).resolves.toBe('35.5');
    await expect(page.getByTestId('criterion-1').inputValue()).resolves.toBe('18.0');

    await press(page, 'sheet-sign');
    await page.getByText('签名后本评分表即为定稿，不能再修改').waitFor();
    await axe(page, 'sign confirmation', true);
    await press(page, 'sheet-sign-confirm');
    await page.getByTestId('sheet-signed').waitFor();
    await expect(page.getByTestId('sheet-hash').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    // The other examiners have not signed: their state shows, their totals do not exist yet.
    const others = page.locator('[data-testid="sheet-others"] tr[data-signed]');
    await expect(others.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-signed')))).resolves.toEqual([
      'false',
      'false',
    ]);
    await press(page, 'sheet-close');
    await page.locator(`[data-testid="${cell}"][data-state="signed"]`).waitFor();

    const sheet = (await (await apiOf('pr-ex-1')).get(`/exam-sessions/${sessionId}/practical-sheets`)).body as {
      candidates: { tasks: { mine: { total: number; signedAt: string | null } | null }[] }[];
    };
    expect(sheet.candidates[0].tasks[0].mine).toMatchObject({ total: 53.5 });
    expect(sheet.candidates[0].tasks[0].mine!.signedAt).not.toBeNull();
  });

  it('the chief decides a task whose totals spread too far; the centre reads the practical results', async () => {
    // The other two sign far below the chief's 53.5: a spread of 23.5 on 60 points needs the chief's decision.
    for (const [username, points] of [
      ['pr-ex-2', [20, 10]],
      ['pr-ex-3', [25, 12]],
    ] as const) {
      const examiner = await apiOf(username);
      const path = `/exam-sessions/${sessionId}/practical-sheets/${CANDIDATES[0].ticketNo}/1`;
      expect((await examiner.put(path, { criteria: points.map((p, index) => ({ index, points: p })) })).status).toBe(
        200,
      );
      expect((await examiner.post(`${path}/sign`)).status).toBe(200);
    }

    // Now that all three have signed, the chief's signed sheet shows the others' totals.
    const { page } = chiefView;
    await page.goto(`${h.baseUrl}/console/scoring/${sessionId}`);
    await page.locator(`[data-testid="sheet-${CANDIDATES[0].ticketNo}-1"][data-state="signed"]`).waitFor();
    await shot(page, 'practical');
    await press(page, `sheet-${CANDIDATES[0].ticketNo}-1`);
    await page.getByTestId('sheet-signed').waitFor();
    const others = page.locator('[data-testid="sheet-others"] tr[data-signed="true"]');
    // The panel's order is the API's: the rows are compared as a set.
    const rows = (await others.allTextContents()).sort();
    expect(rows).toEqual([`${EXAMINERS[1].name}已签名30`, `${EXAMINERS[2].name}已签名37`].sort());
    await axe(page, 'signed sheet', true);
    await press(page, 'sheet-close');
    await press(page, 'open-chief-results');
    const decide = `decide-${CANDIDATES[0].ticketNo}-1`;
    await page.getByTestId(decide).waitFor();
    await axe(page, 'practical results (chief)');
    await press(page, decide);
    await focusedIn(page, 'decision-score');
    await page.keyboard.type('42');
    await page.keyboard.press('Tab');
    await page.keyboard.type('两名考评员漏看了接线检查，复核录像后裁定');
    await axe(page, 'decision dialog', true);
    await press(page, 'decision-submit');
    const task = page.locator(`[data-testid="task-${CANDIDATES[0].ticketNo}-1"][data-status="decided"]`);
    await task.waitFor();
    await expect(task.textContent()).resolves.toContain('42');

    const centrePage = centreView;
    await centrePage.page.goto(`${h.baseUrl}/console/sessions/${sessionId}`);
    await press(centrePage.page, 'open-practical-results');
    const decided = centrePage.page.locator(`[data-testid="task-${CANDIDATES[0].ticketNo}-1"][data-status="decided"]`);
    await decided.waitFor();
    const text = (await decided.textContent()) ?? '';
    expect(text).toContain('已裁定');
    expect(text).toContain('王建国 53.5');
    expect(text).toContain('两名考评员漏看了接线检查');
    await expect(
      centrePage.page.locator(`[data-testid="task-${CANDIDATES[1].ticketNo}-2"]`).getAttribute('data-status'),
    ).resolves.toBe('scoring');
    // Level 4: no comprehensive review column.
    await expect(centrePage.page.locator('[data-testid^="review-"]').count()).resolves.toBe(0);
    await axe(centrePage.page, 'practical results (centre)');
  });

  it('the centre enters the comprehensive review score of a level 2 candidate', async () => {
    const { page } = centreView;
    await page.goto(`${h.baseUrl}/console/results/${level2SessionId}/practical`);
    await press(page, `review-${CANDIDATES[0].ticketNo}`);
    await focusedIn(page, 'review-score');
    await page.keyboard.type('78.5');
    await axe(page, 'review dialog', true);
    await press(page, 'review-submit');
    const row = page.locator(`[data-testid="practical-results"] tr[data-ticket="${CANDIDATES[0].ticketNo}"]`);
    await row.getByTestId('practical-review').filter({ hasText: '78.5' }).waitFor();
    const results = await centre.get(`/exam-sessions/${level2SessionId}/practical-results`);
    expect(results.body.items![0]).toMatchObject({ ticketNo: CANDIDATES[0].ticketNo, review: 78.5 });
  });
});
