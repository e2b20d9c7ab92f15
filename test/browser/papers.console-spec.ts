import type { ChildProcess } from 'child_process';
import { spawnSync } from 'child_process';
import { join } from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_MAP } from '../support/items-factories';
import { startWorker, stopWorker } from '../support/worker-process';
import { BrowserHarness } from './harness';
import { axe, shot, signInByKeyboard } from './console-checks';

/**
 * Paper requests, papers and the audit log in the console, against the real API on MariaDB and Redis. The API process
 * only enqueues (RUN_JOBS=false): a separate `apps/api/dist/worker.js` on the same database and queue draws the papers.
 */
const h = new BrowserHarness();
const ADMIN = { username: 'papers-admin', password: 'papers-admin-pass' };
const PASSWORD = 'papers-test-pass';
const OCCUPATION = '9-98-98-01';
const OTHER = '9-98-98-02';
const LEVEL = '4';
const INSTITUTION = { code: 'T-PP-01', name: '组卷测试评价机构' };

type Api = Awaited<ReturnType<BrowserHarness['staff']>>;
let admin: Api;
let centreApi: Api;
let institutionApi: Api;
let worker: ChildProcess | undefined;
let requestId = '';
let paperId = '';

/** A date `days` from today, YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const env = () => ({
  DATABASE_URL: process.env.DATABASE_URL ?? '',
  REDIS_URL: process.env.REDIS_URL ?? '',
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'jd-papers-console',
  DB_POOL_SIZE: '4',
});

async function ok(res: Promise<{ status: number; body: unknown }>, status: number, what: string) {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

/** A bank of approved items made through the API: occupation, knowledge map, settings, items, review. */
async function seedBank(author: Api, reviewer: Api, occupation: string, name: string): Promise<void> {
  await ok(author.post('/occupations', { code: occupation, name, special: false }), 201, 'occupation');
  await ok(author.put(`/banks/${occupation}/${LEVEL}/knowledge-map`, TEST_MAP), 200, 'knowledge map');
  await ok(
    author.put(`/banks/${occupation}/${LEVEL}/settings`, {
      policyId: 'papers-console-test',
      template: { durationMinutes: 30, sections: [{ type: 'single', count: 5, pointsEach: 20 }] },
    }),
    200,
    'settings',
  );
  // Area A (60 %) gets 3 items a paper, B (40 %) 2: enough of each for two forms that overlap little.
  const points = [...Array(8).fill('A-01-00'), ...Array(6).fill('B-01-00')];
  const ids: string[] = [];
  for (const [k, prefix] of points.entries()) {
    const item = await ok(
      author.post('/items', {
        occupation,
        level: LEVEL,
        type: 'single',
        stem: `${name} 第${k + 1}题：额定电压为 ${220 + k} V 的设备，其安全操作要求是（ ）。`,
        options: [`要求甲${k}`, `要求乙${k}`, `要求丙${k}`, `要求丁${k}`],
        answer: 'ABCD'[k % 4],
        knowledgePoint: `${prefix}${1 + (k % 2)}`,
        difficulty: 1 + (k % 5),
      }),
      201,
      'item',
    );
    await ok(author.post(`/items/${item.id}/submit`), 200, 'submit');
    ids.push(String(item.id));
  }
  await ok(reviewer.post('/items/approve', { ids }), 200, 'approve items');
}

