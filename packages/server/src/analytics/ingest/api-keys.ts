/**
 * Scoped API keys of bots: a key ingests (and reads its commands) for its own bot only. Keys come from
 * the configuration (plain, or as `sha256:<hex>`) and from the admin-made keys in the database
 * (security/api-key-store.ts); all are compared by SHA-256 in constant time.
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http';
import { hashApiKey, sameKeyHash } from '../../security/api-key-hash.js';

/** Who may ingest: any bot (no keys configured), one bot (a key), or nobody (a key was needed). */
export type KeyScope = { kind: 'any' } | { kind: 'bot'; botId: string } | { kind: 'none'; reason: string };

/** A key of the configuration: the key itself, or its stored form. */
export type ConfiguredKey = { botId: string; key: string } | { botId: string; keyHash: string };

/** Keys kept elsewhere (the database), looked up on every request so revocations apply at once. */
export interface StoredKeys {
  /** The bot of a live key, or undefined. */
  botOf(key: string): Promise<string | undefined>;
  /** Whether any live key exists. */
  any(): Promise<boolean>;
}

/** Longest key looked at; longer ones are refused without hashing. */
const MAX_KEY_LENGTH = 512;

/** Reads the key of a request: `Authorization: Bearer <key>` or `X-Tickdeck-Key: <key>`. */
export function keyFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const key = headers['x-tickdeck-key'];
  return typeof key === 'string' && key !== '' ? key.trim() : undefined;
}

export interface ApiKeysOptions {
  /** Admin-made keys. Default: none. */
  store?: StoredKeys | undefined;
  /** Require a key even when none exists (authentication is on). Default false. */
  alwaysRequired?: boolean | undefined;
}

export class ApiKeys {
  private readonly keys: { hash: string; botId: string }[] = [];

  constructor(
    keys: readonly ConfiguredKey[] = [],
    private readonly options: ApiKeysOptions = {},
  ) {
    for (const k of keys)
      this.keys.push({ botId: k.botId, hash: 'key' in k ? hashApiKey(k.key) : k.keyHash });
  }

  /** Adds a key. */
  add(botId: string, key: string): void {
    this.keys.push({ hash: hashApiKey(key), botId });
  }

  /** Whether a key is needed: authentication is on, or at least one key exists. */
  async required(): Promise<boolean> {
    if (this.options.alwaysRequired === true || this.keys.length > 0) return true;
    return (await this.options.store?.any()) ?? false;
  }

  /** The scope of a request presenting `key` (undefined: none presented). */
  async scope(key: string | undefined): Promise<KeyScope> {
    if (key === undefined || key === '') {
      return (await this.required()) ? { kind: 'none', reason: 'an API key is required' } : { kind: 'any' };
    }
    if (key.length > MAX_KEY_LENGTH) return { kind: 'none', reason: 'unknown API key' };
    const hash = hashApiKey(key);
    let found: string | undefined;
    // Every configured key is compared, so the time does not depend on which one matched.
    for (const k of this.keys) if (sameKeyHash(k.hash, hash) && found === undefined) found = k.botId;
    found ??= await this.options.store?.botOf(key);
    return found !== undefined ? { kind: 'bot', botId: found } : { kind: 'none', reason: 'unknown API key' };
  }
}

/** Whether `scope` may act for `botId`. */
export const mayActFor = (scope: KeyScope, botId: string): boolean =>
  scope.kind === 'any' || (scope.kind === 'bot' && scope.botId === botId);
