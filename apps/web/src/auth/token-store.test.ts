import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY, memoryTokenStore, storageTokenStore } from './token-store.js';
import type { StorageLike, StoredSession } from './token-store.js';

/** The Web Storage contract, in a Map. */
const mapStorage = (): StorageLike & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
};

const SESSION: StoredSession = {
  token: 'header.payload.signature',
  username: 'ada',
  role: 'trader',
  times: { expiresAt: 3_600_000, refreshAt: 3_540_000 },
};

describe('storageTokenStore', () => {
  it('keeps a session across stores on the same storage (a reload), and forgets it on clear', () => {
    const storage = mapStorage();
    storageTokenStore(storage).save(SESSION);
    expect(storageTokenStore(storage).load()).toEqual(SESSION);
    storageTokenStore(storage).clear();
    expect(storage.map.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(storageTokenStore(storage).load()).toBeUndefined();
  });

  it('throws away what does not look like a session (not JSON, unknown role, missing times)', () => {
    for (const raw of [
      '{oops',
      'null',
      JSON.stringify({ ...SESSION, role: 'root' }),
      JSON.stringify({ ...SESSION, token: '' }),
      JSON.stringify({ ...SESSION, times: { expiresAt: 'soon' } }),
    ]) {
      const storage = mapStorage();
      storage.setItem(SESSION_STORAGE_KEY, raw);
      expect(storageTokenStore(storage).load(), raw).toBeUndefined();
      expect(storage.map.has(SESSION_STORAGE_KEY), raw).toBe(false);
    }
  });

  it('keeps only the fields of a session', () => {
    const storage = mapStorage();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...SESSION, extra: '<script>' }));
    expect(storageTokenStore(storage).load()).toEqual(SESSION);
  });

  it('does not throw when the storage does', () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const store = storageTokenStore(broken);
    expect(() => store.save(SESSION)).not.toThrow();
    expect(store.load()).toBeUndefined();
    expect(() => store.clear()).not.toThrow();
  });
});

describe('memoryTokenStore', () => {
  it('keeps one session until cleared', () => {
    const store = memoryTokenStore();
    store.save(SESSION);
    expect(store.load()).toEqual(SESSION);
    store.clear();
    expect(store.load()).toBeUndefined();
  });
});
