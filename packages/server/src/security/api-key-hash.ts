/**
 * Bot API keys as they are made and stored: random 256-bit keys with a recognisable prefix, kept only
 * as `sha256:<hex>` (a fast hash is enough for random high-entropy keys: there is no dictionary to try;
 * see docs/security.md), compared in constant time.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key tickdeck makes starts with this, so a leaked one is recognisable (and greppable). */
export const API_KEY_PREFIX = 'tdk_';
/** `sha256:` and 64 lowercase hex digits. */
export const KEY_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** A new key: the prefix and 32 random bytes, base64url (47 characters). */
export const generateApiKey = (): string => API_KEY_PREFIX + randomBytes(32).toString('base64url');

/** The stored form of a key. */
export const hashApiKey = (key: string): string =>
  `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;

/** Whether two stored forms are equal, in time independent of where they differ. */
export function sameKeyHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
