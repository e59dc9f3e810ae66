/**
 * The gateway in a real server process, driven over real sockets.
 */
import { CloseCode, SUBPROTOCOL_MSGPACK } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  TestClient,
  type Msg,
  type TestServer,
} from './testing/gateway-client.test-helpers.js';

const seqs = (msgs: Msg[]) => msgs.map((m) => m.seq as number);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('gateway over real sockets (default limits)', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const client = (opts?: ConstructorParameters<typeof TestClient>[1]) => {
    const c = new TestClient(server.url, opts);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startTestServer({ history: { maxCount: 20 } });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.stop();
  });

  it('welcomes, then sends a snapshot tagged with its seq, then only deltas', async () => {
    await server.publish({ channel: 'st:a', count: 3 });
    const c = client();
    await c.opened;
    await c.until((m) => m.some((x) => x.op === 'welcome'));
    expect(c.messages[0]).toMatchObject({ op: 'welcome', version: 1, limits: { maxFrameBytes: 65536 } });
    c.send({ op: 'subscribe', id: 7, channels: [{ channel: 'st:a' }] });
    await c.until(() => c.find('subscribed', 'st:a') !== undefined);
    expect(c.find('subscribed', 'st:a')).toMatchObject({
      id: 7,
      kind: 'state',
      seq: 3,
      recovered: false,
      snapshot: { i: 2 },
    });
    await server.publish({ channel: 'st:a', count: 5 });
    await c.until(() => c.pubs('st:a').length === 5);
    expect(seqs(c.pubs('st:a'))).toEqual([4, 5, 6, 7, 8]);
    expect(c.pubs('st:a').map((m) => (m.d as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
  });

  it('recovers after the server drops the connection: recovered true and no gap', async () => {
    const c = client();
    c.send({ op: 'subscribe', channels: ['ev:r'] });
    await c.until(() => c.find('subscribed', 'ev:r') !== undefined);
    await server.publish({ channel: 'ev:r', count: 6 });
    await c.until(() => c.pubs('ev:r').length === 6);
    const last = c.pubs('ev:r').at(-1)!;
    await server.post('/test/drop');
    expect(await c.closed).toBe(CloseCode.ServerRestart);
    await server.publish({ channel: 'ev:r', count: 4 });
    const again = client();
    again.send({
      op: 'subscribe',
      channels: [{ channel: 'ev:r', since: { epoch: last.ep, seq: last.seq } }],
    });
    await server.publish({ channel: 'ev:r', count: 2 });
    await again.until(() => again.pubs('ev:r').length === 6);
    expect(again.find('subscribed', 'ev:r')).toMatchObject({ recovered: true, seq: 6, ep: last.ep });
    expect(seqs(again.pubs('ev:r'))).toEqual(range(7, 12));
  });

  it('past the history, answers with a fresh snapshot and recovered false', async () => {
    const c = client();
    c.send({ op: 'subscribe', channels: ['st:h'] });
    await c.until(() => c.find('subscribed', 'st:h') !== undefined);
    await server.publish({ channel: 'st:h', count: 2 });
    await c.until(() => c.pubs('st:h').length === 2);
    const last = c.pubs('st:h').at(-1)!;
    c.close();
    await server.publish({ channel: 'st:h', count: 30 });
    const again = client();
    again.send({
      op: 'subscribe',
      channels: [{ channel: 'st:h', since: { epoch: last.ep, seq: last.seq } }],
    });
    await again.until(() => again.find('subscribed', 'st:h') !== undefined);
    expect(again.find('subscribed', 'st:h')).toMatchObject({
      recovered: false,
      seq: 32,
      snapshot: { i: 29 },
    });
  });

  it('refuses an unknown or invalid channel with its error code and keeps serving', async () => {
    const c = client();
    c.send({ op: 'subscribe', id: 1, channels: ['nope:x', 'BAD NAME', 'st:ok'] });
    await c.until(() => c.find('subscribed', 'st:ok') !== undefined);
    const errors = c.messages.filter((m) => m.op === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CHANNEL', ch: 'nope:x', id: 1 }),
      expect.objectContaining({ code: 'INVALID_CHANNEL', ch: 'BAD NAME', id: 1 }),
    ]);
    c.send({ op: 'frobnicate' });
    await c.until(() => c.messages.some((m) => m.op === 'error' && m.code === 'UNKNOWN_COMMAND'));
    expect(c.closeCode).toBeUndefined();
  });

  it('closes an oversize frame with 1009 and malformed JSON with ProtocolError, and still serves', async () => {
    const big = client();
    await big.opened;
    big.ws.send('x'.repeat(70_000));
    expect(await big.closed).toBe(CloseCode.MessageTooBig);
    const bad = client();
    await bad.opened;
    bad.ws.send('{"op":"subscribe",');
    expect(await bad.closed).toBe(CloseCode.ProtocolError);
    const ok = client();
    ok.send({ op: 'ping', t: 42 });
    await ok.until((m) => m.some((x) => x.op === 'pong' && x.t === 42));
  });

  it('refuses a foreign Origin with HTTP 403 before upgrading; same-origin and no Origin pass', async () => {
    const foreign = new TestClient(server.url, { origin: 'https://evil.example' });
    await expect(foreign.opened).rejects.toThrow('HTTP 403');
    const same = client({ origin: `http://127.0.0.1:${server.port}` });
    await same.opened;
    const none = client();
    await none.opened;
  });

  it('carries the same data in MessagePack and JSON', async () => {
    const json = client();
    const pack = client({ protocol: SUBPROTOCOL_MSGPACK });
    await pack.opened;
    expect(pack.ws.protocol).toBe(SUBPROTOCOL_MSGPACK);
    for (const c of [json, pack]) c.send({ op: 'subscribe', channels: ['ev:mp'] });
    await json.until(() => json.find('subscribed', 'ev:mp') !== undefined);
    await pack.until(() => pack.find('subscribed', 'ev:mp') !== undefined);
    await server.publish({
      channel: 'ev:mp',
      count: 3,
      k: 'ü€',
      v: { n: 1.5, list: [1, 'two', null], big: 2 ** 40 },
    });
    await json.until(() => json.pubs('ev:mp').length === 3);
    await pack.until(() => pack.pubs('ev:mp').length === 3);
    expect(pack.pubs('ev:mp')).toEqual(json.pubs('ev:mp'));
    expect(json.pubs('ev:mp')[0]!.d).toEqual({
      i: 0,
      k: 'ü€',
      v: { n: 1.5, list: [1, 'two', null], big: 2 ** 40 },
    });
  });

  it('exposes Prometheus metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    const text = await res.text();
    for (const name of [
      'tickdeck_gateway_connections{transport="ws"}',
      'tickdeck_gateway_messages_out_total{kind="stream"}',
      'tickdeck_gateway_batch_messages_bucket',
      'tickdeck_gateway_closes_total{code="1009"}',
      'tickdeck_gateway_inbound_errors_total{code="UNKNOWN_CHANNEL"}',
    ]) {
      expect(text).toContain(name);
    }
  });
});

