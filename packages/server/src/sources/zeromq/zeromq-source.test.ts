import { pack } from 'msgpackr';
import { afterEach, describe, expect, it } from 'vitest';
import { Publisher } from 'zeromq';
import { collectSink, waitFor } from '../testing/collect-sink.test-helpers.js';
import { ZeromqSource } from './zeromq-source.js';

const T = Date.UTC(2024, 0, 1);
const ticker = {
  symbol: 'BTC/USDT',
  timestamp: T,
  bid: 60_000,
  ask: 60_000.5,
  last: 60_000.2,
  bidVolume: 1.5,
};
const trade = { symbol: 'ETH/USDT', timestamp: T + 1, price: 3000.25, amount: 0.75, side: 'buy', id: 't1' };

const open: { close(): void | Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function publisher(endpoint = 'tcp://127.0.0.1:*'): Promise<{ pub: Publisher; endpoint: string }> {
  const pub = new Publisher({ linger: 0 });
  await pub.bind(endpoint);
  open.push({ close: () => (pub.closed ? undefined : pub.close()) });
  return { pub, endpoint: pub.lastEndpoint as string };
}

function source(endpoint: string, extra: object = {}) {
  const src = new ZeromqSource({ endpoint, ...extra });
  open.push({ close: () => src.stop() });
  return src;
}

/** PUB/SUB drops what is sent before the subscription reaches the publisher: send until received. */
async function sendUntil(
  pub: Publisher,
  frames: () => (string | Buffer)[][],
  done: () => boolean,
): Promise<void> {
  for (let i = 0; i < 250 && !done(); i++) {
    for (const f of frames()) await pub.send(f);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!done()) throw new Error('nothing arrived');
}

describe('ZeromqSource with a real PUB socket', () => {
  it('receives tickers and trades, and reports live', async () => {
    const { pub, endpoint } = await publisher();
    const sink = collectSink();
    const src = source(endpoint);
    await src.start(sink);
    const kinds = () => new Set(sink.events.map((e) => e.kind));
    await sendUntil(
      pub,
      () => [
        ['ticker.BTC/USDT', pack(ticker)],
        ['trade.ETH/USDT', pack(trade)],
      ],
      () => kinds().size === 2,
    );
    expect(sink.events.find((e) => e.kind === 'ticker')).toEqual({ kind: 'ticker', ticker });
    expect(sink.events.find((e) => e.kind === 'trade')).toEqual({ kind: 'trade', trade });
    expect(src.status().state).toBe('live');
    // The kind from the payload, the symbol from the topic.
    const { symbol: _s, ...noSymbol } = trade;
    const n = sink.events.length;
    await sendUntil(
      pub,
      () => [['feed.ETH/USDT', pack({ kind: 'trade', ...noSymbol, id: 't2' })]],
      () => sink.events.length > n,
    );
    expect(sink.events.at(-1)).toEqual({ kind: 'trade', trade: { ...trade, id: 't2' } });
    await src.stop();
    expect(src.status().state).toBe('stopped');
  });

  it('passes only the subscribed topics', async () => {
    const { pub, endpoint } = await publisher();
    const sink = collectSink();
    const src = source(endpoint, { topics: ['trade.'] });
    await src.start(sink);
    await sendUntil(
      pub,
      () => [
        ['ticker.BTC/USDT', pack(ticker)],
        ['trade.ETH/USDT', pack(trade)],
      ],
      () => sink.events.length >= 3,
    );
    expect(sink.events.every((e) => e.kind === 'trade')).toBe(true);
  });

  it('counts malformed frames, skips them, fails past the rate, and recovers', async () => {
    const { pub, endpoint } = await publisher();
    const sink = collectSink();
    const src = source(endpoint, { maxDecodeErrors: 5, decodeWindowMs: 1000 });
    await src.start(sink);
    await sendUntil(
      pub,
      () => [['trade.ETH/USDT', pack(trade)]],
      () => sink.events.length > 0,
    );
    const bad: (string | Buffer)[][] = [
      ['trade.ETH/USDT'],
      ['trade.ETH/USDT', Buffer.from('not msgpack at all')],
      ['trade.ETH/USDT', pack(42)],
      ['misc.ETH/USDT', pack({ hello: 'world' })],
      ['trade', pack({ price: 1, amount: 1, timestamp: T })],
      ['trade.ETH/USDT', pack(trade), Buffer.from('extra')],
    ];
    for (const f of bad) await pub.send(f);
    const good = sink.events.length;
    await sendUntil(
      pub,
      () => [['trade.ETH/USDT', pack({ ...trade, id: 'after' })]],
      () => sink.events.length > good,
    );
    expect(src.stats().malformedByReason).toEqual({
      'expected 2 frames [topic, payload], got 1': 1,
      'payload is not MessagePack': 1,
      'payload is not a map': 1,
      'payload is neither a ticker nor a trade': 1,
      'no symbol in the payload or the topic': 1,
      'expected 2 frames [topic, payload], got 3': 1,
    });
    expect(sink.statuses.map((s) => s.state)).toContain('failed');
    expect(sink.statuses.find((s) => s.state === 'failed')?.reason).toMatch(
      /more than 5 malformed messages from tcp:\/\/127\.0\.0\.1:\d+ in 1 s/,
    );
    // Once the errors have left the window, good data makes it live again.
    await new Promise((r) => setTimeout(r, 1100));
    const m = sink.events.length;
    await sendUntil(
      pub,
      () => [['trade.ETH/USDT', pack(trade)]],
      () => sink.events.length > m,
    );
    expect(src.status().state).toBe('live');
  });

  it('resumes after the publisher restarts on the same endpoint', async () => {
    const first = await publisher();
    const sink = collectSink();
    const src = source(first.endpoint, { reconnectMinMs: 20, reconnectMaxMs: 100 });
    await src.start(sink);
    await sendUntil(
      first.pub,
      () => [['trade.ETH/USDT', pack(trade)]],
      () => sink.events.length > 0,
    );
    first.pub.close();
    await waitFor(() => src.status().state === 'connecting', 5000, 'disconnect noticed');
    expect(src.status().reason).toMatch(/went away|cannot reach/);
    const second = await publisher(first.endpoint);
    const n = sink.events.length;
    await sendUntil(
      second.pub,
      () => [['trade.ETH/USDT', pack({ ...trade, id: 'again' })]],
      () => sink.events.length > n,
    );
    expect(sink.events.at(-1)).toMatchObject({ kind: 'trade', trade: { id: 'again' } });
    await waitFor(() => src.status().state === 'live');
    expect(src.status().reconnects).toBeGreaterThanOrEqual(1);
  });

  it('reports stale after a silence', async () => {
    const { pub, endpoint } = await publisher();
    const sink = collectSink();
    const src = source(endpoint, { staleAfterMs: 200 });
    await src.start(sink);
    await sendUntil(
      pub,
      () => [['ticker.BTC/USDT', pack(ticker)]],
      () => sink.events.length > 0,
    );
    await waitFor(() => src.status().state === 'stale', 3000, 'stale');
    expect(src.status().reason).toMatch(/no message from/);
    await pub.send(['ticker.BTC/USDT', pack(ticker)]);
    await waitFor(() => src.status().state === 'live', 3000, 'live again');
  });
});
