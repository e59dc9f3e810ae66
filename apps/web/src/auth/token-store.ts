/**
 * Where the dashboard keeps its token: the tab's sessionStorage (it survives a reload, ends with the
 * tab, and is not shared with other tabs; README "Where the token is kept" says why not memory or
 * localStorage), in memory when storage is refused. What is read back is checked, never trusted.
 * DOM-free: the storage is passed in.
 * @module
 */
import { isRole } from './roles.js';
import type { Role } from './roles.js';
import type { TokenTimes } from './token-timing.js';

/** The sessionStorage key. */
export const SESSION_STORAGE_KEY = 'tickdeck.session';

/** A signed-in session as kept between reloads (times on the local clock). */
export interface StoredSession {
  token: string;
  username: string;
  role: Role;
  times: TokenTimes;
}

/** Keeps at most one session. */
export interface TokenStore {
  load(): StoredSession | undefined;
  save(session: StoredSession): void;
  clear(): void;
}

/** The part of the Web Storage API used. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const parse = (raw: string | null): StoredSession | undefined => {
  if (raw === null) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<StoredSession> | null;
    const t = v?.times;
    if (
      typeof v?.token === 'string' &&
      v.token.length > 0 &&
      typeof v.username === 'string' &&
      isRole(v.role) &&
      typeof t?.expiresAt === 'number' &&
      typeof t.refreshAt === 'number'
    ) {
      return {
        token: v.token,
        username: v.username,
        role: v.role,
        times: { expiresAt: t.expiresAt, refreshAt: t.refreshAt },
      };
    }
  } catch {
    // Not JSON: treated as nothing stored.
  }
  return undefined;
};

/** A store in memory only (lost on reload). */
export const memoryTokenStore = (): TokenStore => {
  let kept: StoredSession | undefined;
  return {
    load: () => kept,
    save: (session) => void (kept = session),
    clear: () => void (kept = undefined),
  };
};

/**
 * A store in `storage` (the tab's sessionStorage). A storage that throws (disabled, full) only costs
 * the session across a reload: the signed-in state itself lives in the auth session (auth-session.ts).
 */
export const storageTokenStore = (storage: StorageLike): TokenStore => {
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch {
      return undefined;
    }
  };
  return {
    load: () => {
      const raw = attempt(() => storage.getItem(SESSION_STORAGE_KEY)) ?? null;
      const session = parse(raw);
      if (raw !== null && session === undefined) attempt(() => storage.removeItem(SESSION_STORAGE_KEY));
      return session;
    },
    save: (session) => void attempt(() => storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session))),
    clear: () => void attempt(() => storage.removeItem(SESSION_STORAGE_KEY)),
  };
};

/** The tab's sessionStorage store, or a memory one where the page may not use storage. */
export const pageTokenStore = (): TokenStore => {
  try {
    return storageTokenStore(globalThis.sessionStorage);
  } catch {
    return memoryTokenStore();
  }
};
