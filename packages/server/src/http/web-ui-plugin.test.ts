import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_CACHE_CONTROL, PAGE_CACHE_CONTROL, webUiPlugin } from './web-ui-plugin.js';

describe('webUiPlugin', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickdeck-webui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>tickdeck</title>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'export {};');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    app = Fastify();
    await app.register(webUiPlugin(dir));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('caches content-hashed assets for good and revalidates the page', async () => {
    const asset = await app.inject({ url: '/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    for (const url of ['/', '/favicon.svg']) {
      const page = await app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
    }
  });

  it('answers client-side routes with index.html, and unknown API and asset paths with 404', async () => {
    const route = await app.inject({ url: '/symbol/BTC%2FUSDT?tf=1m' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>tickdeck</title>');
    expect(route.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
    expect((await app.inject({ url: '/api/v1/nothing-here' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/index-Old999.js' })).statusCode).toBe(404);
  });

  it('revalidates index.html with its ETag', async () => {
    const first = await app.inject({ url: '/' });
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await app.inject({ url: '/', headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
  });
});
