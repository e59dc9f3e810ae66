/**
 * Structured logs (pino). Secrets are redacted wherever they appear in a logged object: tokens, API
 * keys, passwords and their hashes, the JWT secret, the TLS key, database URLs. The test
 * security/log-secrets.integration.test.ts checks a real process's whole output for them.
 */
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'req.headers["x-tickdeck-key"]',
  'headers.authorization',
  'headers["sec-websocket-protocol"]',
  'headers["x-tickdeck-key"]',
  'token',
  'password',
  '*.token',
  '*.password',
  '*.passwordHash',
  '*.apiKey',
  '*.apiKeys',
  '*.key',
  '*.keyHash',
  '*.secret',
  '*.jwtSecret',
  '*.keyFile',
  'storage.databaseUrl',
  '*.databaseUrl',
  'databaseUrl',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'tickdeck' },
  };
  return destination ? pino(options, destination) : pino(options);
}
