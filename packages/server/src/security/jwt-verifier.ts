/**
 * Verifies access tokens (JWT) with `jose`: signature under an explicit algorithm allow-list, `exp`
 * (required), `nbf`, `iss` and `aud`, with a small clock tolerance, then the `role` and `sub` claims.
 * HMAC tokens are checked against the shared secret only, asymmetric ones against the JWKS only, so an
 * HS256 token "signed" with a public key, or `alg: none`, is refused.
 * @example
 * const verify = createJwtVerifier(config.auth, { clock });
 * const principal = await verify(token); // { username, role, expiresAt } or throws AuthError
 * @module
 */
import type { Clock } from '@tickdeck/core';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTHeaderParameters,
  type FlattenedJWSInput,
  type JWTPayload,
} from 'jose';
import type { AuthConfig } from './auth-config.js';
import { isRole, type Principal } from './roles.js';
import { AuthError } from './security-errors.js';

const SYMMETRIC = /^HS/;
const DEFAULT_SECRET_ALGS = ['HS256'];
const DEFAULT_JWKS_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
/** Longest token looked at, characters; anything longer is refused unparsed. */
export const MAX_TOKEN_LENGTH = 8192;

export type VerifyToken = (token: string) => Promise<Principal>;

type RemoteKey = Awaited<ReturnType<ReturnType<typeof createRemoteJWKSet>>>;
type KeyGetter = (header: JWTHeaderParameters, token: FlattenedJWSInput) => Promise<RemoteKey | Uint8Array>;

/** Secret as bytes (what jose uses for HMAC). */
export const secretKey = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** The algorithms accepted with the configured key material. */
export function acceptedAlgorithms(auth: AuthConfig): string[] {
  const configured = auth.algorithms as string[] | undefined;
  const withSecret = auth.jwtSecret !== undefined;
  const withJwks = auth.jwksUrl !== undefined;
  const allowed = configured ?? [
    ...(withSecret ? DEFAULT_SECRET_ALGS : []),
    ...(withJwks ? DEFAULT_JWKS_ALGS : []),
  ];
  return allowed.filter((a) => (SYMMETRIC.test(a) ? withSecret : withJwks));
}

/**
 * @param auth the `auth` settings (a secret, a JWKS URL or both)
 * @param deps.clock the time `exp`/`nbf` are checked against
 * @throws Error when neither a secret nor a JWKS URL is configured
 */
export function createJwtVerifier(auth: AuthConfig, deps: { clock: Clock }): VerifyToken {
  const algorithms = acceptedAlgorithms(auth);
  if (algorithms.length === 0) throw new Error('createJwtVerifier: no key material for any algorithm');
  const secret = auth.jwtSecret === undefined ? undefined : secretKey(auth.jwtSecret);
  const jwks =
    auth.jwksUrl === undefined
      ? undefined
      : createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  const getKey: KeyGetter = async (header, token) => {
    if (SYMMETRIC.test(header.alg) && secret !== undefined) return secret;
    if (!SYMMETRIC.test(header.alg) && jwks !== undefined) return jwks(header, token);
    throw new AuthError('invalid');
  };

  return async (token) => {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)
      throw new AuthError('malformed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        clockTolerance: auth.clockToleranceSec,
        currentDate: new Date(deps.clock.now()),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (err instanceof AuthError) throw err;
      if (err instanceof errors.JWTExpired) throw new AuthError('expired', { cause: err });
      throw new AuthError('invalid', { cause: err });
    }
    const role = payload['role'];
    if (!isRole(role)) throw new AuthError('role');
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) throw new AuthError('invalid');
    return { username: sub, role, expiresAt: (payload.exp as number) * 1000 };
  };
}
