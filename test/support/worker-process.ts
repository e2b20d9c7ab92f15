import { ChildProcess, spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

const WORKER = join(__dirname, '..', '..', 'apps', 'api', 'dist', 'worker.js');

/** Starts `npm run worker`'s entry point as a separate process with this run's database and Redis settings. */
export async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npx tsc -b\` first (npm test does)`);
  const child = spawn(process.execPath, [WORKER], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      AUDIT_VERIFY_EVERY_MINUTES: '0',
      RETENTION_PURGE_EVERY_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    const check = setInterval(() => {
      if (output.includes('Worker up')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
  return child;
}

/** Stops a child process (a worker, an API) with `signal` and waits until it is gone. */
export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
