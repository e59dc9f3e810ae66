/**
 * The embedded default binds to localhost and runs without login. Listening on any other address
 * needs authentication, which this version does not have yet, so it is refused at start.
 */
import type { Config } from '../config/config-schema.js';
import { ConfigError } from '../config/load-config.js';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export function checkBindAddress(config: Config): void {
  if (!LOOPBACK.test(config.host)) {
    throw new ConfigError(
      'TICKDECK_HOST',
      `${config.host} is not a loopback address. tickdeck refuses to listen beyond this machine without ` +
        'authentication, which is not available in this version: keep TICKDECK_HOST=127.0.0.1 and put a ' +
        'reverse proxy with authentication in front (see docs/configuration.md).',
    );
  }
}
