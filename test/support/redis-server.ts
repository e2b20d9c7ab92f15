import { ChildProcess, spawn } from 'child_process';
import IORedis from 'ioredis';
import { createServer } from 'net';

/** A free TCP port on the loopback interface, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own on its own port (never the shared one), without persistence: stopping it loses
 * everything, which is the point. `restart()` brings back an empty Redis on the same port.
 */
export class OwnRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server unless it runs already. */
  async up(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    const probe = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      for (let i = 0; ; i++) {
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (err) {
          if (i > 100 || child.exitCode !== null)
            throw new Error(`redis-server on port ${this.port} did not start`, { cause: err });
          probe.disconnect();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  /** The server's run id: a new one after every start, so a test can tell a restarted (and empty) Redis. */
  async runId(): Promise<string> {
    const client = new IORedis(this.url, { maxRetriesPerRequest: 1 });
    try {
      return /run_id:(\w+)/.exec(await client.info('server'))?.[1] ?? '';
    } finally {
      client.disconnect();
    }
  }

  /** Kills the server at once (SIGKILL): no shutdown save, every key gone. */
  async down(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async restart(): Promise<void> {
    await this.down();
    await this.up();
  }
}
