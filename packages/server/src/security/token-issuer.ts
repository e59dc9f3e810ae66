/**
 * Signs the dashboard's access tokens (HS256 with the shared secret), the same shape an identity
 * provider would issue: `sub` the user name, `role`, `iss`, `aud`, `iat`, `exp`, a random `jti`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@tickdeck/core';
import { SignJWT } from 'jose';
import type { Role } from './roles.js';
import { secretKey } from './jwt-verifier.js';

export interface IssuedToken {
  token: string;
  username: string;
  role: Role;
  /** ms since the epoch. */
  expiresAt: number;
}

export type IssueToken = (user: { username: string; role: Role }) => Promise<IssuedToken>;

/**
 * @example
 * const issue = createTokenIssuer({ secret, issuer: 'tickdeck', audience: 'tickdeck', ttlSec: 3600, clock });
 * const { token, expiresAt } = await issue({ username: 'ada', role: 'trader' });
 */
export function createTokenIssuer(o: {
  secret: string;
  issuer: string;
  audience: string;
  ttlSec: number;
  clock: Clock;
}): IssueToken {
  const key = secretKey(o.secret);
  return async ({ username, role }) => {
    const nowSec = Math.floor(o.clock.now() / 1000);
    const exp = nowSec + o.ttlSec;
    const token = await new SignJWT({ role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(username)
      .setIssuer(o.issuer)
      .setAudience(o.audience)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(key);
    return { token, username, role, expiresAt: exp * 1000 };
  };
}
