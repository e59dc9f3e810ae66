/**
 * The embedded default binds to localhost and may run without login. Listening on any other address
 * without authentication configured is refused at start, with the steps to configure it.
 * @module
 */
import type { Config } from '../config/config-schema.js';
import { ConfigError } from '../config/load-config.js';
import { authEnabled } from '../security/auth-config.js';
import { checkSecurityConfig } from '../security/check-security-config.js';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/** What to do to listen beyond this machine (printed when it is refused). */
export const HOW_TO_ENABLE_AUTH = [
  'tickdeck listens beyond this machine only with authentication. To set it up:',
  '  1. a token secret of at least 32 bytes: TICKDECK_JWT_SECRET="$(openssl rand -base64 48)"',
  '     (or auth.jwtSecret in the TICKDECK_CONFIG file; or auth.jwksUrl for an identity provider);',
  '  2. dashboard users: run `tickdeck hash-password` (it reads the password from standard input)',
  '     and list them as auth.users in the config file: "auth": { "users": [{ "username": "ada",',
  '     "passwordHash": "$argon2id$…", "role": "admin" }] } (roles: viewer, trader, admin);',
  '  3. for TLS: TICKDECK_TLS_CERT and TICKDECK_TLS_KEY (PEM files).',
  'Or keep TICKDECK_HOST=127.0.0.1. See docs/security.md.',
].join('\n');

/**
 * @throws ConfigError when `host` is not loopback and authentication is not configured, or when the
 * security settings contradict each other
 */
export function checkBindAddress(config: Config): void {
  checkSecurityConfig(config.auth, config.tls);
  if (!LOOPBACK.test(config.host) && !authEnabled(config.auth)) {
    throw new ConfigError(
      'TICKDECK_HOST',
      `${config.host} is not a loopback address and authentication is not configured.\n${HOW_TO_ENABLE_AUTH}`,
    );
  }
}
