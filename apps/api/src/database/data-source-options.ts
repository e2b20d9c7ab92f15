import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** TypeORM options for either driver; `synchronize` stays off: the schema is whatever the committed migrations say. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'database'>,
  flavour: 'mysql' | 'mariadb' = 'mysql',
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTableName: 'schema_migrations',
  } as const;
  if (config.database.kind === 'mysql') {
    return {
      ...common,
      type: flavour,
      connectorPackage: 'mysql2',
      url: config.database.url,
      poolSize: config.database.poolSize,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
    };
  }
  const path = config.database.path;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: path,
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/**
 * TypeORM reads MariaDB's catalogue differently from MySQL's (column defaults come back as the text 'NULL'), so the
 * server is asked what it is before the data source is built; `DATABASE_URL` stays `mysql://` for both.
 */
export async function resolveDataSourceOptions(config: Pick<AppConfig, 'database'>): Promise<DataSourceOptions> {
  if (config.database.kind !== 'mysql') return dataSourceOptions(config);
  const conn = await createConnection(config.database.url);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    const version = String((rows as { v: string }[])[0]?.v ?? '');
    return dataSourceOptions(config, /mariadb/i.test(version) ? 'mariadb' : 'mysql');
  } finally {
    await conn.end();
  }
}

export const isMysqlFamily = (type: string): boolean => type === 'mysql' || type === 'mariadb';
