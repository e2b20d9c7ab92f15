import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { applyMigrations } from './database/apply-migrations';
import { createHttpApp } from './http-app';
import { DemoService } from './modules/demo/demo.service';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.apiWorkers > 1 && cluster.isPrimary) return supervise(config);
  const app = await createHttpApp(config);
  await app.listen(config.port, config.host);
  if (!cluster.isWorker || cluster.worker?.id === 1) await announce(config, app.get(DemoService).welcome());
}

/**
 * The logger writes to stdout asynchronously (pino hands its lines to the file system, or to a worker thread when it
 * pretty-prints), while the banner is one synchronous write: it waits this long so that it comes after them.
 */
const LOGS_SETTLE_MS = 200;

/** The start-up line, then — last of all, once the server listens — the demo's welcome banner when there is a demo. */
async function announce(config: AppConfig, welcome: string | null): Promise<void> {
  const log = new Logger('Main');
  const url = `http://localhost:${config.port}`;
  const processes = config.apiWorkers > 1 ? `, ${config.apiWorkers} processes` : '';
  log.log(
    `Jianding API on ${url}/api/v1 (docs ${url}/api/docs), storage ${config.database.kind}, queue ${config.redis ? 'BullMQ' : 'in-process'}${processes}`,
  );
  if (config.jwt.ephemeral)
    log.warn('JWT_SECRET is not set: tokens are signed with a random key and end with this process');
  if (!welcome) return;
  await new Promise((resolve) => setTimeout(resolve, LOGS_SETTLE_MS));
  // Plain stdout on purpose: this is the newcomer's welcome, not a log line.
  process.stdout.write(welcome);
}

/**
 * API_WORKERS > 1: that many HTTP processes share the port (node:cluster hands out connections). Migrations run here,
 * once, before any of them starts; a process that dies is replaced; SIGTERM/SIGINT stop them all gracefully.
 */
async function supervise(config: AppConfig): Promise<void> {
  const log = new Logger('Supervisor');
  if (config.runMigrations) {
    const ran = await applyMigrations(config);
    if (ran.length) log.log(`Applied migrations: ${ran.join(', ')}`);
  }
  let stopping = false;
  const start = () => cluster.fork({ RUN_MIGRATIONS: 'false' });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error(`API process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(start, 1000);
  });
  for (let i = 0; i < config.apiWorkers; i++) start();
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // A configuration error is the operator's to fix: print the message, not a stack.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
