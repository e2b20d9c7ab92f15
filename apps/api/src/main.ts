import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/config';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(config);
  await app.listen(config.port, config.host);
  const log = new Logger('Main');
  const url = `http://localhost:${config.port}`;
  log.log(`Jianding API on ${url}/api/v1 (docs ${url}/api/docs), storage ${config.database.kind}, queue ${config.redis ? 'BullMQ' : 'in-process'}`);
  if (config.jwt.ephemeral) log.warn('JWT_SECRET is not set: tokens are signed with a random key and end with this process');
}

main().catch((err: unknown) => {
  // A configuration error is the operator's to fix: print the message, not a stack.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
