import type { BrowserContext, Page } from 'playwright-core';
import { idCheckDigit } from '@jianding/exam';
import { BrowserHarness, signInAndStart, waitSaved } from './harness';
import { axe, press, readXlsx, readXlsxSheets, shot, signInByKeyboard } from './console-checks';

/**
 * Exam sessions and results in the staff console, against the real API on the MariaDB and Redis that scripts/test.mjs
 * hands over. The API runs the assembly job in-process (RUN_JOBS); the candidates sit the exam in the built exam
 * client served by the same process.
 */
const h = new BrowserHarness();
const ADMIN = { username: 'sessions-admin', password: 'sessions-admin-pass' };
const PASSWORD = 'sessions-test-pass';
const OCCUPATION = { code: '9-88-77-01', name: '场次测试工种' };
const LEVEL = '4';
const ROOM = '第三考场（实训楼 301）';
/** Two single-choice items of 50 points: the right option's text, so a candidate can pick it whatever the shuffle. */
const ITEMS = [
  {
    stem: '场次测试第一题：我国安全电压额定值的最高一级为多少伏？',
    options: ['42 V', '36 V', '24 V', '12 V'],
    answer: 'A',
  },
  { stem: '场次测试第二题：电气火灾应首先使用哪种灭火器？', options: ['干粉', '泡沫', '清水', '湿棉被'], answer: 'A' },
  {
    stem: '场次测试第三题：触电急救首先应做什么？',
    options: ['切断电源', '拨打电话', '人工呼吸', '搬动伤者'],
    answer: 'A',
  },
];

function idNumber(n: number): string {
  const body = `11010519${80 + n}0${1 + (n % 9)}1${n % 10}${String(100 + n).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}
const CANDIDATES = [1, 2, 3].map((n) => ({
  ticketNo: `SC2026${String(n).padStart(3, '0')}`,
  name: `考生${'甲乙丙'[n - 1]}`,
  idNumber: idNumber(n),
}));

type Api = Awaited<ReturnType<BrowserHarness['staff']>>;
let centre: Api;
let institution: Api;
let requestId = '';
let sessionId = '';
let proctorId = '';

async function waitReady(id: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const r = await institution.get(`/paper-requests/${id}`);
    if (r.body.status === 'ready') return;
    if (r.body.status === 'failed' || r.body.status === 'rejected') throw new Error(JSON.stringify(r.body));
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error('the paper request did not become ready');
}

beforeAll(async () => {
  await h.start(
    {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX ?? 'jd-console'}-sessions`,
      DEMO: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RETENTION_PURGE_EVERY_MINUTES: '0',
      // The assembly job runs in this process; the worker's own test covers the separate process.
      RUN_JOBS: 'true',
      DB_POOL_SIZE: '4',
    },
    'console',
  );
  const admin = await h.staff(ADMIN.username, ADMIN.password);
  for (const [username, roles] of [
    ['sc-author', ['author']],
    ['sc-reviewer', ['reviewer']],
    ['sc-centre', ['centre']],
  ] as const)
    expect((await admin.post('/users', { username, password: PASSWORD, roles, displayName: username })).status).toBe(
      201,
    );
  expect(
    (
      await admin.post('/policies', {
        id: 'sessions-test',
        name: '场次测试政策',
        source: 'test',
        theoryMinItems: 3,
        practical: null,
        retentionYears: 5,
      })
    ).status,
  ).toBe(201);
  const author = await h.staff('sc-author', PASSWORD);
  const reviewer = await h.staff('sc-reviewer', PASSWORD);
  centre = await h.staff('sc-centre', PASSWORD);
  expect((await author.post('/occupations', OCCUPATION)).status).toBe(201);
  const map = {
    areas: [
      {
        code: 'A',
        name: '基础知识',
        weight: 100,
        children: [{ code: 'A-001', name: '安全用电', importance: 'X' }],
      },
    ],
  };
  expect((await author.put(`/banks/${OCCUPATION.code}/${LEVEL}/knowledge-map`, map)).status).toBe(200);
  expect(
    (
      await author.put(`/banks/${OCCUPATION.code}/${LEVEL}/settings`, {
        policyId: 'sessions-test',
        template: { durationMinutes: 30, sections: [{ type: 'single', count: 2, pointsEach: 50 }] },
      })
    ).status,
  ).toBe(200);
  for (const item of ITEMS) {
    const created = await author.post('/items', {
      occupation: OCCUPATION.code,
      level: LEVEL,
      type: 'single',
      knowledgePoint: 'A-001',
      difficulty: 3,
      ...item,
    });
    expect(created.status).toBe(201);
    expect((await author.post(`/items/${created.body.id}/submit`)).status).toBe(200);
    expect((await reviewer.post(`/items/${created.body.id}/approve`)).status).toBe(200);
  }
  const inst = await centre.post('/institutions', {
    code: 'SC-001',
    name: '场次测试考核站',
    type: 'training',
    scope: [{ occupation: OCCUPATION.code, levels: [LEVEL] }],
  });
  expect(inst.status).toBe(201);
  expect(
    (
      await admin.post('/users', {
        username: 'sc-institution',
        password: PASSWORD,
        roles: ['institution'],
        institutionId: inst.body.id,
      })
    ).status,
  ).toBe(201);
  const proctorUser = await admin.post('/users', {
    username: 'sc-proctor',
    password: PASSWORD,
    roles: ['proctor'],
    institutionId: inst.body.id,
  });
  expect(proctorUser.status).toBe(201);
  proctorId = String(proctorUser.body.id);
  institution = await h.staff('sc-institution', PASSWORD);
  const request = await institution.post('/paper-requests', {
    occupation: OCCUPATION.code,
    level: LEVEL,
    examDate: new Date().toISOString().slice(0, 10),
    forms: 1,
  });
  expect(request.status).toBe(201);
  requestId = String(request.body.id);
  expect((await centre.post(`/paper-requests/${requestId}/approve`, {})).status).toBeLessThan(300);
  await waitReady(requestId);
}, 180_000);
afterAll(() => h.stop());

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  return h.newPage({ width: 1440, height: 900 });
}

