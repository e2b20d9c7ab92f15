/* Migration commands: `run`, `revert`, `show`, `generate <Name>`, `check`. */
import { join } from 'path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { applyMigrations } from './apply-migrations';
import { resolveDataSourceOptions } from './data-source-options';
import { pendingSchemaDiff, withScratchMysql, withScratchSqlite, writeMigration } from './migration-tools';

const MYSQL_SERVER = process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

async function main(): Promise<void> {
  const [command = 'run', name] = process.argv.slice(2);
  if (command === 'generate' || command === 'check') {
    const mysql = await withScratchMysql(MYSQL_SERVER, (url) => pendingSchemaDiff({ kind: 'mysql', url, poolSize: 2 }));
    const sqlite = await withScratchSqlite((path) => pendingSchemaDiff({ kind: 'sqlite', path }));
    if (command === 'check') {
      const drift = mysql.up.length + sqlite.up.length;
      console.log(
        drift === 0
          ? 'No schema drift on MySQL or SQLite.'
          : `Schema drift:\n${[...mysql.up, ...sqlite.up].join('\n')}`,
      );
      process.exitCode = drift === 0 ? 0 : 1;
      return;
    }
    if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: migration:generate -- <PascalCaseName>');
    const file = writeMigration(join(__dirname, 'migrations'), name, { mysql, sqlite });
    console.log(file ? `Wrote migrations/${file}.ts` : 'Entities match the migrations; nothing to generate.');
    return;
  }
  if (command === 'run') {
    const ran = await applyMigrations(loadConfig());
    console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Database is up to date.');
    return;
  }
  const ds = new DataSource(await resolveDataSourceOptions(loadConfig()));
  await ds.initialize();
  try {
    if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else if (command === 'show') {
      process.exitCode = (await ds.showMigrations()) ? 1 : 0;
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
