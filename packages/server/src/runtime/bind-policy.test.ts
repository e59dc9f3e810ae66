import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { checkBindAddress } from './bind-policy.js';

describe('checkBindAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost'])('accepts loopback %s', (host) => {
    expect(() => checkBindAddress(loadConfig({ TICKDECK_HOST: host }))).not.toThrow();
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])('refuses %s without authentication', (host) => {
    expect(() => checkBindAddress(loadConfig({ TICKDECK_HOST: host }))).toThrow(/TICKDECK_HOST.*loopback/);
  });
});
