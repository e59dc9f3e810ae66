/** Structured logs (pino). Secrets are redacted wherever they appear in a logged object. */
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  '*.token',
  '*.password',
  '*.apiKey',
  '*.secret',
  'storage.databaseUrl',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'tickdeck' },
  };
  return destination ? pino(options, destination) : pino(options);
}
