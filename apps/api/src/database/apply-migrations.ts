import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { resolveDataSourceOptions } from './data-source-options';

/** Applies pending migrations, each in its own transaction, and names the ones it applied. */
export async function applyMigrations(config: AppConfig): Promise<string[]> {
  const ds = new DataSource(await resolveDataSourceOptions(config));
  await ds.initialize();
  try {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
