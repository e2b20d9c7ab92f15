import { ChildProcess, execFileSync, spawn } from 'child_process';
import { existsSync } from 'fs';
import http from 'http';
import { createServer } from 'net';
import { join } from 'path';
import { UserEntity } from '../../apps/api/src/modules/users/user.entity';
import { bootApp, TestContext, unique } from '../support/app';

const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** A request on a fresh connection each time, so the cluster's round robin spreads them over the processes. */
const call = (port: number, method: string, path: string, body?: unknown, token?: string) =>
  new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

const children = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve(probe()).catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** API_WORKERS=2: the production entry point runs two HTTP processes on one port, sharing database, queue and keys. */
describe('API processes (API_WORKERS)', () => {
  let ctx: TestContext;
  let api: ChildProcess;
  let port: number;
  let output = '';
  const admin = { username: unique('cluster-admin.'), password: 'cluster-admin-password' };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b\` first (npm test does)`);
    ctx = await bootApp();
    port = await freePort();
    api = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        API_WORKERS: '2',
        JWT_SECRET: 'cluster-test-secret-0123456789abcdef0123',
        ADMIN_USERNAME: admin.username,
        ADMIN_PASSWORD: admin.password,
        RUN_JOBS: 'false',
        SERVE_CLIENT: 'false',
        DEMO: 'false',
        LOG_LEVEL: 'info',
        AUDIT_VERIFY_EVERY_MINUTES: '0',
        RETENTION_PURGE_EVERY_MINUTES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    api.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await until('two API processes answering', async () =>
      children(api.pid!).length === 2 && (await call(port, 'GET', '/api/health')).status === 200 ? true : undefined,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${output}`);
    });
  }, 60_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      await new Promise<void>((resolve) => {
        api.once('exit', () => resolve());
        api.kill('SIGTERM');
      });
    }
    await ctx.close();
  });

  it('creates the bootstrap admin once although both processes try, and a token from one works on the other', async () => {
    await until('the admin', async () =>
      (await ctx.db.manager.countBy(UserEntity, { username: admin.username })) === 1 ? true : undefined,
    );
    expect(await ctx.db.manager.countBy(UserEntity, { username: admin.username })).toBe(1);
    const login = await call(port, 'POST', '/api/v1/auth/login', admin);
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => call(port, 'GET', '/api/v1/auth/me', undefined, token)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(output).not.toMatch(/ended \(/);
  });

  it('replaces a process that dies and stops them all on SIGTERM', async () => {
    const [victim] = children(api.pid!);
    process.kill(victim, 'SIGKILL');
    await until('a replacement process', () => {
      const now = children(api.pid!);
      return now.length === 2 && !now.includes(victim) ? now : undefined;
    });
    expect(output).toMatch(new RegExp(`API process ${victim} ended \\(SIGKILL\\); starting another`));
    await until('the replacement answering', async () =>
      (await Promise.all([1, 2, 3, 4].map(() => call(port, 'GET', '/api/health')))).every((r) => r.status === 200)
        ? true
        : undefined,
    );

    const workers = children(api.pid!);
    const code = await new Promise<number | null>((resolve) => {
      api.once('exit', (c) => resolve(c));
      api.kill('SIGTERM');
    });
    expect(code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