beforeAll(async () => {
  // The worker runs from the compiled output; build it (incremental, quick when up to date).
  const built = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('tsc -b failed');
  await h.start(
    {
      ...env(),
      DEMO: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RETENTION_PURGE_EVERY_MINUTES: '0',
      // This process serves HTTP and enqueues; the worker process alone consumes the assembly jobs.
      RUN_JOBS: 'false',
    },
    'console',
  );
  worker = await startWorker({ ...env(), DEMO: 'false', RUN_MIGRATIONS: 'false', WORKER_CONCURRENCY: '1' });

  admin = await h.staff(ADMIN.username, ADMIN.password);
  const users: Record<string, { roles: string[]; displayName: string }> = {
    'pp-author': { roles: ['author'], displayName: '组卷命题' },
    'pp-reviewer': { roles: ['reviewer'], displayName: '组卷审题' },
    'pp-centre': { roles: ['centre'], displayName: '组卷中心' },
  };
  for (const [username, u] of Object.entries(users))
    await ok(admin.post('/users', { username, password: PASSWORD, ...u }), 201, `user ${username}`);
  await ok(
    admin.post('/policies', {
      id: 'papers-console-test',
      name: '组卷测试政策',
      source: 'test',
      theoryMinItems: 10,
      practical: null,
      retentionYears: 5,
    }),
    201,
    'policy',
  );
  const author = await h.staff('pp-author', PASSWORD);
  const reviewer = await h.staff('pp-reviewer', PASSWORD);
  await seedBank(author, reviewer, OCCUPATION, '组卷工种');
  await seedBank(author, reviewer, OTHER, '范围外工种');
  centreApi = await h.staff('pp-centre', PASSWORD);
  const report = await ok(centreApi.get(`/banks/${OCCUPATION}/${LEVEL}/compliance`), 200, 'compliance');
  expect(report).toMatchObject({ met: true, shortfalls: [] });

  const inst = await ok(
    centreApi.post('/institutions', {
      ...INSTITUTION,
      type: 'training',
      scope: [{ occupation: OCCUPATION, levels: [LEVEL] }],
    }),
    201,
    'institution',
  );
  await ok(
    admin.post('/users', { username: 'pp-inst', password: PASSWORD, roles: ['institution'], institutionId: inst.id }),
    201,
    'institution user',
  );
  institutionApi = await h.staff('pp-inst', PASSWORD);
}, 240_000);

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await h.stop();
});

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  return h.newPage({ width: 1440, height: 900 });
}

const signIn = (page: Page, username: string, password = PASSWORD) =>
  signInByKeyboard(page, h.baseUrl, username, password);

/** Moves the focus onto an element and activates it with Enter, as a keyboard user would after tabbing there. */
async function press(page: Page, testId: string, key = 'Enter'): Promise<void> {
  const target = page.getByTestId(testId).first();
  await target.waitFor();
  await target.focus();
  await page.keyboard.press(key);
}

