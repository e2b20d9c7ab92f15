import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { loadConfig } from '../../apps/api/src/config/config';
import { Db } from '../../apps/api/src/database/db.service';
import { CLIENT_DIST, CONSOLE_DIST, createHttpApp } from '../../apps/api/src/http-app';
import { existsSync } from 'fs';

export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * The embedded default exactly as `npm start` runs it (SQLite, in-process queue, the demo), on a free port, with the
 * built clients served at /exam and /console, and Debian's Chromium to drive it. `env` overrides the defaults (the
 * console's tests run on the MariaDB and Redis that scripts/test.mjs hands them, without the demo).
 */
export class BrowserHarness {
  app!: NestFastifyApplication;
  browser!: Browser;
  baseUrl!: string;
  private dir!: string;
  /** The console's contexts ask for reduced motion: what is checked (axe, focus, screenshots) is then never mid-fade. */
  private reducedMotion: 'reduce' | 'no-preference' = 'no-preference';

  async start(env: Record<string, string> = {}, client: 'exam' | 'console' = 'exam'): Promise<void> {
    if (client === 'exam' && !existsSync(join(CLIENT_DIST, 'index.html')))
      throw new Error('The exam client is not built: npm run build -w @jianding/exam-client');
    if (client === 'console' && !existsSync(join(CONSOLE_DIST, 'index.html')))
      throw new Error('The console is not built: npm run build -w @jianding/console');
    this.reducedMotion = client === 'console' ? 'reduce' : 'no-preference';
    this.dir = mkdtempSync(join(tmpdir(), 'jd-browser-'));
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      REDIS_URL: '',
      SQLITE_PATH: join(this.dir, 'browser.sqlite'),
      DEMO: 'true',
      SERVE_CLIENT: 'true',
      LOG_LEVEL: 'silent',
      AUDIT_VERIFY_EVERY_MINUTES: '0',
      EXAM_SAVE_GRACE_SECONDS: '2',
      ...env,
    });
    this.app = await createHttpApp(config);
    await this.app.listen(0, '127.0.0.1');
    const address = this.app.getHttpServer().address() as { port: number };
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    this.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.app?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get db(): Db {
    return this.app.get(Db);
  }

  async newPage(viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport, locale: 'zh-CN', reducedMotion: this.reducedMotion });
    const page = await context.newPage();
    return { context, page };
  }

  /** POST/GET against the API as a staff user. */
  async staff(username: string, password: string) {
    const login = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return {
        status: res.status,
        body: (await res.json().catch(() => null)) as Record<string, unknown> & { items?: Record<string, unknown>[] },
      };
    };
    return {
      get: (p: string) => call('GET', p),
      post: (p: string, b?: unknown) => call('POST', p, b),
      put: (p: string, b?: unknown) => call('PUT', p, b),
    };
  }
}

/** Signs a candidate in and passes the instructions' fullscreen gate. */
export async function signInAndStart(
  page: Page,
  baseUrl: string,
  ticketNo: string,
  idNumber: string,
  screenshot?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/exam/`);
  await page.getByTestId('signin-ticket').fill(ticketNo);
  await page.getByTestId('signin-id').fill(idNumber);
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('start-exam').click();
  await page.getByTestId('question-stem').waitFor();
}

export async function currentPosition(page: Page): Promise<number> {
  const text = (await page.getByTestId('question-position').textContent()) ?? '';
  return Number(/(\d+)\s*\/\s*\d+/.exec(text)?.[1]);
}

export async function waitSaved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"][data-pending="0"]', { timeout: 30_000 });
}
