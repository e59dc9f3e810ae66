/**
 * Scoped API keys of bots: a key ingests (and reads its commands) for its own bot only. Keys come from
 * the configuration in plain text for now and are compared in constant time.
 * @module
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Who may ingest: any bot (no keys configured), one bot (a key), or nobody (a key was needed). */
export type KeyScope = { kind: 'any' } | { kind: 'bot'; botId: string } | { kind: 'none'; reason: string };

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Reads the key of a request: `Authorization: Bearer <key>` or `X-Tickdeck-Key: <key>`. */
export function keyFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const key = headers['x-tickdeck-key'];
  return typeof key === 'string' && key !== '' ? key.trim() : undefined;
}

export class ApiKeys {
  private readonly keys: { digest: Buffer; botId: string }[] = [];

  constructor(keys: readonly { botId: string; key: string }[] = []) {
    for (const k of keys) this.add(k.botId, k.key);
  }

  /** Adds a key (the paper bot's own, made at start). */
  add(botId: string, key: string): void {
    this.keys.push({ digest: digest(key), botId });
  }

  /** Whether a key is needed: once one key exists, anonymous ingest is refused. */
  get required(): boolean {
    return this.keys.length > 0;
  }

  /** The scope of a request presenting `key` (undefined: none presented). */
  scope(key: string | undefined): KeyScope {
    if (key === undefined) {
      return this.required ? { kind: 'none', reason: 'an API key is required' } : { kind: 'any' };
    }
    const d = digest(key);
    const found = this.keys.find((k) => timingSafeEqual(k.digest, d));
    return found ? { kind: 'bot', botId: found.botId } : { kind: 'none', reason: 'unknown API key' };
  }
}

/** Whether `scope` may act for `botId`. */
export const mayActFor = (scope: KeyScope, botId: string): boolean =>
  scope.kind === 'any' || (scope.kind === 'bot' && scope.botId === botId);
