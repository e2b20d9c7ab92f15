import { ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { freePort } from '../support/redis-server';
import { stopWorker } from '../support/worker-process';

const root = join(__dirname, '../..');
const MAIN = join(root, 'apps/api/dist/main.js');

/**
 * Settings every process of the suite shares: tokens the test process signs must be good in the API process it
 * starts and starts again, and deadlines come soon after the end of a session (a short save grace).
 */
export const SHARED_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'fault-suite-jwt-secret-0123456789abcdef',
  ID_HASH_KEY: 'fault-suite-id-hash-key-0123456789abcdef',
  EXAM_SAVE_GRACE_SECONDS: '2',
  AUDIT_VERIFY_EVERY_MINUTES: '0',
  RETENTION_PURGE_EVERY_MINUTES: '0',
  DEMO: 'false',
  SERVE_CLIENT: 'false',
};
Object.assign(process.env, SHARED_ENV);

/** The processes run from the compiled output; an incremental build is quick when it is up to date. */
export function buildOnce(): void {
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(MAIN))
    throw new Error('tsc -b failed; the fault suite runs the compiled API and worker');
}

/** One line per figure, unadorned, so a reader of the CI log finds them: `FAULT <scenario>: name value, …`. */
export function report(scenario: string, figures: Record<string, string | number>): void {
  const line = Object.entries(figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  process.stdout.write(`\nFAULT ${scenario}: ${line}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** `node apps/api/dist/main.js` on a port of its own: the process a kill -9 takes down and a supervisor starts again. */
export class ApiProcess {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const api = new ApiProcess(await freePort(), env);
    await api.up();
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [MAIN], {
      cwd: root,
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        API_WORKERS: '1',
        RUN_MIGRATIONS: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    this.child = child;
    await waitFor(
      `API on port ${this.port} to answer health`,
      async () => {
        if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${this.output}`);
        return (await fetch(`${this.url}/api/health`)).status === 200;
      },
      60_000,
      50,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${this.output}`);
    });
  }

  /** kill -9: no shutdown hooks, no draining, connections cut mid-request. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child) await stopWorker(child, signal);
  }
}
