/**
 * The verifier's refusals, each for its own reason: expiry (with the configured tolerance), not yet
 * valid, issuer, audience, unsigned, wrong key, algorithm confusion (HS256 "signed" with the RSA public
 * key), an RS token where only a secret is configured, missing or unknown role, missing sub or exp.
 * The JWKS is served by a real HTTP server on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ManualClock } from '@tickdeck/core';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthConfigSchema, type AuthConfig } from './auth-config.js';
import { createJwtVerifier } from './jwt-verifier.js';
import { AuthError } from './security-errors.js';

const T0 = 1_750_000_000_000;
const clock = new ManualClock(T0);
const secret = randomBytes(32).toString('base64url');
let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let server: Server;
let jwksUrl = '';

beforeAll(async () => {
  keys = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const config = (patch: Partial<AuthConfig>): AuthConfig => ({
  ...(Value.Default(AuthConfigSchema, {}) as AuthConfig),
  ...patch,
});

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  sub: 'ada',
  role: 'trader',
  iss: 'tickdeck',
  aud: 'tickdeck',
  exp: Math.floor(T0 / 1000) + 600,
  ...extra,
});

const hs = (payload: JWTPayload, key: Uint8Array = new TextEncoder().encode(secret), alg = 'HS256') =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
const rs = (payload: JWTPayload) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(keys.privateKey);

const reason = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return err instanceof AuthError ? err.reason : `other: ${String(err)}`;
  }
};

describe('createJwtVerifier with a shared secret', () => {
  const verify = () => createJwtVerifier(config({ jwtSecret: secret, clockToleranceSec: 5 }), { clock });

  it('accepts a valid token: the subject is the user name, exp in ms', async () => {
    expect(await verify()(await hs(claims()))).toEqual({
      username: 'ada',
      role: 'trader',
      expiresAt: (Math.floor(T0 / 1000) + 600) * 1000,
    });
  });

  it('applies the clock tolerance to exp, and refuses past it as expired', async () => {
    const exp = Math.floor(T0 / 1000) - 3;
    expect(await reason(verify()(await hs(claims({ exp }))))).toBe('accepted');
    expect(await reason(verify()(await hs(claims({ exp: exp - 10 }))))).toBe('expired');
  });

  it.each([
    ['a token not valid yet (nbf)', { nbf: Math.floor(T0 / 1000) + 60 }],
    ['another issuer', { iss: 'someone-else' }],
    ['another audience', { aud: 'other-app' }],
    ['no exp', { exp: undefined }],
    ['no sub', { sub: undefined }],
  ])('refuses %s', async (_name, extra) => {
    expect(await reason(verify()(await hs(claims(extra as JWTPayload))))).toBe('invalid');
  });

  it.each([
    ['no role', { role: undefined }],
    ['an unknown role', { role: 'root' }],
    ['a role of the wrong type', { role: ['admin'] }],
  ])('refuses %s', async (_name, extra) => {
    expect(await reason(verify()(await hs(claims(extra as JWTPayload))))).toBe('role');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(await reason(verify()(`${enc({ alg: 'none' })}.${enc(claims())}.`))).toBe('invalid');
  });

  it('refuses a token signed with another secret, and HS512 when only HS256 is allowed', async () => {
    expect(await reason(verify()(await hs(claims(), randomBytes(32))))).toBe('invalid');
    const hs512 = await hs(claims(), new TextEncoder().encode(secret), 'HS512');
    expect(await reason(verify()(hs512))).toBe('invalid');
  });

  it('refuses an RS256 token when only a secret is configured', async () => {
    expect(await reason(verify()(await rs(claims())))).toBe('invalid');
  });

  it('refuses garbage and oversize tokens without parsing them', async () => {
    expect(await reason(verify()('not.a.jwt'))).toBe('invalid');
    expect(await reason(verify()('x'.repeat(10_000)))).toBe('malformed');
  });
});

describe('createJwtVerifier with a JWKS', () => {
  it('accepts an RS256 token signed by a key of the JWKS', async () => {
    const verify = createJwtVerifier(config({ jwksUrl }), { clock });
    expect(await verify(await rs(claims()))).toMatchObject({ username: 'ada', role: 'trader' });
  });

  it('refuses algorithm confusion: an HS256 token keyed with the RSA public key', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(keys.publicKey));
    const jwk = new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey)));
    const jwksOnly = createJwtVerifier(config({ jwksUrl }), { clock });
    const both = createJwtVerifier(config({ jwksUrl, jwtSecret: secret }), { clock });
    for (const key of [pem, jwk]) {
      const forged = await hs(claims({ role: 'admin' }), key);
      expect(await reason(jwksOnly(forged))).toBe('invalid');
      expect(await reason(both(forged))).toBe('invalid');
    }
    // With both configured, each family still verifies against its own key.
    expect(await reason(both(await hs(claims())))).toBe('accepted');
    expect(await reason(both(await rs(claims())))).toBe('accepted');
  });
});
