import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { readFileSync } from 'fs';
import { basename } from 'path';
import { createInterface } from 'readline';
import { AppModule } from './app.module';
import { AppException } from './common/app.exception';
import { ConfigError, loadConfig } from './config/config';
import { BanksService } from './modules/banks/banks.service';
import { DemoBankService } from './modules/demo/demo-bank.service';
import { importFormatOf, ItemTransferService } from './modules/items/items-transfer.service';
import { BootstrapAdmin } from './modules/users/bootstrap-admin';
import { UsersRepository } from './modules/users/users.repository';

const USAGE = `Usage: npm run cli -- <command>
  create-admin [--username NAME]   create an admin; the password is read from ADMIN_PASSWORD or asked for
  import FILE --occupation CODE --level L [--author USERNAME] [--submit]
                                   import an .xlsx/.csv/.json item file into a bank, all or nothing (the author
                                   defaults to ADMIN_USERNAME or admin; --submit puts the items in review at once)
  demo                             load the demo bank (电工 6-31-01-03 level 4) unless it exists: imported by
                                   demo-author, submitted, approved by demo-reviewer`;

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
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, bootstrapAdmin: undefined }, 'cli'),
    { logger: ['error', 'warn'] },
  );
  try {
    if (command === 'create-admin') {
      const username = flag(args, 'username') ?? process.env.ADMIN_USERNAME ?? (await ask('Admin user name: '));
      const password = process.env.ADMIN_PASSWORD ?? (await ask('Password (10+ characters): '));
      const user = await app.get(BootstrapAdmin).createAdmin(username, password);
      console.log(`Created admin ${user.username} (${user.id})`);
    } else if (command === 'import') {
      await importCommand(app, args);
    } else if (command === 'demo') {
      const bankId = await app.get(DemoBankService).ensureDemoBank();
      console.log(
        bankId ? `Demo bank ready: ${bankId}` : 'The demo occupation exists without a level-4 bank; nothing was loaded',
      );
    } else {
      console.error(`Unknown command ${command}\n${USAGE}`);
      process.exitCode = 2;
    }
  } finally {
    await app.close();
  }
}

/** `import FILE --occupation CODE --level L [--author USERNAME] [--submit]`, with a progress bar; errors by row and column. */
async function importCommand(app: INestApplicationContext, args: string[]): Promise<void> {
  const file = args[0];
  const occupation = flag(args, 'occupation');
  const level = flag(args, 'level');
  if (!file || file.startsWith('--') || !occupation || !level) {
    console.error(`import needs a file, --occupation and --level\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const username = flag(args, 'author') ?? process.env.ADMIN_USERNAME ?? 'admin';
  const author = await app.get(UsersRepository).findByUsername(username);
  if (!author) throw new Error(`No user named ${username}: pass --author USERNAME`);
  const format = importFormatOf(file, undefined);
  const { bank } = await app.get(BanksService).ensure(occupation, level);
  const bar = new SingleBar(
    { format: 'import [{bar}] {percentage}% | {stage}', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(100, 0, { stage: 'reading' });
  const stageOf = (p: number) => (p < 20 ? 'reading' : p < 40 ? 'checking' : p < 100 ? 'writing' : 'done');
  const result = await app
    .get(ItemTransferService)
    .importFile({ id: author.id, name: author.username }, bank.id, readFileSync(file), format, {
      status: args.includes('--submit') ? 'in_review' : 'draft',
      fileName: basename(file),
      progress: async (p) => bar.update(Math.floor(p), { stage: stageOf(p) }),
    });
  bar.update(100, { stage: result.errors.length ? 'refused' : 'done' });
  bar.stop();
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  if (result.errors.length) {
    for (const e of result.errors)
      console.error(`row ${e.row}${e.column ? `, column ${e.column}` : ''}: [${e.code}] ${e.message}`);
    console.error(`${result.errors.length} problem(s); nothing was imported`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Imported ${result.imported} items into ${occupation} level ${level} as ${args.includes('--submit') ? 'in_review' : 'draft'}`,
  );
}

main().catch((err: unknown) => {
  console.error(
    err instanceof ConfigError
      ? err.message
      : err instanceof AppException
        ? `${err.code}: ${err.message}`
        : ((err as Error).message ?? err),
  );
  process.exit(1);
});
