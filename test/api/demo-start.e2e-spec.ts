import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import http from 'http';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { demoRoster } from '../../apps/api/src/modules/demo/demo-roster';
import { DEMO_LISTED_CANDIDATES, demoWelcome } from '../../apps/api/src/modules/demo/demo.service';

const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'dist', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request on a connection of its own (no keep-alive agent outliving the test). */
const call = (port: number, method: string, path: string, body?: unknown, token?: string) =>
  new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1${path}`,
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

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/**
 * `npm start` as a newcomer runs it: development mode on an empty SQLite file, so the demo is created. The embedded
 * demo is SQLite's, so this runs in the SQLite suite only (its own temp database either way).
 */
(process.env.DATABASE_URL ? describe.skip : describe)('npm start: the demo and its welcome banner', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let stdout = '';
  let port: number;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b\` first (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), 'jd-demo-start-'));
    port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'JWT_SECRET', 'DEMO'])
      delete env[name];
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...env,
        NODE_ENV: 'development',
        SQLITE_PATH: join(dir, 'demo.sqlite'),
        PORT: String(port),
        HOST: '127.0.0.1',
        SERVE_CLIENT: 'false',
        LOG_LEVEL: 'info',
        AUDIT_VERIFY_EVERY_MINUTES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.resume();
    const end = Date.now() + 150_000;
    while (!stdout.includes('demo-reviewer-pass') && Date.now() < end && child.exitCode === null) await sleep(200);
    // Anything the process still had to say about its start would come now.
    await sleep(1500);
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    child?.stdout?.destroy();
    child?.stderr?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the banner last of all, after every start-up log line, with the first three candidates', () => {
    const banner = demoWelcome({ port, bootstrapAdmin: { username: 'admin', password: 'admin-demo-pass' } });
    const at = stdout.indexOf(banner);
    expect(at).toBeGreaterThan(0);
    // Nothing follows it: Nest's start-up lines and the API's own come before.
    expect(stdout.slice(at + banner.length).trim()).toBe('');
    const before = stdout.slice(0, at);
    expect(before).toContain('Nest application successfully started');
    expect(before).toContain('Jianding API on');
    expect(before).toContain('Demo created in');
    for (const c of demoRoster(DEMO_LISTED_CANDIDATES))
      expect(banner).toContain(`ticket ${c.ticketNo}  ID number ${c.idNumber}`);
  });

  it('lets each of the listed candidates sign in to the demo session', async () => {
    for (const c of demoRoster(DEMO_LISTED_CANDIDATES)) {
      const res = await call(port, 'POST', '/exam/login', { ticketNo: c.ticketNo, idNumber: c.idNumber });
      expect({ ticket: c.ticketNo, status: res.status }).toEqual({ ticket: c.ticketNo, status: 200 });
    }
  });

  it('lets the centre and the institution find the demo bank, institution, request, paper and session', async () => {
    const signIn = async (username: string, password: string) => {
      const res = await call(port, 'POST', '/auth/login', { username, password });
      expect(res.status).toBe(200);
      const token = res.body.accessToken as string;
      return async (path: string) => {
        const r = await call(port, 'GET', path, undefined, token);
        expect({ path, status: r.status }).toEqual({ path, status: 200 });
        return r.body as { items: Record<string, unknown>[]; total: number };
      };
    };
    const centre = await signIn('demo-centre', 'demo-centre-pass');
    const institution = await signIn('demo-institution', 'demo-institution-pass');

    expect((await centre('/banks?occupation=6-31-01-03')).items).toEqual([
      expect.objectContaining({ level: '4', hasKnowledgeMap: true }),
    ]);
    expect((await centre('/items?occupation=6-31-01-03&level=4&status=approved&pageSize=1')).total).toBe(1505);
    expect((await centre('/institutions')).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'DEMO-001' })]),
    );
    for (const get of [centre, institution]) {
      expect((await get('/paper-requests')).items).toEqual([
        expect.objectContaining({ occupation: '6-31-01-03', level: '4', status: 'ready' }),
      ]);
      expect((await get('/exam-sessions')).items).toEqual([
        expect.objectContaining({ name: '电工四级 理论知识 示例场次' }),
      ]);
    }
    expect((await centre('/papers')).total).toBeGreaterThanOrEqual(1);

    // The session's practical panel: the chief finds it among their assignments, with the practical set's tasks.
    const chief = await signIn('demo-examiner-1', 'demo-examiner-pass');
    const [assignment] = (await chief('/practical/assignments')) as unknown as { sessionId: string; chief: boolean }[];
    expect(assignment).toMatchObject({ chief: true });
    const desk = (await chief(`/exam-sessions/${assignment.sessionId}/practical-sheets`)) as unknown as {
      tasks: { rubric: unknown[] }[];
      candidates: unknown[];
    };
    expect(desk.tasks.length).toBeGreaterThan(0);
    expect(desk.tasks.every((t) => t.rubric.length > 0)).toBe(true);
    expect(desk.candidates).toHaveLength(30);
  });
});
