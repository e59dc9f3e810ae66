import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, havePg, noPgReason } from '../../testing/services.test-helpers.js';
import { describeHistoryStoreContract } from '../history-store.contract.js';
import { HistoryStoreError } from '../history-store-error.js';
import { openPostgresHistoryStore } from './postgres-history-store.js';

describe.skipIf(!havePg)(`PostgreSQL history store (skipped: ${noPgReason})`, () => {
  describeHistoryStoreContract('PostgreSQL', async () => {
    const db = await createTestDatabase();
    const store = await openPostgresHistoryStore({ url: db.url, poolSize: 4 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await db.drop();
      },
    };
  });

  it('lets several pools migrate one database at once (the advisory lock serializes them)', async () => {
    const db = await createTestDatabase();
    try {
      const stores = await Promise.all(
        [1, 2, 3].map(() => openPostgresHistoryStore({ url: db.url, poolSize: 2 })),
      );
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL history store when the server is not there', () => {
  it('rejects at open with STORE_UNAVAILABLE and no password in the message', async () => {
    const port = await closedPort();
    const err = await openPostgresHistoryStore({
      url: `postgres://tick:s3cret@127.0.0.1:${port}/nowhere`,
      connectionTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HistoryStoreError);
    expect((err as HistoryStoreError).code).toBe('STORE_UNAVAILABLE');
    expect((err as HistoryStoreError).statusCode).toBe(503);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('s3cret');
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
