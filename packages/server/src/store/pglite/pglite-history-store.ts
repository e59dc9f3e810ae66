/**
 * The embedded HistoryStore: PostgreSQL compiled to WebAssembly (PGlite), persisted in a directory or
 * kept in memory. One process at a time may open a directory.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { HistoryStore } from '../history-store.js';
import { SqlHistoryStore } from '../sql/sql-history-store.js';
import { PgliteExecutor } from './pglite-executor.js';

export interface PgliteOptions {
  /** Directory holding the database files (created if missing). Required unless `inMemory`. */
  dataDir?: string | undefined;
  /** Keep everything in memory and lose it on close. Default false. */
  inMemory?: boolean | undefined;
}

/**
 * Open (or create) a PGlite database. The first one in a process takes a few seconds (WASM compile).
 * @example const db = await openPgliteDatabase({ dataDir: './data/pglite' });
 */
export async function openPgliteDatabase(options: PgliteOptions): Promise<PgliteExecutor> {
  if (options.inMemory) return new PgliteExecutor(await PGlite.create());
  if (!options.dataDir) throw new Error('PGlite needs a dataDir, or inMemory: true');
  await mkdir(options.dataDir, { recursive: true });
  return new PgliteExecutor(await PGlite.create(options.dataDir));
}

export interface PgliteHistoryStoreOptions extends PgliteOptions {
  /** Run the migrations before returning. Default true. */
  migrate?: boolean | undefined;
}

/**
 * Open the embedded history store, migrated to the current schema; `close()` closes the database.
 * @example const history = await openPgliteHistoryStore({ dataDir: join(config.dataDir, 'pglite') });
 */
export async function openPgliteHistoryStore(options: PgliteHistoryStoreOptions): Promise<HistoryStore> {
  const db = await openPgliteDatabase(options);
  const store = new SqlHistoryStore(db);
  if (options.migrate ?? true) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}
