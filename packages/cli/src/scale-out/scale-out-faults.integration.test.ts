/**
 * Scale-out under faults, with real processes: one collector and three gateways on a Redis of the
 * test's own (so that it can be killed and restarted) and the real PostgreSQL behind a TCP proxy (so
 * that it can be taken away). Clients connect through a round-robin load balancer, without sticky
 * sessions, with the SDK, and every publication they see is checked by (epoch, seq).
 */
import { TickdeckClient } from '@tickdeck/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TcpProxy, waitFor } from '../../../server/src/store/tcp-proxy.test-helpers.js';
import {
  haveRedisServer,
  isCi,
  RedisServerProcess,
} from '../../../server/src/testing/redis-server.test-helpers.js';
import {
  createTestDatabase,
  havePg,
  noPgReason,
  pgUrl,
  testKeyPrefix,
} from '../../../server/src/testing/services.test-helpers.js';
import { TcpBalancer } from '../../../server/src/testing/tcp-balancer.test-helpers.js';
import { Cluster, clusterSkipReason, type RoleProcess } from './cluster.test-helpers.js';

const STREAM = 'trades:BTC/USDT';
const STATE = 'ticker:BTC/USDT';

const skipReason = !havePg
  ? noPgReason
  : !haveRedisServer()
    ? 'redis-server is not on the PATH (this test starts and restarts a Redis of its own)'
    : clusterSkipReason();
if (skipReason !== undefined && isCi)
  throw new Error(`CI=true: scale-out fault tests cannot run: ${skipReason}`);

/** One SDK client and everything it saw on a stream and a state channel. */
class Watcher {
  readonly client: TickdeckClient;
  /** Stream deliveries as [epoch, seq]. */
  readonly seen: [string, number][] = [];
  /** Stream trade ids by seq, per epoch (to compare clients). */
  readonly ids = new Map<string, string>();
  snapshots: string[] = [];
  recoveries = 0;
  stateUpdates = 0;
  readonly stream;
  readonly state;

  constructor(url: string) {
    this.client = new TickdeckClient({ url, WebSocket, backoffBaseMs: 100, backoffCapMs: 1000 });
    this.stream = this.client.subscribe(STREAM, {
      onSnapshot: (_s, info) => this.snapshots.push(info.cause),
      onRecovered: () => this.recoveries++,
      onPublication: (t, info) => {
        this.seen.push([info.epoch, info.seq]);
        this.ids.set(`${info.epoch}:${info.seq}`, String(t.id));
      },
    });
    this.state = this.client.subscribe(STATE, { onPublication: () => this.stateUpdates++ });
    this.client.connect();
  }

  get connected(): boolean {
    return this.client.state.status === 'connected';
  }

  /** Positions where, within one epoch, a seq did not follow the previous one by exactly 1. */
  silentGaps(): string[] {
    const out: string[] = [];
    for (let i = 1; i < this.seen.length; i++) {
      const [e0, s0] = this.seen[i - 1]!;
      const [e1, s1] = this.seen[i]!;
      if (e0 === e1 && s1 !== s0 + 1) out.push(`${e1}: ${s0} → ${s1}`);
    }
    return out;
  }

  last(): [string, number] | undefined {
    return this.seen.at(-1);
  }
}

