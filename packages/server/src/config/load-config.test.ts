import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const file = (content: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'tickdeck-config-')), 'config.json');
  writeFileSync(path, content);
  return path;
};

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe('./data');
    expect(c.storage.databaseUrl).toBeUndefined();
    expect(c.sources).toEqual([{ kind: 'simulator', name: 'simulator' }]);
  });

  it('reads environment variables, converting their text', () => {
    const c = loadConfig({
      TICKDECK_HOST: '::1',
      TICKDECK_PORT: '9001',
      TICKDECK_DATA_DIR: '/tmp/x',
      TICKDECK_STORAGE_IN_MEMORY: 'true',
      TICKDECK_DATABASE_URL: 'postgres://u@h/db',
    });
    expect(c).toMatchObject({ host: '::1', port: 9001, dataDir: '/tmp/x' });
    expect(c.storage).toMatchObject({ inMemory: true, databaseUrl: 'postgres://u@h/db' });
  });

  it('takes a JSON file, with the environment winning over it', () => {
    const path = file(JSON.stringify({ port: 7000, logLevel: 'debug', pipeline: { tickMs: 100 } }));
    const c = loadConfig({ TICKDECK_CONFIG: path, TICKDECK_PORT: '7001' });
    expect(c.port).toBe(7001);
    expect(c.logLevel).toBe('debug');
    expect(c.pipeline).toEqual({ tickMs: 100, lateGraceMs: 5000, staleAfterMs: 10_000 });
  });

  it('names the environment variable that holds a wrong value', () => {
    expect(errorOf(() => loadConfig({ TICKDECK_PORT: 'eighty' })).setting).toBe('TICKDECK_PORT');
    expect(errorOf(() => loadConfig({ TICKDECK_PORT: '70000' })).message).toMatch(/TICKDECK_PORT.*65535/);
    expect(errorOf(() => loadConfig({ TICKDECK_DATABASE_URL: 'mysql://x' })).setting).toBe(
      'TICKDECK_DATABASE_URL',
    );
  });

  it('names the setting of a file at fault, and unknown settings', () => {
    expect(errorOf(() => loadConfig({ TICKDECK_CONFIG: file('{"pipeline":{"tickMs":1}}') })).setting).toBe(
      'pipeline.tickMs',
    );
    const unknown = errorOf(() => loadConfig({ TICKDECK_CONFIG: file('{"prot":1}') }));
    expect(unknown.message).toMatch(/unknown setting.*prot/);
  });

  it('refuses an unreadable or non-object file', () => {
    expect(errorOf(() => loadConfig({ TICKDECK_CONFIG: '/nonexistent/tickdeck.json' })).message).toMatch(
      /cannot read/,
    );
    expect(errorOf(() => loadConfig({ TICKDECK_CONFIG: file('[1,2]') })).message).toMatch(
      /not a JSON object/,
    );
    expect(errorOf(() => loadConfig({ TICKDECK_CONFIG: file('{oops') })).message).toMatch(
      /not a JSON object/,
    );
  });
});
