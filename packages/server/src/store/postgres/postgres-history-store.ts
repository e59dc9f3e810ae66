/**
 * The scale-out HistoryStore on a PostgreSQL server, sharing its schema and logic with the embedded one.
 * @module
 */
import type { HistoryStore } from '../history-store.js';
import { SqlHistoryStore } from '../sql/sql-history-store.js';
import { PostgresExecutor, type PostgresOptions } from './postgres-executor.js';

export interface PostgresHistoryStoreOptions extends PostgresOptions {
  /** Run the migrations before returning. Default true. */
  migrate?: boolean | undefined;
}

/**
 * Connect to PostgreSQL and migrate the schema. Rejects with `STORE_UNAVAILABLE` (password masked) if
 * the server cannot be reached; `close()` ends the pool.
 * @example const history = await openPostgresHistoryStore({ url: config.postgresUrl, poolSize: 10 });
 */
export async function openPostgresHistoryStore(options: PostgresHistoryStoreOptions): Promise<HistoryStore> {
  const store = new SqlHistoryStore(new PostgresExecutor(options));
  try {
    if (options.migrate ?? true) await store.migrate();
    else await store.ping();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