describe('gateway over real sockets (tight limits)', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const client = (opts?: ConstructorParameters<typeof TestClient>[1]) => {
    const c = new TestClient(server.url, opts);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startTestServer({
      limits: {
        softQueueBytes: 65_536,
        hardQueueBytes: 262_144,
        maxCommandsPerSec: 5,
        commandBurst: 5,
        floodStrikes: 3,
        maxConnectionsPerAddress: 6,
        heartbeatMs: 100,
        heartbeatTimeoutMs: 400,
      },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.stop();
  });

  it('closes a client that stops reading with SlowConsumer while a fast one gets every seq', async () => {
    // A paused client answers no pings either: its own server waits longer for heartbeats, so that
    // the slow-consumer limit, not the heartbeat timeout, is what closes it however busy the machine.
    const tight = server;
    server = await startTestServer({
      limits: {
        softQueueBytes: 65_536,
        hardQueueBytes: 262_144,
        maxConnectionsPerAddress: 6,
        heartbeatMs: 10_000,
        heartbeatTimeoutMs: 60_000,
      },
    });
    const fast = client();
    const slow = client();
    try {
      for (const c of [fast, slow]) c.send({ op: 'subscribe', channels: ['ev:slow'] });
      await fast.until(() => fast.find('subscribed', 'ev:slow') !== undefined);
      await slow.until(() => slow.find('subscribed', 'ev:slow') !== undefined);
      (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const n = 12_000;
      await server.publish({ channel: 'ev:slow', count: n, pad: 1000, chunk: 40 });
      await fast.until(() => fast.pubs('ev:slow').length === n, 20_000);
      expect(seqs(fast.pubs('ev:slow'))).toEqual(range(1, n));
      (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(await slow.closed).toBe(CloseCode.SlowConsumer);
      expect(slow.pubs('ev:slow').length).toBeLessThan(n);
      expect(fast.closeCode).toBeUndefined();
      const stats = (await server.get('/test/stats')) as { closes: Record<string, number> };
      expect(stats.closes['4001']).toBe(1);
    } finally {
      fast.close();
      await server.stop();
      server = tight;
    }
  });

  it('answers a command flood with RATE_LIMITED, then closes with CommandFlood', async () => {
    const c = client();
    await c.opened;
    for (let i = 0; i < 20; i++) c.send({ op: 'ping', t: i });
    expect(await c.closed).toBe(CloseCode.CommandFlood);
    expect(c.messages.filter((m) => m.op === 'pong')).toHaveLength(5);
    expect(c.messages.filter((m) => m.op === 'error' && m.code === 'RATE_LIMITED')).toHaveLength(3);
    const next = client();
    next.send({ op: 'ping', t: 1 });
    await next.until((m) => m.some((x) => x.op === 'pong'));
    next.close();
  });

  it('closes connections past the per-address cap with TooManyConnections', async () => {
    for (const c of clients.splice(0)) c.close();
    await new Promise((r) => setTimeout(r, 100));
    const six = Array.from({ length: 6 }, () => client());
    await Promise.all(six.map((c) => c.until((m) => m.some((x) => x.op === 'welcome'))));
    const seventh = client();
    expect(await seventh.closed).toBe(CloseCode.TooManyConnections);
    six[0]!.close();
    await six[0]!.closed;
    await new Promise((r) => setTimeout(r, 100));
    const again = client();
    await again.until((m) => m.some((x) => x.op === 'welcome'));
    for (const c of clients.splice(0)) c.close();
  });

  it('pings, measures the round trip, and closes a silent peer with HeartbeatTimeout', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const live = client();
    const silent = client({ autoPong: false });
    expect(await silent.closed).toBe(CloseCode.HeartbeatTimeout);
    await live.until((m) => m.some((x) => x.op === 'ping' && typeof x.rtt === 'number'));
    expect(live.closeCode).toBeUndefined();
  });
});

describe('gateway restart and SSE', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('after a restart (new epoch) answers an old position with a snapshot and recovered false', async () => {
    server = await startTestServer();
    const c = new TestClient(server.url);
    c.send({ op: 'subscribe', channels: ['st:z'] });
    await c.until(() => c.find('subscribed', 'st:z') !== undefined);
    await server.publish({ channel: 'st:z', count: 3 });
    await c.until(() => c.pubs('st:z').length === 3);
    const last = c.pubs('st:z').at(-1)!;
    await server.stop();
    expect(await c.closed).not.toBe(CloseCode.Normal);
    server = await startTestServer();
    await server.publish({ channel: 'st:z', count: 5 });
    const again = new TestClient(server.url);
    again.send({
      op: 'subscribe',
      channels: [{ channel: 'st:z', since: { epoch: last.ep, seq: last.seq } }],
    });
    await again.until(() => again.find('subscribed', 'st:z') !== undefined);
    const sub = again.find('subscribed', 'st:z')!;
    expect(sub).toMatchObject({ recovered: false, seq: 5, snapshot: { i: 4 } });
    expect(sub.ep).not.toBe(last.ep);
    again.close();
  });

  it('streams over SSE and resumes every channel from Last-Event-ID', async () => {
    server ??= await startTestServer();
    const url = `http://127.0.0.1:${server.port}/api/v1/stream?channels=ev:s1,st:s2`;
    const first = await readSse(
      url,
      {},
      (events) => events.filter((e) => e.event === 'pub').length >= 4,
      async () => {
        await server!.publish({ channel: 'ev:s1', count: 2 });
        await server!.publish({ channel: 'st:s2', count: 2 });
      },
    );
    const lastId = first.filter((e) => e.id !== undefined).at(-1)!.id!;
    await server.publish({ channel: 'ev:s1', count: 3 });
    await server.publish({ channel: 'st:s2', count: 1 });
    const second = await readSse(
      url,
      { 'last-event-id': lastId },
      (events) => events.filter((e) => e.event === 'pub').length >= 4,
    );
    const data = second.map(
      (e) => ({ ...(JSON.parse(e.data) as Msg), event: e.event }) as Msg & { event: string },
    );
    expect(data.filter((d) => d.event === 'subscribed').map((d) => [d.ch, d.recovered, d.seq])).toEqual([
      ['ev:s1', true, 2],
      ['st:s2', true, 2],
    ]);
    expect(data.filter((d) => d.event === 'pub').map((d) => [d.ch, d.seq])).toEqual([
      ['ev:s1', 3],
      ['ev:s1', 4],
      ['ev:s1', 5],
      ['st:s2', 3],
    ]);
  });
});

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** Read an SSE stream until `done` holds over the events (bounded), then abort it. */
async function readSse(
  url: string,
  headers: Record<string, string>,
  done: (events: SseEvent[]) => boolean,
  afterOpen?: () => Promise<void>,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  const res = await fetch(url, { headers, signal: abort.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  let opened = false;
  try {
    while (!done(events)) {
      const { value, done: end } = await reader.read();
      if (end) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const e: SseEvent = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          const v = rest.join(': ');
          if (field === 'id') e.id = v;
          else if (field === 'event') e.event = v;
          else if (field === 'data') e.data = v;
        }
        if (e.data) events.push(e);
      }
      if (!opened && events.some((e) => e.event === 'subscribed') && afterOpen) {
        opened = events.filter((e) => e.event === 'subscribed').length >= 2;
        if (opened) await afterOpen();
      }
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}
