/** The database both history and analytics use: PostgreSQL when configured, else embedded PGlite. */
import { join } from 'node:path';
import type { Config } from '../config/config-schema.js';
import { openPgliteDatabase } from '../store/pglite/pglite-history-store.js';
import { PostgresExecutor } from '../store/postgres/postgres-executor.js';
import type { SqlExecutor } from '../store/sql/sql-executor.js';

export async function openDatabase(config: Config, onError: (err: Error) => void): Promise<SqlExecutor> {
  const { databaseUrl, inMemory } = config.storage;
  if (databaseUrl) return new PostgresExecutor({ url: databaseUrl, onError });
  return openPgliteDatabase(inMemory ? { inMemory: true } : { dataDir: join(config.dataDir, 'pglite') });
}
