import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createInterface } from 'readline';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { BootstrapAdmin } from './modules/users/bootstrap-admin';

const USAGE = `Usage: npm run cli -- <command>
  create-admin [--username NAME]   create an admin; the password is read from ADMIN_PASSWORD or asked for`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => rl.question(question, (a) => (rl.close(), resolve(a.trim()))));
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === 'help') return console.log(USAGE);
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, bootstrapAdmin: undefined }, 'cli'), { logger: ['error', 'warn'] });
  try {
    if (command === 'create-admin') {
      const username = flag(args, 'username') ?? process.env.ADMIN_USERNAME ?? (await ask('Admin user name: '));
      const password = process.env.ADMIN_PASSWORD ?? (await ask('Password (10+ characters): '));
      const user = await app.get(BootstrapAdmin).createAdmin(username, password);
      console.log(`Created admin ${user.username} (${user.id})`);
    } else {
      console.error(`Unknown command ${command}\n${USAGE}`);
      process.exitCode = 2;
    }
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : (err as Error).message ?? err);
  process.exit(1);
});
