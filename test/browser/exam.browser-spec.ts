import { join } from 'path';
import type { Page } from 'playwright-core';
import {
  AnswerLogEntity,
  AttemptEntity,
  ExamSessionEntity,
  IntegrityEventEntity,
  ScoreRecordEntity,
} from '../../apps/api/src/modules/exam/exam.entities';
import { ItemVersionEntity } from '../../apps/api/src/modules/items/item.entities';
import { PaperEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { idCheckDigit } from '@jianding/exam';
import { demoRoster } from '../../apps/api/src/modules/demo/demo-roster';
import { DEMO_INSTITUTION } from '../../apps/api/src/modules/demo/demo.service';
import { BrowserHarness, currentPosition, SCREENSHOTS, signInAndStart, waitSaved } from './harness';

type Choice = boolean | string;
interface ShownItem {
  position: number;
  type: 'judge' | 'single' | 'multiple';
  stem: string;
  options: { key: string; text: string }[];
}

const h = new BrowserHarness();
const roster = demoRoster(30);

beforeAll(() => h.start(), 120_000);
afterAll(() => h.stop());

async function shownAttempt(page: Page): Promise<{ attemptId: string; items: ShownItem[] }> {
  return page.evaluate<{ attemptId: string; items: ShownItem[] }>(async () => {
    const res = await fetch('/api/v1/exam/attempt', {
      headers: { authorization: `Bearer ${localStorage.getItem('jianding.exam.token')}` },
    });
    return res.json();
  });
}

/**
 * The correct choice per position in the letters this candidate sees, worked out independently of the server's
 * scorer: from the paper's item versions, matching option texts to what the page shows.
 */
async function answerKey(attemptId: string, shown: ShownItem[]): Promise<Map<number, Choice>> {
  const m = h.db.manager;
  const attempt = await m.findOneByOrFail(AttemptEntity, { id: attemptId });
  const paper = await m.findOneByOrFail(PaperEntity, { id: attempt.paperId });
  const positions = (JSON.parse(paper.body) as { positions: { position: number; versionId: string }[] }).positions;
  const key = new Map<number, Choice>();
  for (const item of shown) {
    const versionId = positions.find((p) => p.position === item.position)!.versionId;
    const content = JSON.parse((await m.findOneByOrFail(ItemVersionEntity, { id: versionId })).content) as {
      stem: string;
      options: string[];
      answer: boolean | string;
    };
    expect(content.stem).toBe(item.stem);
    if (item.type === 'judge') {
      key.set(item.position, content.answer as boolean);
    } else {
      const rightText = content.options['ABCDEFGH'.indexOf(content.answer as string)];
      key.set(item.position, item.options.find((o) => o.text === rightText)!.key);
    }
  }
  return key;
}

const wrong = (item: ShownItem, right: Choice): Choice =>
  item.type === 'judge' ? !right : item.options.find((o) => o.key !== right)!.key;

async function choose(page: Page, item: ShownItem, choice: Choice, by: 'mouse' | 'keyboard'): Promise<void> {
  if (by === 'mouse') {
    await page.getByTestId(`option-${String(choice)}`).click();
  } else if (item.type === 'judge') {
    await page.keyboard.press(choice ? '1' : '2');
  } else {
    await page.keyboard.press(choice as string);
  }
  await page.waitForSelector(`[data-testid="option-${String(choice)}"][data-selected="true"]`);
}

describe('Exam client in Chromium', () => {
  it('is served at /exam with a strict CSP, an uncached page and year-long hashed assets', async () => {
    const page = await fetch(`${h.baseUrl}/exam/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    const asset = /\/exam\/assets\/[\w.-]+\.js/.exec(html)![0];
    const js = await fetch(`${h.baseUrl}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    // A deep link inside the client still gets the page.
    expect((await fetch(`${h.baseUrl}/exam/anything/here`)).status).toBe(200);
  });

  it('lets a candidate answer a 100-item paper by mouse and keyboard, submit, and see the right score', async () => {
    const { context, page } = await h.newPage();
    const c = roster[1];
    await signInAndStart(page, h.baseUrl, c.ticketNo, c.idNumber, 'sign-in.png');
    const { attemptId, items } = await shownAttempt(page);
    expect(items).toHaveLength(100);
    const key = await answerKey(attemptId, items);

    // 77 right, 23 wrong: the first half by mouse, the rest by keyboard, moving with → as a candidate would.
    let expected = 0;
    for (const item of items) {
      expect(await currentPosition(page)).toBe(item.position);
      const right = item.position % 4 !== 0 || item.position > 92;
      const choice = right ? key.get(item.position)! : wrong(item, key.get(item.position)!);
      if (right) expected += 1;
      await choose(page, item, choice, item.position <= 50 ? 'mouse' : 'keyboard');
      if (item.position === 3) await page.screenshot({ path: join(SCREENSHOTS, 'question.png') });
      if (item.position < items.length) await page.keyboard.press('ArrowRight');
    }
    expect(expected).toBe(77);
    await waitSaved(page);
    await page.getByTestId('navigator').screenshot({ path: join(SCREENSHOTS, 'navigator.png') });
    expect(await page.locator('[data-testid^="nav-item-"][data-answered="true"]').count()).toBe(100);

    await page.getByTestId('submit-open').click();
    await expect(page.getByTestId('submit-unanswered').count()).resolves.toBe(0);
    await page.getByTestId('submit-confirm').click();
    await page.getByTestId('result-score').waitFor();
    expect(Number(await page.getByTestId('result-score').textContent())).toBe(77);
    expect(await page.getByTestId('result-passed').getAttribute('data-passed')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'result.png') });

    const record = await h.db.manager.findOneByOrFail(ScoreRecordEntity, { attemptId, kind: 'auto' });
    expect(Number(record.score)).toBe(77);
    await context.close();
  });

  it('resumes after a reload on the same question with every answer and the time still running', async () => {
    const { context, page } = await h.newPage();
    const c = roster[2];
    await signInAndStart(page, h.baseUrl, c.ticketNo, c.idNumber);
    const { items } = await shownAttempt(page);
    const picked = new Map<number, Choice>();
    for (const item of items.slice(0, 12)) {
      const choice = item.type === 'judge' ? false : item.options[1].key;
      await choose(page, item, choice, 'mouse');
      picked.set(item.position, choice);
      await page.keyboard.press('ArrowRight');
    }
    expect(await currentPosition(page)).toBe(13);
    await waitSaved(page);
    const before = Number(await page.getByTestId('countdown').getAttribute('data-remaining'));

    await page.reload();
    await page.getByTestId('question-stem').waitFor();
    expect(await currentPosition(page)).toBe(13);
    if (await page.getByTestId('fullscreen-return').isVisible()) await page.getByTestId('fullscreen-return').click();
    await page.waitForTimeout(1500);
    const after = Number(await page.getByTestId('countdown').getAttribute('data-remaining'));
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    for (const [position, choice] of picked) {
      await page.getByTestId(`nav-item-${position}`).click();
      await page.waitForSelector(`[data-testid="option-${String(choice)}"][data-selected="true"]`);
    }
    await context.close();
  });

  it('keeps answering offline, shows it, and delivers every answer in order when the network returns', async () => {
    const { context, page } = await h.newPage();
    const c = roster[3];
    await signInAndStart(page, h.baseUrl, c.ticketNo, c.idNumber);
    const { attemptId, items } = await shownAttempt(page);

    await page.route('**/api/v1/exam/**', (route) => route.abort('internetdisconnected'));
    const sent: { position: number; choice: Choice }[] = [];
    for (const item of items.slice(0, 8)) {
      const choice = item.type === 'judge' ? true : item.options[0].key;
      await choose(page, item, choice, 'keyboard');
      sent.push({ position: item.position, choice });
      await page.keyboard.press('ArrowRight');
    }
    // Change one answer again while offline: both changes must arrive, the later one last.
    await page.getByTestId('nav-item-1').click();
    const changed = items[0].type === 'judge' ? false : items[0].options[2].key;
    await choose(page, items[0], changed, 'mouse');
    sent.push({ position: 1, choice: changed });

    await page.waitForSelector('[data-testid="save-status"][data-state="offline"]');
    expect(Number(await page.getByTestId('save-status').getAttribute('data-pending'))).toBeGreaterThanOrEqual(
      sent.length,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'offline.png') });

    await page.unroute('**/api/v1/exam/**');
    await waitSaved(page);
    const log = await h.db.manager.find(AnswerLogEntity, { where: { attemptId }, order: { seq: 'ASC' } });
    expect(log.map((l) => ({ position: l.position, choice: JSON.parse(l.answer) as Choice }))).toEqual(sent);
    expect(log.map((l) => l.seq)).toEqual([...log.map((l) => l.seq)].sort((a, b) => a - b));
    await context.close();
  });

  it('covers the exam when fullscreen is left and reports the event to the API', async () => {
    const { context, page } = await h.newPage();
    const c = roster[4];
    await signInAndStart(page, h.baseUrl, c.ticketNo, c.idNumber);
    const { attemptId } = await shownAttempt(page);
    await page.evaluate(() => document.exitFullscreen());
    await page.getByTestId('fullscreen-warning').waitFor();
    let events: IntegrityEventEntity[] = [];
    for (let i = 0; i < 50 && !events.some((e) => e.type === 'fullscreen_exit'); i++) {
      await page.waitForTimeout(100);
      events = await h.db.manager.findBy(IntegrityEventEntity, { attemptId });
    }
    expect(events.map((e) => e.type)).toContain('fullscreen_exit');

    const inst = await h.staff(DEMO_INSTITUTION.username, DEMO_INSTITUTION.password);
    const attempt = await h.db.manager.findOneByOrFail(AttemptEntity, { id: attemptId });
    const monitor = await inst.get(`/exam-sessions/${attempt.sessionId}/monitor`);
    expect(monitor.status).toBe(200);
    expect(JSON.stringify(monitor.body)).toContain('fullscreen_exit');

    await page.getByTestId('fullscreen-return').click();
    await page.getByTestId('fullscreen-warning').waitFor({ state: 'detached' });
    await context.close();
  });

  it('shows a pause the proctor made, keeps the answer given meanwhile, and sends it on resume', async () => {
    const { context, page } = await h.newPage();
    const c = roster[5];
    await signInAndStart(page, h.baseUrl, c.ticketNo, c.idNumber);
    const { attemptId, items } = await shownAttempt(page);
    const inst = await h.staff(DEMO_INSTITUTION.username, DEMO_INSTITUTION.password);
    expect((await inst.post(`/attempts/${attemptId}/pause`, { reason: '考生身体不适' })).status).toBe(200);

    // The next answer meets the pause: the exam is covered and the countdown stands still.
    await choose(page, items[0], items[0].type === 'judge' ? true : items[0].options[0].key, 'mouse');
    await page.getByTestId('paused').waitFor();
    // The client stops its clock at once, then takes the server's frozen time (the pause began a moment before the
    // client heard of it, so that time comes back): from then on the countdown does not move.
    const countdown = () => page.getByTestId('paused-countdown').textContent();
    let frozen = await countdown();
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(1_100);
      const now = await countdown();
      if (now === frozen) break;
      frozen = now;
    }
    await page.waitForTimeout(2_100);
    await expect(countdown()).resolves.toBe(frozen);
    await page.screenshot({ path: join(SCREENSHOTS, 'paused.png') });
    expect(await h.db.manager.countBy(AnswerLogEntity, { attemptId })).toBe(0);

    expect((await inst.post(`/attempts/${attemptId}/resume`, { reason: '已恢复' })).status).toBe(200);
    await page.getByTestId('paused').waitFor({ state: 'detached', timeout: 15_000 });
    await waitSaved(page);
    expect(await h.db.manager.countBy(AnswerLogEntity, { attemptId })).toBe(1);
    await context.close();
  });

  it('submits by itself when the countdown reaches zero', async () => {
    const inst = await h.staff(DEMO_INSTITUTION.username, DEMO_INSTITUTION.password);
    const sessions = await inst.get('/exam-sessions');
    const paperRequestId = sessions.body.items![0].paperRequestId as string;
    const first17 = '11010519850101009';
    const candidate = { ticketNo: '2611239901', name: '计时考生', idNumber: first17 + idCheckDigit(first17) };
    const created = await inst.post('/exam-sessions', {
      paperRequestId,
      name: 'short session',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      durationMinutes: 5,
      candidates: [candidate],
    });
    expect(created.status).toBe(201);
    // Bring the end of the session to a few seconds from now, as if the exam had run its course.
    await h.db.manager.update(ExamSessionEntity, { id: created.body.id as string }, { endsAt: Date.now() + 12_000 });

    const { context, page } = await h.newPage();
    await signInAndStart(page, h.baseUrl, candidate.ticketNo, candidate.idNumber);
    const remaining = Number(await page.getByTestId('countdown').getAttribute('data-remaining'));
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(12);
    const { attemptId, items } = await shownAttempt(page);
    await choose(page, items[0], items[0].type === 'judge' ? true : items[0].options[0].key, 'mouse');

    await page.waitForSelector('[data-testid="result"], [data-testid="submitted-message"]', { timeout: 40_000 });
    const attempt = await h.db.manager.findOneByOrFail(AttemptEntity, { id: attemptId });
    expect(attempt.status).toBe('submitted');
    expect(['candidate', 'deadline']).toContain(attempt.submittedBy);
    await context.close();
  });
});
