import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { requireScaleOutConfig } from './scale-out-stores.js';

const env = {
  TICKDECK_DATABASE_URL: 'postgres://tickdeck@db/tickdeck',
  TICKDECK_REDIS_URL: 'redis://cache:6379',
  TICKDECK_COLLECTOR_URL: 'http://collector:8081',
};

describe('scale-out settings', () => {
  it('reads Redis, the collector URL and the gateway id from the environment', () => {
    const config = loadConfig({ ...env, TICKDECK_REDIS_PREFIX: 'td:', TICKDECK_GATEWAY_ID: 'gw-2' });
    expect(config.redis).toEqual({ url: 'redis://cache:6379', prefix: 'td:' });
    expect(config.gatewayId).toBe('gw-2');
    expect(requireScaleOutConfig(config, 'gateway')).toEqual({
      databaseUrl: env.TICKDECK_DATABASE_URL,
      collectorUrl: env.TICKDECK_COLLECTOR_URL,
    });
  });

  it('names the first missing setting of each role', () => {
    const without = (name: keyof typeof env) => loadConfig({ ...env, [name]: undefined });
    expect(() => requireScaleOutConfig(without('TICKDECK_DATABASE_URL'), 'collector')).toThrow(
      /TICKDECK_DATABASE_URL: not set: tickdeck collector needs PostgreSQL and Redis/,
    );
    expect(() => requireScaleOutConfig(without('TICKDECK_REDIS_URL'), 'gateway')).toThrow(
      /TICKDECK_REDIS_URL/,
    );
    expect(() => requireScaleOutConfig(without('TICKDECK_COLLECTOR_URL'), 'gateway')).toThrow(
      /TICKDECK_COLLECTOR_URL/,
    );
    expect(() => requireScaleOutConfig(without('TICKDECK_COLLECTOR_URL'), 'collector')).not.toThrow();
    expect(() => loadConfig({ ...env, TICKDECK_GATEWAY_ID: 'bad id' })).toThrow(/TICKDECK_GATEWAY_ID/);
  });
});
