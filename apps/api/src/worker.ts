import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createLogger, NestPinoLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/config';

/** The queue worker: the same modules as the API, no HTTP. Run as many as the assembly load needs. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.redis)
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL: the worker needs Redis (without it the API runs jobs itself)',
    );
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, runMigrations: false }, 'worker'),
    { bufferLogs: true },
  );
  app.useLogger(new NestPinoLogger(createLogger(config, 'worker')));
  app.enableShutdownHooks();
  new Logger('Worker').log(`Worker up: queue ${config.redis.prefix}, concurrency ${config.workerConcurrency}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
