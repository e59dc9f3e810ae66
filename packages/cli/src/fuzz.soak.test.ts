/**
 * Fuzz: 100,000 random or malformed WebSocket frames (random bytes, truncated JSON, deep nesting, huge
 * numbers, wrong types, valid-looking commands, garbage MessagePack) over several connections that
 * reconnect when closed, half of them authenticated, and random bodies (JSON and not) to every POST
 * route, against a real server on loopback. Bounded: it stops after the count or the time limit,
 * whichever comes first. Meanwhile a well-behaved SDK client on a stream channel sees no seq gap; at
 * the end the server answers /health and its heap (its own /metrics) stays under the stated bound.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TickdeckClient } from '@tickdeck/client';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test-only reuse of the server's permission table and secured-server fixture (not public API); the
// test lives here because only the CLI package may use both the server and the SDK.
import { ROUTE_PERMISSIONS } from '../../server/src/security/route-permissions.js';
import {
  startSecureServer,
  waitUntil,
  type SecureServer,
} from '../../server/src/security/testing/secure-server.test-helpers.js';
import { bodyArbitrary, frameArbitrary, samples, type Frame } from './fuzz-frames.test-helpers.js';

const MAX_FRAMES = 100_000;
const MAX_WS_MS = 40_000;
const MAX_REST = 3000;
const MAX_REST_MS = 12_000;
const CONNECTIONS = 6;
/**
 * Memory, read from the server's /metrics after a full garbage collection (server and test share the
 * process). The frames go in two equal rounds: what the second round adds to the retained heap must
 * stay under ROUND_GROWTH_BOUND (a leak of ~700 bytes per frame or more would pass it), and the whole
 * run under TOTAL_GROWTH_BOUND (the server's own warm-up, history rings filling, is ~40 MB of it).
 */
const ROUND_GROWTH_BOUND = 32 * 1024 * 1024;
const TOTAL_GROWTH_BOUND = 160 * 1024 * 1024;
const POOL = 5000;

let s: SecureServer;
beforeAll(async () => {
  s = await startSecureServer((c) => {
    c.auth.rateLimit.max = 1_000_000;
    c.auth.authTimeoutMs = 5000;
    c.sources = [{ kind: 'simulator', name: 'simulator', rate: 200, seed: 11 }];
  });
});
afterAll(async () => {
  await s?.close();
});

// A full collection before each reading, so the figure is what is retained, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const heapUsed = async (): Promise<number> => {
  gc();
  const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${await s.token()}` } });
  const m = /^tickdeck_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(await res.text());
  return Number(m?.[1]);
};

/** One fuzzing connection: sends frames from the pool until told to stop, reconnecting when closed. */
async function fuzzConnection(
  pool: Frame[],
  offset: number,
  authenticate: boolean,
  budget: { sent: number; max: number; until: number },
  closes: Map<number, number>,
): Promise<void> {
  let i = offset;
  while (budget.sent < budget.max && Date.now() < budget.until) {
    const ws = new WebSocket(s.wsUrl, ['tickdeck.json.v1']);
    const closed = new Promise<void>((resolve) =>
      ws.on('close', (code) => {
        closes.set(code, (closes.get(code) ?? 0) + 1);
        resolve();
      }),
    );
    ws.on('error', () => undefined);
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if (opened && authenticate) ws.send(JSON.stringify({ op: 'auth', token: await s.token() }));
    while (opened && ws.readyState === ws.OPEN && budget.sent < budget.max && Date.now() < budget.until) {
      if (ws.bufferedAmount > 256 * 1024) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      const f = pool[i++ % pool.length]!;
      ws.send(f.data, { binary: f.binary });
      budget.sent++;
      if (budget.sent % 64 === 0) await new Promise((r) => setImmediate(r));
    }
    ws.terminate();
    await closed;
  }
}

describe('fuzz', () => {
  it(`survives ${MAX_FRAMES} hostile frames and random REST bodies, with no gap for a good client`, async () => {
    // Everything the test sends is made first, so the heap readings compare the server's retention.
    const pool = samples(frameArbitrary, POOL, 42);
    const bodies = samples(bodyArbitrary, MAX_REST, 7).filter((b) => !b.body.includes('http'));
    const heapBefore = await heapUsed();
    // The well-behaved client.
    const seqs: { ep: string; seq: number }[] = [];
    const client = new TickdeckClient({ url: s.wsUrl, WebSocket, token: () => s.token({ ttlSec: 3600 }) });
    client.subscribe('trades:BTC/USDT', {
      onPublication: (_t, info) => seqs.push({ ep: info.epoch, seq: info.seq }),
    });
    client.connect();
    await waitUntil(() => seqs.length > 0, 'the good client to get trades', 20_000);

    const budget = { sent: 0, max: MAX_FRAMES / 2, until: Date.now() + MAX_WS_MS };
    const closes = new Map<number, number>();
    const started = Date.now();
    const round = (r: number) =>
      Promise.all(
        Array.from({ length: CONNECTIONS }, (_, k) =>
          fuzzConnection(pool, k * 997 + r * 2500, k % 2 === 0, budget, closes),
        ),
      );
    await round(0);
    const heapMid = await heapUsed();
    budget.max = MAX_FRAMES;
    await round(1);
    const heapRound = await heapUsed();
    const wsMs = Date.now() - started;

    // REST: random bodies to every POST route (test-notification sends webhooks: left out, and no
    // body naming a URL is sent, so nothing leaves this machine).
    const admin = await s.token({ role: 'admin', sub: 'ada', ttlSec: 3600 });
    const routes = Object.keys(ROUTE_PERMISSIONS)
      .filter((r) => r.startsWith('POST ') && !r.endsWith('/test-notification'))
      .map((r) =>
        r.slice(5).replace(':botId', 'fuzz-bot').replace(':commandId', 'c1').replace(':id', 'fuzz'),
      );
    const statuses = new Map<number, number>();
    const restUntil = Date.now() + MAX_REST_MS;
    let rest = 0;
    for (const [n, b] of bodies.entries()) {
      if (Date.now() > restUntil) break;
      const res = await fetch(`${s.url}${routes[n % routes.length]}`, {
        method: 'POST',
        headers: { 'content-type': b.type, authorization: `Bearer ${admin}` },
        body: b.body,
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      rest++;
    }

    const heapAfter = await heapUsed();
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
    console.info(
      `fuzz: ${budget.sent} frames in ${wsMs} ms, closes ${JSON.stringify([...closes])}; ` +
        `${rest} REST bodies, statuses ${JSON.stringify([...statuses])}; ` +
        `heap ${[heapBefore, heapMid, heapRound, heapAfter].map((h) => Math.round(h / 1e6)).join(' → ')} MB; ` +
        `good client ${seqs.length} trades`,
    );
    expect(budget.sent).toBeGreaterThan(10_000);
    expect(rest).toBeGreaterThan(100);
    // No request made the server fail.
    expect([...statuses.keys()].filter((code) => code >= 500)).toEqual([]);
    // The good client stayed connected and saw every trade, in order, without a gap.
    expect(client.state.status).toBe('connected');
    const gaps = seqs.filter((p, k) => k > 0 && p.ep === seqs[k - 1]!.ep && p.seq !== seqs[k - 1]!.seq + 1);
    expect(gaps).toEqual([]);
    expect(heapRound - heapMid).toBeLessThan(ROUND_GROWTH_BOUND);
    expect(heapAfter - heapBefore).toBeLessThan(TOTAL_GROWTH_BOUND);
    client.close();
  }, 120_000);
});
