import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode } from '@tickdeck/protocol';
import type { Candle, Ticker } from '@tickdeck/protocol';
import { TickdeckClient } from './client.js';
import type { ClientOptions } from './client-options.js';
import type { ClientError } from './errors.js';
import type { SnapshotInfo } from './subscription.js';
import { ProtocolServer } from './testing/protocol-server.test-helpers.js';
import type { FixtureOptions } from './testing/protocol-server.test-helpers.js';
import { waitFor } from './testing/wait-for.test-helpers.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const setup = async (fixture: FixtureOptions = {}, options: Partial<ClientOptions> = {}) => {
  const server = await ProtocolServer.start(fixture);
  const client = new TickdeckClient({
    url: server.url,
    WebSocket,
    backoffBaseMs: 5,
    backoffCapMs: 20,
    ...options,
  });
  const errors: ClientError[] = [];
  client.on('error', (e) => errors.push(e));
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, client, errors };
};

const connected = async (client: TickdeckClient, n = 1) => {
  let count = 0;
  const off = client.on('state', (s) => {
    if (s.status === 'connected') count += 1;
  });
  if (client.state.status === 'disconnected') client.connect();
  await waitFor(() => count >= n, `connection ${n}`);
  off();
};

const ticker = (last: number): Ticker => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  timestamp: 1_700_000_000_000 + last,
  last,
});

