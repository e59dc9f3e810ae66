import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { checkBindAddress } from './bind-policy.js';

const secret = () => randomBytes(32).toString('base64url');

describe('checkBindAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost'])(
    'accepts loopback %s without authentication',
    (host) => {
      expect(() => checkBindAddress(loadConfig({ TICKDECK_HOST: host }))).not.toThrow();
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])(
    'refuses %s without authentication, saying how to set it up',
    (host) => {
      const run = () => checkBindAddress(loadConfig({ TICKDECK_HOST: host }));
      expect(run).toThrow(/TICKDECK_HOST.*not a loopback address/);
      expect(run).toThrow(/TICKDECK_JWT_SECRET/);
      expect(run).toThrow(/tickdeck hash-password/);
      expect(run).toThrow(/auth\.users/);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10'])('accepts %s with a JWT secret', (host) => {
    expect(() =>
      checkBindAddress(loadConfig({ TICKDECK_HOST: host, TICKDECK_JWT_SECRET: secret() })),
    ).not.toThrow();
  });

  it('accepts a non-loopback address with a JWKS URL', () => {
    const config = loadConfig({
      TICKDECK_HOST: '0.0.0.0',
      TICKDECK_JWKS_URL: 'https://idp.example/jwks.json',
    });
    expect(() => checkBindAddress(config)).not.toThrow();
  });

  it('refuses a JWT secret shorter than 32 bytes, naming the variable', () => {
    expect(() => loadConfig({ TICKDECK_HOST: '0.0.0.0', TICKDECK_JWT_SECRET: 'short' })).toThrow(
      /TICKDECK_JWT_SECRET/,
    );
  });

  it('refuses users without a secret to sign their tokens', () => {
    const config = loadConfig({ TICKDECK_JWKS_URL: 'https://idp.example/jwks.json' });
    config.auth.users = [
      { username: 'ada', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$x$y', role: 'admin' },
    ];
    expect(() => checkBindAddress(config)).toThrow(/auth\.users.*jwtSecret/);
  });

  it('refuses a TLS certificate without its key', () => {
    expect(() => checkBindAddress(loadConfig({ TICKDECK_TLS_CERT: '/tmp/cert.pem' }))).toThrow(
      /tls\.keyFile/,
    );
  });
});