describe('paper requests, papers and audit in the console', () => {
  it('the institution requests two parallel forms, choosing only from its filed scope', async () => {
    const { context, page } = await open();
    await signIn(page, 'pp-inst');
    await press(page, 'nav-paperRequests');
    await page.getByTestId('requests-table').waitFor();
    await press(page, 'new-request');
    // The focus lands in the dialog's first field: the bank, which offers exactly the filed scope.
    await page.waitForFunction(() => document.activeElement?.id === 'request_bank');
    await page.keyboard.press('ArrowDown');
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await options.first().waitFor();
    await expect(options.allTextContents()).resolves.toEqual([`${OCCUPATION} · 四级/中级工`]);
    await expect(page.locator('.ant-select-dropdown').textContent()).resolves.not.toContain(OTHER);
    await page.keyboard.press('Enter');
    await axe(page, 'new paper request', true);
    await expect(page.locator('#request_forms').inputValue()).resolves.toBe('2');
    await page.locator('#request_examDate').focus();
    await page.keyboard.type(inDays(30));
    await page.keyboard.press('Enter');
    await press(page, 'request-submit');
    await page.locator('[data-testid="request-meta"] [data-request-status="submitted"]').waitFor();
    requestId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByTestId('request-meta').textContent()).resolves.toContain('平行试卷 2 套');
    await axe(page, 'paper request (institution)');
    await context.close();

    // Forced past the form, the API refuses a bank outside the scope.
    const forced = await institutionApi.post('/paper-requests', {
      occupation: OTHER,
      level: LEVEL,
      examDate: inDays(30),
      forms: 2,
    });
    expect(forced.status).toBe(403);
    expect(forced.body.code).toBe('OUT_OF_SCOPE');
  });

  it('the centre sees the request with the bank’s compliance, approves it and watches the draw reach ready', async () => {
    const { context, page } = await open();
    await signIn(page, 'pp-centre');
    await press(page, 'nav-paperRequests');
    const row = page.locator(`[data-testid="request-row"][data-request-id="${requestId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(INSTITUTION.name);
    const compliance = row.getByTestId('request-compliance');
    await compliance.waitFor();
    await expect(compliance.getAttribute('data-met')).resolves.toBe('true');
    await expect(compliance.textContent()).resolves.toContain('已达标');
    await axe(page, 'paper request queue');
    await shot(page, 'paper-requests');

    await press(page, `approve-${requestId}`);
    await page.waitForURL(`**/paper-requests/${requestId}`);
    const progress = page.getByTestId('request-progress');
    await progress.waitFor();
    await page.locator('[data-testid="request-meta"] [data-request-status="ready"]').waitFor({ timeout: 120_000 });
    await expect(progress.getAttribute('data-progress')).resolves.toBe('100');
    const links = page.getByTestId('request-paper-link');
    await links.nth(1).waitFor();
    await expect(links.count()).resolves.toBe(2);
    await axe(page, 'paper request ready');
    paperId = (await links.first().getAttribute('data-paper-id'))!;

    // The worker drew them: the API process never consumed the job.
    const request = await ok(centreApi.get(`/paper-requests/${requestId}`), 200, 'request');
    expect(request).toMatchObject({ status: 'ready', progress: 100 });

    await press(page, 'request-paper-link');
    await page.waitForURL(`**/papers/${paperId}`);
    await page.getByTestId('paper-key').first().waitFor();
    await expect(page.getByTestId('paper-position').count()).resolves.toBe(5);
    await press(page, 'paper-verify');
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    await expect(verdict.getAttribute('data-match')).resolves.toBe('true');
    await expect(verdict.textContent()).resolves.toContain('一致');
    const hash = await page.getByTestId('paper-content-hash').textContent();
    await expect(page.getByTestId('verify-rederived').textContent()).resolves.toBe(hash);
    await axe(page, 'paper');
    await shot(page, 'paper');

    await press(page, 'nav-papers');
    await page.locator(`[data-testid="paper-link"][data-paper-id="${paperId}"]`).waitFor();
    const list = (await page.getByTestId('papers-table').textContent()) ?? '';
    expect(list).toContain('pp-inst');
    expect(list).toContain('pp-centre');
    await axe(page, 'papers');
    await context.close();
  }, 300_000);

  it('the institution cannot open a sealed paper', async () => {
    const { context, page } = await open();
    await signIn(page, 'pp-inst');
    await page.goto(`${h.baseUrl}/console/paper-requests/${requestId}`);
    await page.getByTestId('request-papers').waitFor();
    await press(page, 'request-paper-link');
    const refusal = page.getByTestId('paper-error');
    await refusal.waitFor();
    await expect(refusal.getAttribute('data-code')).resolves.toBe('PAPER_SEALED');
    await expect(refusal.textContent()).resolves.toContain('密封');
    await expect(page.getByTestId('paper-positions').count()).resolves.toBe(0);
    await axe(page, 'sealed paper (institution)');
    await context.close();

    const api = await institutionApi.get(`/papers/${paperId}`);
    expect(api.status).toBe(403);
    expect(api.body.code).toBe('PAPER_SEALED');
  });

  it('the centre verifies the audit chain, finds the approval by filter and sees who tried to read the paper', async () => {
    const { context, page } = await open();
    await signIn(page, 'pp-centre');
    await press(page, 'nav-audit');
    await page.getByTestId('audit-table').waitFor();
    await press(page, 'audit-verify');
    const chain = page.getByTestId('audit-verify-result');
    await chain.waitFor();
    await expect(chain.getAttribute('data-ok')).resolves.toBe('true');

    await page.locator('#audit_action').focus();
    await page.keyboard.type('paper-request.approve');
    await page.keyboard.press('Enter');
    await page.waitForURL(/action=paper-request.approve/);
    const rows = page.locator('[data-testid="audit-table"] [data-testid="audit-row"]');
    // The unfiltered page stays on screen until the filtered one arrives; other suites on this database approve
    // requests of their own, so every row is an approval and this request's is among them.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="audit-row"]')).every(
        (r) => r.getAttribute('data-action') === 'paper-request.approve',
      ),
    );
    await page.locator(`[data-testid="audit-row"][data-entity-id="${requestId}"]`).waitFor();
    await expect(
      page.locator(`[data-testid="audit-row"][data-entity-id="${requestId}"]`).getAttribute('data-action'),
    ).resolves.toBe('paper-request.approve');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('audit-table').textContent()).resolves.toContain('pp-centre');
    await axe(page, 'audit log');
    await shot(page, 'audit');

    // The paper's own trail: the centre's read and verification, the institution's refused read.
    await page.goto(`${h.baseUrl}/console/papers/${paperId}`);
    await page.locator('[data-testid="trail-action"][data-action="paper.read-refused"]').first().waitFor();
    const trail = await page
      .locator('[data-testid="trail-action"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(trail).toEqual(expect.arrayContaining(['paper.read', 'paper.verify', 'paper.read-refused']));
    await context.close();
  });
});
