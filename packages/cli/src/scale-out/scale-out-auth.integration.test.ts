/**
 * Scale-out with authentication on: a gateway serves login itself and forwards the analytics and key
 * routes to the collector, which checks every permission with the same table; bot keys made through
 * one gateway work for ingest through it at once.
 */
import { randomBytes } from 'node:crypto';
import { TickdeckClient } from '@tickdeck/client';
import { hashPassword } from '@tickdeck/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from '../../../server/src/store/tcp-proxy.test-helpers.js';
import {
  isCi,
  RedisServerProcess,
  haveRedisServer,
} from '../../../server/src/testing/redis-server.test-helpers.js';
import {
  createTestDatabase,
  havePg,
  noPgReason,
  testKeyPrefix,
} from '../../../server/src/testing/services.test-helpers.js';
import { Cluster, clusterSkipReason } from './cluster.test-helpers.js';

const skipReason = !havePg
  ? noPgReason
  : !haveRedisServer()
    ? 'redis-server is not on the PATH (this test starts a Redis of its own)'
    : clusterSkipReason();
if (skipReason !== undefined && isCi)
  throw new Error(`CI=true: scale-out auth tests cannot run: ${skipReason}`);

const PASSWORD = randomBytes(12).toString('base64url');

describe.skipIf(skipReason !== undefined)(
  `scale-out with authentication${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: RedisServerProcess;
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let cluster: Cluster;
    let gateway: string;

    beforeAll(async () => {
      db = await createTestDatabase();
      redis = await RedisServerProcess.start();
      const passwordHash = await hashPassword(PASSWORD);
      cluster = await Cluster.start({
        gateways: 1,
        redisUrl: redis.url,
        databaseUrl: db.url,
        prefix: testKeyPrefix(),
        config: {
          auth: {
            jwtSecret: randomBytes(32).toString('base64url'),
            users: [
              { username: 'vera', passwordHash, role: 'viewer' },
              { username: 'ada', passwordHash, role: 'admin' },
            ],
          },
          trustProxy: '127.0.0.1',
        },
      });
      gateway = cluster.gateways[0]!.url;
    }, 180_000);

    afterAll(async () => {
      await cluster?.stop();
      await redis?.stop();
      await db?.drop();
    }, 60_000);

    const login = async (username: string): Promise<string> => {
      const res = await fetch(`${gateway}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const call = (path: string, token?: string, body?: unknown) =>
      fetch(`${gateway}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    it('forwarded routes are checked by the collector: no token 401, a viewer reads but may not command', async () => {
      expect((await call('/api/v1/portfolio')).status).toBe(401);
      expect((await call('/api/v1/tickers')).status).toBe(401);
      const viewer = await login('vera');
      expect((await call('/api/v1/portfolio', viewer)).status).toBe(200);
      expect((await call('/api/v1/tickers', viewer)).status).toBe(200);
      const command = await call('/api/v1/bots/some-bot/commands', viewer, { kind: 'pause' });
      expect(command.status).toBe(403);
      expect(((await command.json()) as { code: string }).code).toBe('FORBIDDEN');
      expect((await call('/api/v1/keys', viewer)).status).toBe(403);
    });

    it('an admin makes a bot key through the gateway; ingest through the gateway takes it for that bot only', async () => {
      const admin = await login('ada');
      const made = await call('/api/v1/keys', admin, { botId: 'grid-bot', label: 'test' });
      expect(made.status).toBe(201);
      const { key } = (await made.json()) as { key: string };
      const fill = (botId: string, eventId: string) => ({
        type: 'fill',
        botId,
        eventId,
        fill: {
          id: eventId,
          symbol: 'BTC/USDT',
          side: 'buy',
          price: 60000,
          amount: 0.1,
          timestamp: Date.now(),
        },
      });
      expect((await call('/api/v1/ingest', undefined, { events: [fill('grid-bot', 'a')] })).status).toBe(401);
      const res = await call('/api/v1/ingest', key, {
        events: [fill('grid-bot', 'b'), fill('other-bot', 'c')],
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { status: string; code?: string }[] };
      expect(body.results.map((r) => r.code ?? r.status)).toEqual(['accepted', 'FORBIDDEN_BOT']);
    });

    it('the gateway WebSocket takes a token and serves channels; without one it closes with 4501', async () => {
      const token = await login('vera');
      const client = new TickdeckClient({ url: cluster.gateways[0]!.wsUrl, WebSocket, token });
      let got = 0;
      client.subscribe('trades:BTC/USDT', { onPublication: () => got++ });
      client.connect();
      try {
        await waitFor('trades through the authenticated connection', () => got > 3, 20_000);
      } finally {
        client.close();
      }
      const ws = new WebSocket(cluster.gateways[0]!.wsUrl);
      const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
      expect(code).toBe(4501);
    }, 30_000);

    it("the gateway's /docs shows the collector's routes it forwards, next to its own", async () => {
      type Doc = { paths: Record<string, Record<string, { summary?: string }>> };
      const read = async (): Promise<Doc> => (await (await fetch(`${gateway}/docs/json`)).json()) as Doc;
      let doc = await read();
      for (let i = 0; i < 150 && doc.paths['/api/v1/ingest']?.['post']?.summary === undefined; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        doc = await read();
      }
      expect(doc.paths['/api/v1/ingest']?.['post']?.summary).toContain('Ingest a batch');
      expect(doc.paths['/api/v1/alerts/rules']?.['get']?.summary).toBe('Alert rules');
      expect(doc.paths['/api/v1/candles']?.['get']).toBeDefined();
      expect(Object.keys(doc.paths).filter((p) => p.includes('*'))).toEqual([]);
    }, 30_000);
  },
);
