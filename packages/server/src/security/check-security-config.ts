/**
 * Checks between security settings that the schema cannot express; a wrong combination stops the
 * process at start with a message naming the setting.
 * @module
 */
import { ConfigError } from '../config/load-config.js';
import type { AuthConfig, TlsConfig } from './auth-config.js';

export function checkSecurityConfig(auth: AuthConfig, tls: TlsConfig): void {
  if (auth.users.length > 0 && auth.jwtSecret === undefined) {
    throw new ConfigError(
      'auth.users',
      'dashboard users need auth.jwtSecret (TICKDECK_JWT_SECRET) to sign their tokens',
    );
  }
  const names = new Set<string>();
  for (const u of auth.users) {
    if (names.has(u.username)) throw new ConfigError('auth.users', `user ${u.username} is listed twice`);
    names.add(u.username);
  }
  if (auth.algorithms !== undefined) {
    const hmac = auth.algorithms.filter((a) => a.startsWith('HS'));
    if (hmac.length > 0 && auth.jwtSecret === undefined)
      throw new ConfigError('auth.algorithms', `${hmac.join(', ')} need auth.jwtSecret`);
    if (hmac.length < auth.algorithms.length && auth.jwksUrl === undefined)
      throw new ConfigError('auth.algorithms', 'asymmetric algorithms need auth.jwksUrl');
  }
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new ConfigError(
      tls.certFile === undefined ? 'tls.certFile' : 'tls.keyFile',
      'TLS needs both a certificate (TICKDECK_TLS_CERT) and a key (TICKDECK_TLS_KEY)',
    );
  }
}
