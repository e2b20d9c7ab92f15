import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { pendingSchemaDiff, withScratchMysql, withScratchSqlite } from '../../apps/api/src/database/migration-tools';

const mysqlServer = () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = '/';
  return url.toString();
};

/** On whichever driver this run uses: the committed migrations build exactly the schema the entities describe. */
describe('Migrations', () => {
  const onScratch = <T>(
    work: (db: { kind: 'mysql'; url: string; poolSize: number } | { kind: 'sqlite'; path: string }) => Promise<T>,
  ) =>
    process.env.DATABASE_URL
      ? withScratchMysql(mysqlServer(), (url) => work({ kind: 'mysql', url, poolSize: 2 }))
      : withScratchSqlite((path) => work({ kind: 'sqlite', path }));

  it('leave no drift between the entities and the migrated schema', async () => {
    const diff = await onScratch((database) => pendingSchemaDiff(database));
    expect(diff.up).toEqual([]);
  });

  it('revert cleanly and apply again', async () => {
    await onScratch(async (database) => {
      const ds = new DataSource(await resolveDataSourceOptions({ database }));
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
        for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
        const runner = ds.createQueryRunner();
        const left = [];
        for (const meta of ds.entityMetadatas) if (await runner.hasTable(meta.tableName)) left.push(meta.tableName);
        await runner.release();
        expect(ds.entityMetadatas.length).toBeGreaterThan(3);
        expect(left).toEqual([]);
        const applied = await ds.runMigrations({ transaction: 'each' });
        expect(applied).toHaveLength(MIGRATIONS.length);
      } finally {
        await ds.destroy();
      }
    });
  });
});