const signIn = (page: Page, username: string, password = PASSWORD) =>
  signInByKeyboard(page, h.baseUrl, username, password);

const rosterCsv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${[['准考证号', '姓名', '身份证号'], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

/** A minute ago, as a datetime-local value in the browser's own time zone. */
const localStart = (page: Page) =>
  page.evaluate(() => {
    const d = new Date(Date.now() - 60_000);
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 16);
  });

/** The candidate answers each item: the right option for the positions in `right`, a wrong one for the others. */
async function sit(page: Page, ticketNo: string, id: string, right: (position: number) => boolean): Promise<void> {
  await signInAndStart(page, h.baseUrl, ticketNo, id);
  const shown = await page.evaluate<{
    items: { position: number; stem: string; options: { key: string; text: string }[] }[];
  }>(async () => {
    const res = await fetch('/api/v1/exam/attempt', {
      headers: { authorization: `Bearer ${localStorage.getItem('jianding.exam.token')}` },
    });
    return res.json();
  });
  expect(shown.items).toHaveLength(2);
  for (const item of shown.items) {
    const source = ITEMS.find((i) => i.stem === item.stem)!;
    const rightText = source.options['ABCD'.indexOf(source.answer)];
    const option = item.options.find((o) => (right(item.position) ? o.text === rightText : o.text !== rightText))!;
    await page.getByTestId(`option-${option.key}`).click();
    await page.waitForSelector(`[data-testid="option-${option.key}"][data-selected="true"]`);
    if (item.position < shown.items.length) await page.keyboard.press('ArrowRight');
  }
  await waitSaved(page);
  await page.getByTestId('submit-open').click();
  await page.getByTestId('submit-confirm').click();
  await page.getByTestId('result-score').waitFor();
}

describe('exam sessions and results in the console', () => {
  it('the institution creates a session on the ready request by keyboard', async () => {
    const { context, page } = await open();
    await signIn(page, 'sc-institution');
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('sessions-table').waitFor();
    await axe(page, 'sessions list');
    await press(page, 'new-session');
    // The dialog's first field, the paper request, has the focus: open it and take the first ready request.
    await page.locator('[data-testid="session-request"] input').waitFor();
    await page
      .waitForFunction(() => document.activeElement?.closest('[data-testid="session-request"]') !== null, null, {
        timeout: 5000,
      })
      .catch(async (err: Error) => {
        throw new Error(
          `${err.message}: focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300))}`,
        );
      });
    await page.keyboard.press('ArrowDown');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('电工四级理论 上午场');
    await page.keyboard.press('Tab');
    await page.keyboard.type(ROOM);
    await page.getByTestId('session-starts').fill(await localStart(page));
    await page.getByTestId('session-duration').fill('60');
    await axe(page, 'new session dialog');
    await press(page, 'session-create');
    await page.getByTestId('session-title').waitFor();
    await expect(page.getByTestId('session-title').textContent()).resolves.toContain('上午场');
    sessionId = page.url().split('/sessions/')[1].split(/[/?]/)[0];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const created = await institution.get(`/exam-sessions/${sessionId}`);
    expect(created.body).toMatchObject({
      paperRequestId: requestId,
      room: ROOM,
      durationMinutes: 60,
      showResult: true,
    });

    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('session-link').first().waitFor();
    await shot(page, 'sessions');
    await context.close();
  });

  it('imports a roster with a bad row (shown, nothing saved), then the good file, with masked ID numbers', async () => {
    const { context, page } = await open();
    await signIn(page, 'sc-institution');
    await page.goto(`${h.baseUrl}/console/sessions/${sessionId}`);
    await page.getByTestId('roster-table').waitFor();
    // The institution assigns its proctor to the session: a proctor sees only the sessions assigned to them.
    await page.locator('[data-testid="proctors-select"] input').focus();
    await page.keyboard.type('sc-proctor');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'sc-proctor',
      })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await press(page, 'proctors-save');
    await page.getByText('监考员已保存').waitFor();
    expect((await institution.get(`/exam-sessions/${sessionId}/proctors`)).body.assigned).toEqual([
      expect.objectContaining({ userId: proctorId }),
    ]);
    await axe(page, 'session proctors');
    const bad = CANDIDATES.map((c) => [c.ticketNo, c.name, c.idNumber]);
    bad[1] = [bad[1][0], bad[1][1], bad[1][2].slice(0, 17) + (bad[1][2][17] === '0' ? '1' : '0')];
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: rosterCsv(bad) });
    await press(page, 'roster-start');
    await page.getByTestId('roster-refused').waitFor();
    const errors = page.getByTestId('roster-errors').locator('tr.ant-table-row');
    await expect(errors.count()).resolves.toBe(1);
    const errorText = (await errors.first().textContent()) ?? '';
    expect(errorText).toContain('3');
    expect(errorText).toContain('身份证号');
    expect(errorText).toContain('GB 11643');
    expect((await institution.get(`/exam-sessions/${sessionId}`)).body.candidateCount).toBe(0);
    await axe(page, 'roster import errors');

    await page.locator('input[type=file]').setInputFiles({
      name: 'roster-fixed.csv',
      mimeType: 'text/csv',
      buffer: rosterCsv(CANDIDATES.map((c) => [c.ticketNo, c.name, c.idNumber])),
    });
    await press(page, 'roster-start');
    await expect(page.getByTestId('roster-done').textContent()).resolves.toContain('3');
    const masked = page.getByTestId('masked-id');
    await masked.nth(2).waitFor();
    const shown = await masked.allTextContents();
    expect(shown).toEqual(CANDIDATES.map((c) => `**************${c.idNumber.slice(-4)}`));
    const table = (await page.getByTestId('roster-table').textContent()) ?? '';
    for (const c of CANDIDATES) {
      expect(table).toContain(c.ticketNo);
      expect(table).not.toContain(c.idNumber);
      expect(table).not.toContain(c.idNumber.slice(0, 14));
    }
    await axe(page, 'roster');
    await shot(page, 'roster');
    await context.close();
  });

  it('opens the admission slips, one printed page per candidate, and prints by keyboard', async () => {
    const { context, page } = await open();
    await signIn(page, 'sc-institution');
    await page.goto(`${h.baseUrl}/console/sessions/${sessionId}`);
    await press(page, 'open-slips');
    await page.getByTestId('slip').nth(2).waitFor();
    const slips = page.getByTestId('slip');
    await expect(slips.count()).resolves.toBe(3);
    for (let i = 0; i < 3; i++) {
      const text = (await slips.nth(i).textContent()) ?? '';
      expect(text).toContain(CANDIDATES[i].ticketNo);
      expect(text).toContain(CANDIDATES[i].name);
      expect(text).toContain(ROOM);
      expect(text).toContain('上午场');
      expect(text).not.toContain(CANDIDATES[i].idNumber);
    }
    await axe(page, 'admission slips');
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await press(page, 'print-slips');
    await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);
    await shot(page, 'slips');
    // The print stylesheet: no header, navigation or buttons, and a page break after every slip but the last.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.jd-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print-slips').isVisible()).resolves.toBe(false);
    const breaks = await slips.evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter));
    expect(breaks).toEqual(['page', 'page', 'auto']);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('a proctor watches the session live and pauses and resumes a candidate with a reason, by keyboard', async () => {
    // The first candidate is signed in (as the exam client does it); the other two have not arrived.
    const login = await fetch(`${h.baseUrl}/api/v1/exam/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticketNo: CANDIDATES[0].ticketNo, idNumber: CANDIDATES[0].idNumber }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const attempt = (await (
      await fetch(`${h.baseUrl}/api/v1/exam/attempt`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { attemptId: string };

    const { context, page } = await open();
    await signIn(page, 'sc-proctor');
    // A proctor's navigation holds the live view and the account, nothing else.
    await expect(
      page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
    ).resolves.toEqual(['nav-monitor', 'nav-account']);
    await press(page, 'nav-monitor');
    await page.getByTestId('session-link').first().waitFor();
    await press(page, 'session-link');
    const row = page.locator(`[data-testid="monitor-table"] tr[data-ticket="${CANDIDATES[0].ticketNo}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-state')).resolves.toBe('answering');
    await expect(page.getByTestId('monitor-count-not_started').getAttribute('data-count')).resolves.toBe('2');
    await axe(page, 'monitor');

    // Pause: the dialog takes the focus, the reason is required, the row turns to paused.
    await row.getByTestId('monitor-pause').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'monitor-reason');
    await press(page, 'monitor-action-submit');
    await page.getByText('请填写原因（至少 2 个字）').waitFor();
    await page.getByTestId('monitor-reason').focus();
    await page.keyboard.type('考生身体不适，暂离考场');
    await axe(page, 'pause dialog', true);
    await press(page, 'monitor-action-submit');
    await page
      .locator(`[data-testid="monitor-table"] tr[data-ticket="${CANDIDATES[0].ticketNo}"][data-state="paused"]`)
      .waitFor();
    await expect(page.getByTestId('monitor-count-paused').getAttribute('data-count')).resolves.toBe('1');
    const view = (await (
      await fetch(`${h.baseUrl}/api/v1/exam/attempt`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { paused: boolean };
    expect(view.paused).toBe(true);

    // The filter lives in the URL: a shared link shows the paused candidates only.
    await page.goto(`${page.url().split('?')[0]}?state=paused`);
    await row.waitFor();
    await expect(page.locator('[data-testid="monitor-table"] tr.ant-table-row').count()).resolves.toBe(1);
    await shot(page, 'monitor');

    await row.getByTestId('monitor-resume').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'monitor-reason');
    await page.keyboard.type('已返回考场');
    await press(page, 'monitor-action-submit');
    // Resumed, the candidate leaves the paused filter.
    await row.waitFor({ state: 'detached' });

    // An irregularity: the category by keyboard, what was seen, then the session record names it.
    await page.goto(page.url().split('?')[0]);
    await row.getByTestId('monitor-irregularity').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="monitor-category"]') !== null);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('monitor-reason').focus();
    await page.keyboard.type('考生桌面放有手机');
    await axe(page, 'irregularity dialog', true);
    await press(page, 'monitor-action-submit');
    await page.getByText(`已记录 ${CANDIDATES[0].name} 的违纪/异常`).waitFor();
    const file = page.waitForEvent('download');
    await press(page, 'export-record');
    const wb = await readXlsxSheets(await (await file).path());
    expect(wb[0].map((r) => r[0])).toContain(CANDIDATES[0].ticketNo);
    expect(wb[1].slice(1).map((r) => r[3])).toEqual(['暂停', '恢复', '违纪/异常记录']);
    const audit = await centre.get(`/audit?entity=attempt&id=${attempt.attemptId}`);
    expect((audit.body.items ?? []).map((e) => e.action)).toEqual(
      expect.arrayContaining(['attempt.pause', 'attempt.resume']),
    );
    await context.close();
  });

  it('three candidates sit the exam in the exam client', async () => {
    const plans: ((position: number) => boolean)[] = [() => true, (p) => p === 1, () => false];
    for (let i = 0; i < 3; i++) {
      const { context, page } = await h.newPage();
      await sit(page, CANDIDATES[i].ticketNo, CANDIDATES[i].idNumber, plans[i]);
      expect(Number(await page.getByTestId('result-score').textContent())).toBe([100, 50, 0][i]);
      await context.close();
    }
  });

  it('the institution sees the results with the distribution and exports them; it requests a correction', async () => {
    const { context, page } = await open();
    await signIn(page, 'sc-institution');
    await page.getByTestId('nav-results').click();
    await page.getByTestId('session-link').first().waitFor();
    await page.getByTestId('session-link').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('results-table').locator('tr.ant-table-row').nth(2).waitFor();
    const summary = (await page.getByTestId('results-summary').textContent()) ?? '';
    expect(summary).toContain('50');
    const scores = await page.getByTestId('result-score').allTextContents();
    expect(scores).toEqual(['100', '50', '0']);
    // The chart has a text alternative with the same numbers.
    await page.locator('[data-testid="score-distribution"] .recharts-bar-rectangle').first().waitFor();
    const bands = await page
      .locator('[data-testid="distribution-table"] td')
      .evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-band'), td.textContent])));
    expect(bands).toMatchObject({ '0–9': '1', '50–59': '1', '90–100': '1', '10–19': '0' });
    await expect(page.getByTestId('results-table').textContent()).resolves.not.toContain(CANDIDATES[0].idNumber);
    await axe(page, 'results');

    const file = page.waitForEvent('download');
    await press(page, 'export-results');
    const rows = await readXlsx(await (await file).path());
    expect(rows[0].slice(0, 6)).toEqual(['准考证号', '姓名', '身份证号', '状态', '成绩', '是否合格']);
    expect(rows.slice(1).map((r) => [r[0], r[4], r[5]])).toEqual([
      [CANDIDATES[0].ticketNo, '100', '合格'],
      [CANDIDATES[1].ticketNo, '50', '不合格'],
      [CANDIDATES[2].ticketNo, '0', '不合格'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(CANDIDATES[1].idNumber);

    // A correction request for the second candidate: 50 → 60, with a reason; nothing changes until the centre decides.
    await press(page, `correct-${CANDIDATES[1].ticketNo}`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'correction-score', null, {
      timeout: 5000,
    });
    await page.keyboard.type('60');
    await page.keyboard.press('Tab');
    await page.keyboard.type('第2题标准答案有误，经专家组复核应给分');
    await axe(page, 'correction dialog');
    await press(page, 'correction-submit');
    await page.locator('[data-testid="corrections-table"] tr[data-status="requested"]').waitFor();
    await expect(page.getByTestId('result-score').nth(1).textContent()).resolves.toBe('50');
    await shot(page, 'results');
    await context.close();
  });

  it('the centre approves the correction; the original score stays in the history', async () => {
    const { context, page } = await open();
    await signIn(page, 'sc-centre');
    await page.goto(`${h.baseUrl}/console/results/${sessionId}`);
    const pending = page.locator('[data-testid="corrections-table"] tr[data-status="requested"]');
    await pending.waitFor();
    await expect(pending.textContent()).resolves.toContain('第2题标准答案有误');
    const approve = pending.locator('[data-testid^="approve-correction-"]');
    await approve.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="corrections-table"] tr[data-status="approved"]').waitFor();
    await expect(page.getByTestId('result-score').nth(1).textContent()).resolves.toContain('60');

    await press(page, `history-${CANDIDATES[1].ticketNo}`);
    const history = page.getByTestId('score-history');
    await history.locator('tr[data-kind="correction"]').waitFor();
    await expect(history.locator('tr[data-kind="auto"]').textContent()).resolves.toContain('50');
    await expect(history.locator('tr[data-kind="correction"]').textContent()).resolves.toContain('60');
    await expect(history.locator('tr[data-kind="correction"]').textContent()).resolves.toContain('第2题标准答案有误');
    await axe(page, 'score history');
    await page.keyboard.press('Escape');
    await context.close();

    // The institution sees both records, and the request with its decision.
    const attemptId = (await institution.get(`/exam-sessions/${sessionId}/results`)).body.items!.find(
      (r) => r.ticketNo === CANDIDATES[1].ticketNo,
    )!.attemptId as string;
    const scores = await institution.get(`/attempts/${attemptId}/scores`);
    expect((scores.body.records as { kind: string; score: number }[]).map((r) => [r.kind, r.score])).toEqual([
      ['auto', 50],
      ['correction', 60],
    ]);
    const audit = await centre.get(`/audit?entity=attempt&id=${attemptId}`);
    expect(audit.body.items!.map((e) => e.action)).toEqual(
      expect.arrayContaining(['score.correction_request', 'score.correct']),
    );
  });

  it("the centre opens an attempt's answer log as a timeline and downloads the session's log", async () => {
    const { context, page } = await open();
    await signIn(page, 'sc-centre');
    await page.goto(`${h.baseUrl}/console/results/${sessionId}`);
    await page.getByTestId(`log-${CANDIDATES[0].ticketNo}`).waitFor();
    const file = page.waitForEvent('download');
    await press(page, 'export-log-xlsx');
    const rows = await readXlsx(await (await file).path());
    expect(rows[0][0]).toContain('准考证号');
    expect(rows.length).toBeGreaterThanOrEqual(7); // header + two answers for each of three candidates

    await press(page, `log-${CANDIDATES[0].ticketNo}`);
    const entries = page.getByTestId('log-entry');
    await entries.nth(1).waitFor();
    await expect(entries.count()).resolves.toBe(2);
    const first = (await entries.first().textContent()) ?? '';
    expect(first).toContain('#1');
    expect(first).toContain('第 1 题');
    expect(first).toContain('考生端时间');
    expect(first).toContain('服务器时间');
    await expect(entries.nth(1).getAttribute('data-seq')).resolves.toBe('2');
    await axe(page, 'answer log');
    await shot(page, 'answer-log');
    await context.close();
  });
});
