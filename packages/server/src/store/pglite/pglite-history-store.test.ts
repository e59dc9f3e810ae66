import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHistoryStoreContract, freshSymbol, makeCandles } from '../history-store.contract.js';
import { HistoryStoreError } from '../history-store-error.js';
import { HISTORY_MIGRATIONS, runMigrations, type Migration } from '../sql/migrations.js';
import { openPgliteDatabase, openPgliteHistoryStore } from './pglite-history-store.js';

describeHistoryStoreContract('PGlite in memory', async () => {
  const store = await openPgliteHistoryStore({ inMemory: true });
  return { store, cleanup: () => store.close() };
});

describeHistoryStoreContract('PGlite on disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tickdeck-pglite-'));
  const store = await openPgliteHistoryStore({ dataDir: join(dir, 'db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('PGlite on disk across restarts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tickdeck-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('closing and reopening the same directory gives back the same data', async () => {
    const symbol = freshSymbol();
    const candles = makeCandles(symbol, 1200);
    const first = await openPgliteHistoryStore({ dataDir: join(dir, 'db') });
    await first.upsertCandles(candles);
    await first.insertTrades([{ symbol, type: 'spot', timestamp: 5, price: 0.1 + 0.2, amount: 3, id: 'k' }]);
    await first.close();

    const second = await openPgliteHistoryStore({ dataDir: join(dir, 'db') });
    try {
      expect(await second.latestCandles(symbol, '1m', 5000)).toEqual(candles);
      expect((await second.queryTrades({ symbol, limit: 10 })).items).toEqual([
        { symbol, type: 'spot', timestamp: 5, price: 0.30000000000000004, amount: 3, id: 'k' },
      ]);
    } finally {
      await second.close();
    }
  });

  it('needs a directory unless asked to stay in memory', async () => {
    await expect(openPgliteHistoryStore({})).rejects.toThrow(/dataDir/);
  });
});

describe('migrations on PGlite', () => {
  const current = HISTORY_MIGRATIONS.length;
  const all = HISTORY_MIGRATIONS.map((m) => m.version);
  const extra: Migration = {
    version: current + 1,
    name: 'test table',
    statements: [
      'CREATE TABLE migration_probe (id integer PRIMARY KEY)',
      'INSERT INTO migration_probe VALUES (1)',
    ],
  };

  it('records each version once, applies only new ones, and refuses a newer schema', async () => {
    const db = await openPgliteDatabase({ inMemory: true });
    try {
      expect(await runMigrations(db)).toEqual({ applied: all, version: current });
      expect(await runMigrations(db)).toEqual({ applied: [], version: current });
      expect(await runMigrations(db, [...HISTORY_MIGRATIONS, extra])).toEqual({
        applied: [current + 1],
        version: current + 1,
      });
      expect(await runMigrations(db, [...HISTORY_MIGRATIONS, extra])).toEqual({
        applied: [],
        version: current + 1,
      });
      expect(await db.query('SELECT version, name FROM tickdeck_migrations ORDER BY version')).toEqual([
        ...HISTORY_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
        { version: current + 1, name: 'test table' },
      ]);
      expect(await db.query('SELECT count(*)::int AS n FROM migration_probe')).toEqual([{ n: 1 }]);
      const err = await runMigrations(db).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HistoryStoreError);
      expect((err as HistoryStoreError).code).toBe('STORE_MIGRATION_FAILED');
    } finally {
      await db.close();
    }
  });

  it('rolls a failing migration back entirely', async () => {
    const db = await openPgliteDatabase({ inMemory: true });
    try {
      const broken: Migration = {
        version: current + 1,
        name: 'broken',
        statements: ['CREATE TABLE half (id int)', 'SELEC 1'],
      };
      const err = await runMigrations(db, [...HISTORY_MIGRATIONS, broken]).catch((e: unknown) => e);
      expect((err as HistoryStoreError).code).toBe('STORE_MIGRATION_FAILED');
      expect(await db.query("SELECT to_regclass('half') IS NULL AS gone")).toEqual([{ gone: true }]);
      expect(await db.query('SELECT max(version) AS v FROM tickdeck_migrations')).toEqual([{ v: current }]);
    } finally {
      await db.close();
    }
  });
});