describe.skipIf(skipReason !== undefined)(
  `scale-out: one collector, three gateways${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: RedisServerProcess;
    let pgProxy: TcpProxy;
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let cluster: Cluster;
    let balancer: TcpBalancer;
    let watchers: Watcher[] = [];

    beforeAll(async () => {
      db = await createTestDatabase();
      redis = await RedisServerProcess.start();
      const target = new URL(pgUrl);
      pgProxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
      const proxied = new URL(db.url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(pgProxy.port);
      cluster = await Cluster.start({
        gateways: 3,
        redisUrl: redis.url,
        databaseUrl: proxied.toString(),
        prefix: testKeyPrefix(),
      });
      balancer = await new TcpBalancer(cluster.gateways.map((g) => g.port)).start();
    }, 180_000);

    afterAll(async () => {
      for (const w of watchers) w.client.close();
      await balancer?.stop();
      await cluster?.stop();
      await pgProxy?.cut();
      await redis?.stop();
      await db?.drop();
    }, 60_000);

    const waitAll = (what: string, check: (w: Watcher) => boolean, ms = 20_000) =>
      waitFor(what, () => watchers.every(check), ms).catch((err: Error) => {
        throw new Error(`${err.message}\n${cluster.logs()}`);
      });
    const grow = async (what: string, ms = 20_000) => {
      const before = watchers.map((w) => w.seen.length);
      await waitAll(what, (w) => w.seen.length >= before[watchers.indexOf(w)]! + 20, ms);
    };

    it('spreads clients over the gateways, and they all see the same seq stream', async () => {
      watchers = Array.from({ length: 6 }, () => new Watcher(`ws://127.0.0.1:${balancer.port}/ws`));
      await waitAll('every client connected', (w) => w.connected);
      expect([...balancer.counts.values()].filter((n) => n >= 2)).toHaveLength(3);
      await grow('live trades on every client');
      for (const w of watchers) expect(w.silentGaps()).toEqual([]);
      // Every seq two clients both saw carries the same trade.
      const [a, ...rest] = watchers;
      for (const w of rest) {
        let common = 0;
        for (const [key, id] of w.ids) {
          const other = a!.ids.get(key);
          if (other === undefined) continue;
          expect(id).toBe(other);
          common++;
        }
        expect(common).toBeGreaterThan(10);
      }
      const ready = await cluster.gateways[0]!.get('/ready');
      expect(ready.status).toBe(200);
    }, 60_000);

    it('serves the analytics API and channels through any gateway, and sums the gateways on `system`', async () => {
      const [g1, g2, g3] = cluster.gateways as [RoleProcess, RoleProcess, RoleProcess];
      const fill = {
        type: 'fill',
        botId: 'scale-bot',
        eventId: 'f1',
        fill: { id: '1', symbol: 'BTC/USDT', side: 'buy', price: 60000, amount: 0.5, timestamp: Date.now() },
      };
      const res = await fetch(`${g1.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: [fill] }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
      const viaOther = await g2.get('/api/v1/portfolio?botId=scale-bot');
      expect(viaOther.status).toBe(200);
      // The portfolio channel's snapshot on a third gateway holds the bot (retained in Redis).
      const client = new TickdeckClient({ url: g3.wsUrl, WebSocket });
      let bots: string[] = [];
      client.subscribe('portfolio', {
        onSnapshot: (s) => (bots = ((s ?? []) as { botId: string }[]).map((p) => p.botId)),
      });
      client.connect();
      try {
        await waitFor('the portfolio snapshot', () => bots.includes('scale-bot'));
      } finally {
        client.close();
      }
      let gateways: { id: string; connections: number }[] = [];
      await waitFor(
        'three gateway reports on the system reading',
        () => {
          void cluster.collector.get('/api/v1/system').then(({ body }) => {
            gateways = (body as { gateways?: typeof gateways }).gateways ?? [];
          });
          return gateways.length === 3 && gateways.reduce((a, g) => a + g.connections, 0) >= 6;
        },
        10_000,
      );
      expect(gateways.map((g) => g.id).sort()).toEqual(['gw1', 'gw2', 'gw3']);
    }, 60_000);

    it('SIGKILL of a gateway: its clients reconnect to another and recover with no gap', async () => {
      const victim = cluster.gateways[0]!;
      const before = watchers.map((w) => w.recoveries);
      await victim.stop('SIGKILL');
      await waitAll('every client connected again', (w) => w.connected);
      await grow('trades flowing again on every client');
      const moved = watchers.filter((w, i) => w.recoveries > before[i]!);
      expect(moved.length).toBeGreaterThanOrEqual(1);
      for (const w of watchers) {
        expect(w.silentGaps()).toEqual([]);
        expect(w.stream.stats.gaps).toBe(0);
        expect(w.snapshots).toEqual(['initial']);
      }
      await victim.start();
    }, 60_000);

    it('Redis restart: collector and gateways reconnect by themselves; every client recovers or resyncs', async () => {
      await redis.kill();
      await new Promise((r) => setTimeout(r, 1500));
      const epochs = watchers.map((w) => w.last()?.[0]);
      await redis.restart();
      // Redis came back empty: new epochs, so every client must have taken a clean snapshot.
      await waitAll(
        'a new epoch on every client',
        (w, i = watchers.indexOf(w)) => w.last() !== undefined && w.last()![0] !== epochs[i],
        30_000,
      );
      await grow('trades flowing on the new epoch');
      for (const w of watchers) {
        expect(w.silentGaps()).toEqual([]);
        expect(w.snapshots.filter((c) => c === 'recovery-failed').length).toBeGreaterThanOrEqual(1);
      }
      for (const p of [cluster.collector, ...cluster.gateways]) expect(p.running).toBe(true);
      // The live state was written again: a fresh client gets full candle history from any gateway.
      const candles = await cluster.gateways[1]!.get('/api/v1/tickers');
      expect(candles.status).toBe(200);
    }, 90_000);

    it('PostgreSQL down: streaming goes on, history is buffered and flushed, /ready says so', async () => {
      await pgProxy.cut();
      let ready = await cluster.collector.get('/ready');
      const deadline = Date.now() + 15_000;
      while (ready.status === 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        ready = await cluster.collector.get('/ready');
      }
      expect(ready.status).toBe(503);
      expect(JSON.stringify(ready.body)).toMatch(/postgresql[^}]*"down"/);
      const cutAt = Date.now();
      await grow('trades still flowing without PostgreSQL');
      for (const w of watchers) expect(w.silentGaps()).toEqual([]);
      // A gateway probes PostgreSQL every 2 s: it says so within a probe or two.
      let gatewayReady = await cluster.gateways[1]!.get('/ready');
      const gatewayDeadline = Date.now() + 15_000;
      while (gatewayReady.status === 200 && Date.now() < gatewayDeadline) {
        await new Promise((r) => setTimeout(r, 250));
        gatewayReady = await cluster.gateways[1]!.get('/ready');
      }
      expect(gatewayReady.status).toBe(503);
      expect(JSON.stringify(gatewayReady.body)).toMatch(/postgresql[^}]*"down"/);

      await pgProxy.restore();
      const flushed = (body: unknown) =>
        (body as { dependencies: { name: string; detail?: string }[] }).dependencies.some(
          (d) => d.name.startsWith('history') && d.detail?.startsWith('0 buffered') === true,
        );
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        ready = await cluster.collector.get('/ready');
        if (ready.status === 200 && flushed(ready.body)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(ready.status).toBe(200);
      expect(flushed(ready.body)).toBe(true);
      // What was traded while PostgreSQL was away is in the history now.
      const res = await cluster.gateways[2]!.get(`/api/v1/trades?symbol=BTC/USDT&from=${cutAt}&limit=100`);
      expect(res.status).toBe(200);
      expect((res.body as { trades: unknown[] }).trades.length).toBeGreaterThan(0);
    }, 90_000);
  },
);