/** A stream channel recorder: snapshots and the seqs delivered. */
const recorder = () => {
  const seqs: number[] = [];
  const data: unknown[] = [];
  const snapshots: { snapshot: unknown; info: SnapshotInfo }[] = [];
  const recovered: number[] = [];
  return {
    seqs,
    data,
    snapshots,
    recovered,
    handlers: {
      onSnapshot: (snapshot: unknown, info: SnapshotInfo) => snapshots.push({ snapshot, info }),
      onPublication: (d: unknown, info: { seq: number }) => {
        seqs.push(info.seq);
        data.push(d);
      },
      onRecovered: (info: { since: { seq: number } }) => recovered.push(info.since.seq),
    },
  };
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('TickdeckClient subscriptions', () => {
  it('sends many subscriptions in one command, then delivers typed snapshots and publications', async () => {
    const { server, client } = await setup();
    server.declare('ticker:BTC/USDT', 'state', () => ticker(1));
    server.declare('candles:BTC/USDT:1m', 'state', () => [] as Candle[]);
    server.declare('trades:BTC/USDT', 'stream', () => []);
    const lasts: (number | undefined)[] = [];
    client.subscribe('ticker:BTC/USDT', {
      onSnapshot: (t) => lasts.push(t?.last),
      onPublication: (t) => lasts.push(t.last),
      maxRateMs: 250,
    });
    const candles: Candle[][] = [];
    client.subscribe('candles:BTC/USDT:1m', { onSnapshot: (c) => candles.push(c ?? []) });
    const trades = recorder();
    const sub = client.subscribe('trades:BTC/USDT', trades.handlers);
    expect(sub.status).toBe('pending');
    await connected(client);
    await waitFor(() => candles.length === 1 && sub.status === 'active', 'snapshots');
    const subscribes = server.receivedOf('subscribe');
    expect(subscribes).toHaveLength(1);
    expect(subscribes[0]?.channels).toEqual([
      { channel: 'ticker:BTC/USDT', maxRateMs: 250 },
      { channel: 'candles:BTC/USDT:1m' },
      { channel: 'trades:BTC/USDT' },
    ]);
    server.publish('ticker:BTC/USDT', ticker(2));
    server.publish('trades:BTC/USDT', { price: 1 });
    await waitFor(() => lasts.length === 2 && trades.seqs.length === 1, 'publications');
    expect(lasts).toEqual([1, 2]);
    expect(sub.kind).toBe('stream');
    expect(sub.position).toEqual({ epoch: 'e1', seq: 1 });
    // Subscribing later, while connected, also batches within the same tick.
    server.declare('metrics:BTC/USDT', 'state', () => null);
    server.declare('tickers', 'state', () => ({}));
    client.subscribe('metrics:BTC/USDT', {});
    client.subscribe('tickers', {});
    await waitFor(() => server.receivedOf('subscribe').length === 2, 'second command');
    expect(server.receivedOf('subscribe')[1]?.channels.map((c) => c.channel)).toEqual([
      'metrics:BTC/USDT',
      'tickers',
    ]);
  });

  it('recovers after a drop: missed publications arrive once, in order, with no snapshot', async () => {
    const { server, client } = await setup();
    server.declare('trades:X/Y', 'stream', () => ['snap']);
    const rec = recorder();
    const sub = client.subscribe('trades:X/Y', rec.handlers);
    await connected(client);
    await waitFor(() => rec.snapshots.length === 1, 'snapshot');
    for (let i = 0; i < 3; i++) server.publish('trades:X/Y', i);
    await waitFor(() => rec.seqs.length === 3, 'three pubs');
    server.terminateAll();
    for (let i = 3; i < 8; i++) server.lose('trades:X/Y', i); // published while the client was away
    await connected(client, 1);
    await waitFor(() => rec.seqs.length === 8, 'replay');
    server.publish('trades:X/Y', 8);
    await waitFor(() => rec.seqs.length === 9, 'live again');
    expect(rec.seqs).toEqual(range(1, 9));
    expect(rec.data).toEqual(range(0, 8));
    expect(rec.snapshots).toHaveLength(1);
    expect(rec.recovered).toEqual([3]);
    expect(server.receivedOf('subscribe')[1]?.channels).toEqual([
      { channel: 'trades:X/Y', since: { epoch: 'e1', seq: 3 } },
    ]);
    expect(sub.stats).toMatchObject({ recoveries: 1, gaps: 0, duplicates: 0, publications: 9 });
  });

  it('reloads from a snapshot (recovered: false) when the history no longer covers the gap', async () => {
    const { server, client } = await setup({ historySize: 3 });
    let state = 0;
    server.declare('trades:X/Y', 'stream', () => `state-${state}`);
    const rec = recorder();
    const sub = client.subscribe('trades:X/Y', rec.handlers);
    await connected(client);
    // Publish only once the server holds the subscription (it is not there yet when the socket opens).
    await waitFor(() => sub.status === 'active', 'active');
    server.publish('trades:X/Y', 'a');
    await waitFor(() => rec.seqs.length === 1, 'first pub');
    server.terminateAll();
    for (let i = 0; i < 10; i++) server.lose('trades:X/Y', i);
    state = 11;
    await waitFor(() => rec.snapshots.length === 2, 'second snapshot');
    expect(rec.snapshots[1]).toEqual({
      snapshot: 'state-11',
      info: { channel: 'trades:X/Y', epoch: 'e1', seq: 11, kind: 'stream', cause: 'recovery-failed' },
    });
    server.publish('trades:X/Y', 'b');
    await waitFor(() => rec.seqs.length === 2, 'next pub');
    expect(rec.seqs).toEqual([1, 12]);
  });

  it('reloads after an epoch change (server restart)', async () => {
    const { server, client } = await setup();
    server.declare('trades:X/Y', 'stream', () => 'snap');
    const rec = recorder();
    const sub = client.subscribe('trades:X/Y', rec.handlers);
    await connected(client);
    await waitFor(() => sub.status === 'active', 'active');
    server.publish('trades:X/Y', 1);
    await waitFor(() => rec.seqs.length === 1, 'pub');
    server.dropAll(CloseCode.ServerRestart);
    server.resetEpoch('trades:X/Y', 'e2');
    await waitFor(() => rec.snapshots.length === 2, 'reload');
    expect(rec.snapshots[1]?.info).toMatchObject({ epoch: 'e2', seq: 0, cause: 'recovery-failed' });
    expect(sub.position).toEqual({ epoch: 'e2', seq: 0 });
  });

  it('drops duplicates by seq', async () => {
    const { server, client } = await setup();
    server.declare('trades:X/Y', 'stream', () => null);
    const rec = recorder();
    const sub = client.subscribe('trades:X/Y', rec.handlers);
    await connected(client);
    await waitFor(() => sub.status === 'active', 'active');
    const p1 = server.publish('trades:X/Y', 1);
    const p2 = server.publish('trades:X/Y', 2);
    server.broadcast('trades:X/Y', [p1, p2, p1]);
    server.publish('trades:X/Y', 3);
    await waitFor(() => rec.seqs.length === 3, 'three');
    expect(rec.seqs).toEqual([1, 2, 3]);
    expect(sub.stats.duplicates).toBe(3);
  });

  it('resyncs a stream channel on a gap: unsubscribe + subscribe from the last seq, then the missing ones', async () => {
    const { server, client } = await setup();
    server.declare('trades:X/Y', 'stream', () => null);
    const rec = recorder();
    const sub = client.subscribe('trades:X/Y', rec.handlers);
    await connected(client);
    await waitFor(() => sub.status === 'active', 'active');
    server.publish('trades:X/Y', 1);
    server.lose('trades:X/Y', 2); // a frame the client never got
    server.publish('trades:X/Y', 3);
    await waitFor(() => rec.seqs.length === 3, 'repaired');
    expect(rec.seqs).toEqual([1, 2, 3]);
    expect(rec.data).toEqual([1, 2, 3]);
    expect(sub.stats).toMatchObject({ gaps: 1, resyncs: 1, recoveries: 1 });
    const ops = server.connections[0]?.received.filter((m) => m.op !== 'ping');
    expect(ops?.map((m) => m.op)).toEqual(['subscribe', 'unsubscribe', 'subscribe']);
    expect(server.receivedOf('subscribe')[1]?.channels).toEqual([
      { channel: 'trades:X/Y', since: { epoch: 'e1', seq: 1 } },
    ]);
    expect(server.connections).toHaveLength(1);
  });

  it('accepts skipped seqs on a state channel (conflation) without resyncing', async () => {
    const { server, client } = await setup();
    server.declare('ticker:X/Y', 'state', () => ticker(0));
    const lasts: (number | undefined)[] = [];
    const sub = client.subscribe('ticker:X/Y', { onPublication: (t) => lasts.push(t.last) });
    await connected(client);
    await waitFor(() => sub.status === 'active', 'active');
    server.lose('ticker:X/Y', ticker(1));
    server.publish('ticker:X/Y', ticker(2));
    await waitFor(() => lasts.length === 1, 'latest');
    expect(lasts).toEqual([2]);
    expect(sub.stats).toMatchObject({ conflated: 1, gaps: 0, resyncs: 0 });
    expect(server.receivedOf('subscribe')).toHaveLength(1);
  });

  it('reports an unknown channel on that subscription and stops asking for it', async () => {
    const { server, client, errors } = await setup();
    const seen: ClientError[] = [];
    const sub = client.subscribe('ticker:NOPE/USDT', { onError: (e) => seen.push(e) });
    await connected(client);
    await waitFor(() => seen.length === 1, 'error');
    expect(seen[0]).toMatchObject({
      code: 'SERVER_ERROR',
      serverCode: 'UNKNOWN_CHANNEL',
      channel: 'ticker:NOPE/USDT',
    });
    expect(sub.status).toBe('failed');
    server.dropAll(CloseCode.ServerRestart);
    await connected(client, 1);
    expect(server.receivedOf('subscribe')).toHaveLength(1);
    expect(errors).toEqual([]);
    // The name is free again.
    client.subscribe('ticker:NOPE/USDT', {});
  });

  it('retries a subscription refused for a transient reason (error by command id)', async () => {
    const { server, client } = await setup({}, { random: () => 0 });
    server.declare('tickers', 'state', () => 'snap');
    const errors: string[] = [];
    const snaps: unknown[] = [];
    client.subscribe('tickers', {
      onError: (e) => errors.push(String(e.serverCode)),
      onSnapshot: (s) => snaps.push(s),
    });
    await connected(client);
    await waitFor(() => snaps.length === 1, 'snapshot');
    // Make the server refuse the next subscribe as rate-limited, replying by command id only.
    const conn = server.connections[0]!;
    const original = conn.ws.listeners('message')[0] as (...args: unknown[]) => void;
    conn.ws.removeAllListeners('message');
    let refused = false;
    conn.ws.on('message', (data: Buffer, isBinary: boolean) => {
      const m = JSON.parse(String(data)) as { op: string; id?: number };
      if (m.op === 'subscribe' && !refused) {
        refused = true;
        server.sendRaw(conn, [{ op: 'error', id: m.id, code: 'RATE_LIMITED', message: 'later' }]);
        return;
      }
      original(data, isBinary);
    });
    server.lose('tickers', 'x');
    server.lose('tickers', 'y');
    server.resetEpoch('tickers', 'e9');
    server.publish('tickers', 'z'); // epoch change on a pub: resync, refused once, then retried
    await waitFor(() => snaps.length === 2, 'resynced after retry');
    expect(errors).toEqual(['RATE_LIMITED']);
  });

  it('unsubscribes: the server is told, publications stop, and nothing is resent on reconnect', async () => {
    const { server, client } = await setup();
    server.declare('trades:X/Y', 'stream', () => null);
    server.declare('trades:A/B', 'stream', () => null);
    const rec = recorder();
    const sub = client.subscribe('trades:X/Y', rec.handlers);
    const early = client.subscribe('trades:A/B', {});
    early.unsubscribe(); // before it was ever sent: no command
    await connected(client);
    await waitFor(() => sub.status === 'active', 'active');
    sub.unsubscribe();
    sub.unsubscribe();
    expect(sub.status).toBe('closed');
    await waitFor(() => server.receivedOf('unsubscribe').length === 1, 'unsubscribe sent');
    expect(server.receivedOf('unsubscribe')[0]?.channels).toEqual(['trades:X/Y']);
    server.broadcast('trades:X/Y', [{ op: 'pub', ch: 'trades:X/Y', ep: 'e1', seq: 1, d: 1 }]);
    server.dropAll(CloseCode.ServerRestart);
    await connected(client, 1);
    expect(rec.seqs).toEqual([]);
    expect(server.receivedOf('subscribe')).toHaveLength(1);
    expect(server.receivedOf('subscribe')[0]?.channels).toEqual([{ channel: 'trades:X/Y' }]);
  });

  it('refuses bad channel names and a second subscription to the same channel', async () => {
    const { client } = await setup();
    expect(() => client.subscribe('Bad Channel', {})).toThrow(
      expect.objectContaining({ code: 'INVALID_CHANNEL' }),
    );
    expect(() => client.subscribe(`x:${'a'.repeat(200)}`, {})).toThrow(
      expect.objectContaining({ code: 'INVALID_CHANNEL' }),
    );
    client.subscribe('tickers', {});
    expect(() => client.subscribe('tickers', {})).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_SUBSCRIPTION' }),
    );
  });

  it('starts from a given position (since) and splits large subscription sets into bounded commands', async () => {
    const { server, client } = await setup({}, { maxChannelsPerCommand: 2 });
    server.declare('trades:X/Y', 'stream', () => null);
    for (let i = 0; i < 5; i++) server.lose('trades:X/Y', i);
    const rec = recorder();
    client.subscribe('trades:X/Y', { ...rec.handlers, since: { epoch: 'e1', seq: 3 } });
    for (const s of ['A', 'B', 'C']) {
      server.declare(`ticker:${s}/USDT`, 'state', () => null);
      client.subscribe(`ticker:${s}/USDT`, {});
    }
    await connected(client);
    await waitFor(() => rec.seqs.length === 2, 'replay from since');
    expect(rec.seqs).toEqual([4, 5]);
    expect(rec.snapshots).toEqual([]);
    expect(server.receivedOf('subscribe').map((m) => m.channels.length)).toEqual([2, 2]);
  });

  it('carries the same data over MessagePack as over JSON', async () => {
    const { server } = await setup();
    const payload = {
      symbol: 'XRP/ETH',
      price: 0.0014983,
      amount: 12.5,
      timestamp: 1_570_752_000_123,
      side: 'buy',
      nested: { list: [1, -2.5, null, 'x'], flag: true },
    };
    server.declare('trades:XRP/ETH', 'stream', () => [payload]);
    const results: Record<string, { snapshots: unknown[]; data: unknown[]; protocol: string }> = {};
    for (const encoding of ['json', 'msgpack'] as const) {
      const client = new TickdeckClient({ url: server.url, WebSocket, encoding });
      cleanups.push(() => client.close());
      const rec = recorder();
      client.subscribe('trades:XRP/ETH', rec.handlers);
      client.connect();
      await waitFor(() => rec.snapshots.length === 1, `${encoding} snapshot`);
      results[encoding] = { snapshots: rec.snapshots.map((s) => s.snapshot), data: rec.data, protocol: '' };
    }
    server.publish('trades:XRP/ETH', payload);
    await waitFor(() => Object.values(results).every((r) => r.data.length === 1), 'both got the pub');
    expect(server.connections.map((c) => c.protocol)).toEqual(['tickdeck.json.v1', 'tickdeck.msgpack.v1']);
    expect(server.connections[1]?.received[0]?.op).toBe('subscribe'); // decoded from MessagePack
    expect(results.msgpack?.snapshots).toEqual([[payload]]);
    expect(results.msgpack).toEqual(results.json);
    expect(results.json?.data).toEqual([payload]);
  });
});
