import { ManualClock } from '@tickdeck/core';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import { FlakyHistoryStore } from '../store/flaky-history-store.test-helpers.js';
import { collectorForward, FORWARDED_PATH_PREFIXES } from './collector-forward.js';
import { ForwardedApiDocs } from './forwarded-api-docs.js';

interface Doc {
  paths: Record<string, Record<string, { summary?: string }>>;
}

const until = async (what: string, check: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('ForwardedApiDocs: a gateway documents the collector routes it forwards', () => {
  let collector: FastifyInstance;
  let gateway: FastifyInstance;
  let docs: ForwardedApiDocs;
  let collectorDown = true;
  const errors: unknown[] = [];

  beforeAll(async () => {
    // The collector: its own API document, with a forwarded route and one a gateway serves itself.
    collector = Fastify();
    collector.addHook('onRequest', async (request, reply) => {
      if (collectorDown && request.url.startsWith('/docs')) await reply.code(503).send('starting');
    });
    await collector.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'c', version: '1' } } });
    await collector.register(swaggerUi, { routePrefix: '/docs' });
    collector.get(
      '/api/v1/portfolio',
      { schema: { summary: 'Portfolio of every bot', response: { 200: { type: 'object' } } } },
      async () => ({}),
    );
    collector.get('/api/v1/symbols', { schema: { summary: 'the collector copy' } }, async () => []);
    const collectorUrl = await collector.listen({ host: '127.0.0.1', port: 0 });

    docs = new ForwardedApiDocs({
      url: collectorUrl,
      prefixes: FORWARDED_PATH_PREFIXES,
      retryMs: 50,
      onError: (e) => errors.push(e),
    });
    docs.start();
    gateway = await buildApp({
      logger: pino({ level: 'silent' }),
      clock: new ManualClock(0),
      history: new FlakyHistoryStore(),
      live: new MemoryLiveState(),
      markets: () => [],
      readiness: async () => [],
      plugins: [collectorForward({ url: collectorUrl })],
      openapi: docs.merge,
    });
    await gateway.ready();
  });
  afterAll(async () => {
    docs.stop();
    await gateway?.close();
    await collector?.close();
  });

  const gatewayDoc = async (): Promise<Doc> => (await gateway.inject({ url: '/docs/json' })).json<Doc>();

  it('serves its own routes while the collector does not answer, and fills in the forwarded ones once it does', async () => {
    await until('a failed try', () => errors.length > 0);
    const before = await gatewayDoc();
    expect(before.paths['/api/v1/symbols']?.['get']).toBeDefined();
    expect(before.paths['/api/v1/portfolio']?.['get']?.summary).toBeUndefined();

    collectorDown = false;
    await until('the collector document', () => docs.complete);
    const after = await gatewayDoc();
    expect(after.paths['/api/v1/portfolio']?.['get']?.summary).toBe('Portfolio of every bot');
    // A route the gateway serves itself keeps the gateway's description.
    expect(after.paths['/api/v1/symbols']?.['get']?.summary).not.toBe('the collector copy');
    // The forwarding routes' own wildcard entries are gone.
    expect(Object.keys(after.paths).filter((p) => p.includes('*'))).toEqual([]);
    expect(errors.length).toBe(1);
  });
});
