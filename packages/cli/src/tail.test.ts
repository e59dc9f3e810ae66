import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Candle, Trade } from '@tickdeck/protocol';
// Test-only reuse of the SDK's protocol fixture (not part of any package's public API).
import { ProtocolServer } from '../../client/src/testing/protocol-server.test-helpers.js';
import { waitFor } from '../../client/src/testing/wait-for.test-helpers.js';
import { runTail } from './tail.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const fakeIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    lines: () =>
      out
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
  };
};

const trade = (i: number): Trade => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  timestamp: Date.UTC(2024, 0, 2, 3, 4, 5, i),
  price: 100 + i,
  amount: 0.5,
  side: 'buy',
});

const startServer = async () => {
  const server = await ProtocolServer.start();
  cleanups.push(() => server.close());
  return server;
};

describe('tickdeck tail', () => {
  it('prints a snapshot summary then one line per publication, and exits 0 after --count', async () => {
    const server = await startServer();
    const candles: Candle[] = [0, 1, 2].map((i) => ({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      time: Date.UTC(2024, 0, 2, 3, i),
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5 + i,
      volume: 10,
      trades: 3,
      closed: i < 2,
    }));
    server.declare('candles:BTC/USDT:1m', 'state', () => candles);
    const { io, lines, err } = fakeIo();
    const done = runTail(['candles:BTC/USDT:1m', '--url', server.url, '--count', '2'], io);
    await waitFor(() => server.open[0]?.subscriptions.size === 1 && lines().length === 1, 'subscribed');
    server.publish('candles:BTC/USDT:1m', { ...candles[2], close: 4 });
    server.publish('candles:BTC/USDT:1m', { ...candles[2], close: 5, closed: true });
    expect(await done).toBe(0);
    expect(lines()).toEqual([
      'snapshot candles:BTC/USDT:1m @ e1:0 (state) — 3 candles 2024-01-02T03:00:00.000Z .. 2024-01-02T03:02:00.000Z, last close 3.5',
      '#1 2024-01-02T03:02Z BTC/USDT 1m O 1 H 2 L 0.5 C 4 V 10',
      '#2 2024-01-02T03:02Z BTC/USDT 1m O 1 H 2 L 0.5 C 5 V 10 closed',
    ]);
    expect(err.join('')).toMatch(/\[connecting: connect\(\) called\]\n\[connected: session s1\]/);
  });

  it('prints raw JSON lines with --json and resumes from --since', async () => {
    const server = await startServer();
    server.declare('trades:BTC/USDT', 'stream', () => []);
    for (let i = 0; i < 4; i++) server.lose('trades:BTC/USDT', trade(i));
    const { io, lines } = fakeIo();
    const code = await runTail(
      ['trades:BTC/USDT', '--url', server.url, '--json', '--since', 'e1:2', '--count', '2', '--msgpack'],
      io,
    );
    expect(code).toBe(0);
    expect(lines().map((l) => JSON.parse(l))).toEqual([
      { op: 'pub', ch: 'trades:BTC/USDT', ep: 'e1', seq: 3, d: trade(2) },
      { op: 'pub', ch: 'trades:BTC/USDT', ep: 'e1', seq: 4, d: trade(3) },
    ]);
    expect(server.connections[0]?.protocol).toBe('tickdeck.msgpack.v1');
  });

  it('prints the JSON snapshot line and stops cleanly on the abort signal', async () => {
    const server = await startServer();
    server.declare('tickers', 'state', () => [{ symbol: 'BTC/USDT', last: 1 }]);
    const { io, lines } = fakeIo();
    const controller = new AbortController();
    const done = runTail(['tickers', '--url', server.url, '--json', '--token', 't0k'], io, {
      signal: controller.signal,
    });
    await waitFor(() => lines().length === 1, 'snapshot line');
    controller.abort();
    expect(await done).toBe(0);
    expect(JSON.parse(lines()[0]!)).toEqual({
      op: 'snapshot',
      ch: 'tickers',
      ep: 'e1',
      seq: 0,
      kind: 'state',
      cause: 'initial',
      snapshot: [{ symbol: 'BTC/USDT', last: 1 }],
    });
    expect(server.receivedOf('auth')[0]?.token).toBe('t0k');
    await waitFor(() => server.open.length === 0, 'connection closed');
  });

  it('exits 1 with a clear message on an unknown channel', async () => {
    const server = await startServer();
    const { io, err } = fakeIo();
    expect(await runTail(['ticker:NOPE/USDT', '--url', server.url], io)).toBe(1);
    expect(err.join('')).toContain('tickdeck tail: unknown channel "ticker:NOPE/USDT"');
  });

  it('exits 1 with a clear message when the connection is refused', async () => {
    const probe = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => probe.once('listening', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const { io, err } = fakeIo();
    expect(await runTail(['tickers', '--url', `ws://127.0.0.1:${port}/ws`], io)).toBe(1);
    expect(err.join('')).toMatch(
      /cannot connect to ws:\/\/127\.0\.0\.1:\d+\/ws: network error: .*ECONNREFUSED/,
    );
  });

  it('exits 1 when the server closes with a code that forbids reconnecting', async () => {
    const server = await startServer();
    server.closeOnConnect = { code: 4503, reason: 'forbidden' };
    const { io, err } = fakeIo();
    expect(await runTail(['tickers', '--url', server.url], io)).toBe(1);
    expect(err.join('')).toContain('disconnected by the server: closed 4503 (forbidden)');
  });

  it('exits 2 on bad arguments and prints the usage; --help prints it on stdout', async () => {
    for (const argv of [
      [],
      ['a', 'b'],
      ['Bad Channel'],
      ['tickers', '--count', '0'],
      ['tickers', '--since', 'nocolon'],
      ['tickers', '--url', 'http://x'],
      ['tickers', '--nope'],
    ]) {
      const { io, err } = fakeIo();
      expect(await runTail(argv, io)).toBe(2);
      expect(err.join('')).toMatch(/^tickdeck tail: .+\n\nUsage: tickdeck tail/);
    }
    const { io, out } = fakeIo();
    expect(await runTail(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('--count <n>');
  });
});
