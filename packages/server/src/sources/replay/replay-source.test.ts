import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSink, testDataPath, waitFor } from '../testing/collect-sink.test-helpers.js';
import { ManualScheduler } from '../testing/manual-scheduler.test-helpers.js';
import { ReplaySource } from './replay-source.js';

const tradesFile = testDataPath('freqtrade-xrp-eth/XRP_ETH-trades.json.gz');
const candlesFile = testDataPath('freqtrade-xrp-eth/XRP_ETH-1m.json');
type Row = [number, string, null, string, number, number, number];
const fileTrades = JSON.parse(gunzipSync(readFileSync(tradesFile)).toString('utf8')) as Row[];

interface Tr {
  id: string;
  symbol: string;
  timestamp: number;
  price: number;
  amount: number;
  side: string;
}
const trade = (e: { kind: string; trade?: unknown }) => e.trade as Tr;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdeck-replay-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ReplaySource on the freqtrade XRP/ETH data', () => {
  it('replays all 12,477 trades in order with the values of the file, then reports it finished', async () => {
    const sink = collectSink();
    const src = new ReplaySource({ path: tradesFile, symbol: 'XRP/ETH', speed: 'max' });
    await src.start(sink);
    await src.done();
    expect(fileTrades.length).toBe(12_477);
    expect(sink.events.length).toBe(12_477);
    const mismatches = sink.events.filter((e, i) => {
      const t = trade(e);
      const [ts, id, , side, price, amount] = fileTrades[i]!;
      return !(
        e.kind === 'trade' &&
        t.symbol === 'XRP/ETH' &&
        t.timestamp === ts &&
        t.id === id &&
        t.side === side &&
        t.price === price &&
        t.amount === amount
      );
    });
    expect(mismatches).toEqual([]);
    expect(sink.states()).toEqual(['connecting', 'live', 'stopped']);
    expect(src.status().reason).toMatch(/^finished: 12477 events replayed, 0 malformed lines skipped$/);
    expect(src.progress()).toMatchObject({ done: 12_477, total: 12_477, malformed: 0, finished: true });
  });

  it('yields to the event loop while replaying as fast as possible', async () => {
    let turns = 0;
    let on = true;
    const spin = () => {
      turns++;
      if (on) setImmediate(spin);
    };
    setImmediate(spin);
    const src = new ReplaySource({ path: tradesFile, symbol: 'XRP/ETH', speed: 'max' });
    await src.start(collectSink());
    await src.done();
    on = false;
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it('plays at 1000× speed with every gap honoured on the clock', async () => {
    const s = new ManualScheduler(1_000_000);
    const emittedAt: number[] = [];
    const sink = collectSink(() => emittedAt.push(s.now()));
    const src = new ReplaySource(
      { path: tradesFile, symbol: 'XRP/ETH', speed: 1000 },
      { clock: s, timers: s },
    );
    await src.start(sink);
    await waitFor(() => sink.events.length > 0);
    for (let i = 0; i < 400 && src.status().state !== 'stopped'; i++) await s.advanceAsync(1000);
    expect(sink.events.length).toBe(12_477);
    const t0 = fileTrades[0]![0];
    const w0 = emittedAt[0]!;
    // Each event is played when (its time - the first's) / 1000 has passed; the longest gap in this
    // file is far below maxGapMs × 1000, so nothing is clamped.
    const late = emittedAt.filter((w, i) => {
      const expected = w0 + (fileTrades[i]![0] - t0) / 1000;
      return !(w <= expected + 1e-6 && w > expected - 1);
    });
    expect(late).toEqual([]);
  });

  it('replays candles with the timeframe from the file name', async () => {
    const rows = JSON.parse(readFileSync(candlesFile, 'utf8')) as number[][];
    const sink = collectSink();
    const src = new ReplaySource({ path: candlesFile, symbol: 'XRP/ETH', speed: 'max' });
    await src.start(sink);
    await src.done();
    expect(sink.events.length).toBe(rows.length);
    expect(sink.events[0]).toEqual({ kind: 'candle', symbol: 'XRP/ETH', timeframe: '1m', ohlcv: rows[0] });
    expect(sink.events.map((e) => (e.kind === 'candle' ? e.ohlcv : null))).toEqual(rows);
  });

  it('fails with a plain reason when the file has no symbol and none is configured', async () => {
    const sink = collectSink();
    const src = new ReplaySource({ path: tradesFile, speed: 'max' });
    await src.start(sink);
    await src.done();
    expect(src.status().state).toBe('failed');
    expect(src.status().reason).toMatch(/no symbol.*set `symbol`/);
    expect(sink.events).toEqual([]);
  });
});

describe('ReplaySource on JSON lines and CSV files', () => {
  const base = Date.UTC(2024, 0, 1);
  const rows = [
    { symbol: 'BTC/USDT', timestamp: base, price: 60000.5, amount: 0.01, side: 'buy', id: '1' },
    { symbol: 'BTC/USDT', timestamp: base + 1000, price: 60001, amount: 0.2, side: 'sell', id: '2' },
    { symbol: 'ETH/USDT', timestamp: base + 1500, price: 3000.25, amount: 1.5, side: 'buy', id: '3' },
    { symbol: 'BTC/USDT', timestamp: base + 4500, price: 59999, amount: 0.05, side: 'sell', id: '4' },
  ];
  const jsonl = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const csv =
    'timestamp,symbol,id,side,price,amount\n' +
    rows
      .map(
        (r) =>
          `${new Date(r.timestamp).toISOString()},"${r.symbol}",${r.id},${r.side},${r.price},${r.amount}`,
      )
      .join('\r\n');

  async function replay(name: string, content: string | Buffer, extra: object = {}) {
    const path = join(dir, name);
    await writeFile(path, content);
    const sink = collectSink();
    const src = new ReplaySource({ path, speed: 'max', ...extra });
    await src.start(sink);
    await src.done();
    return { sink, src };
  }

  it.each([
    ['trades.jsonl', () => jsonl],
    ['trades.csv', () => csv],
    ['trades.jsonl.gz', () => gzipSync(jsonl)],
    ['no-extension', () => gzipSync(csv)],
  ])('reads %s', async (name, content) => {
    const { sink } = await replay(name, content());
    const got = sink.events.map((e) => {
      const t = trade(e);
      return {
        symbol: t.symbol,
        timestamp: t.timestamp,
        price: t.price,
        amount: t.amount,
        side: t.side,
        id: t.id,
      };
    });
    expect(got).toEqual(rows);
  });

  it('counts malformed lines, skips them, and keeps the good ones', async () => {
    const bad = [
      jsonl.split('\n')[0],
      '{ not json',
      JSON.stringify({ symbol: 'BTC/USDT', timestamp: 'yesterday-ish', price: 1, amount: 1 }),
      JSON.stringify({ symbol: 'BTC/USDT', timestamp: base + 10, price: 'abc', amount: 1 }),
      '42',
      JSON.stringify({ symbol: 'BTC/USDT', timestamp: base + 20, hello: 'world' }),
      ...jsonl.split('\n').slice(1),
    ].join('\n');
    const { sink, src } = await replay('bad.jsonl', bad);
    expect(sink.events.map((e) => trade(e).id)).toEqual(['1', '2', '3', '4']);
    const p = src.progress();
    expect(p.malformed).toBe(5);
    expect(p.malformedByReason).toEqual({
      'not valid JSON': 1,
      'missing or unreadable timestamp': 1,
      'trade price or amount is not a number': 1,
      'record is neither an object nor an array': 1,
      'not a trade, ticker or candle': 1,
    });
    expect(src.status()).toMatchObject({
      state: 'stopped',
      reason: 'finished: 4 events replayed, 5 malformed lines skipped',
    });
    const { sink: s2, src: c2 } = await replay('bad.csv', csv + '\n1,2,3\n');
    expect(s2.events.length).toBe(4);
    expect(c2.progress().malformedByReason).toEqual({ 'expected 6 fields, got 3': 1 });
  });

  it('honours gaps scaled by speed, and caps long ones at maxGapMs', async () => {
    const path = join(dir, 'gaps.jsonl');
    await writeFile(path, jsonl);
    const s = new ManualScheduler(5000);
    const at: number[] = [];
    const src = new ReplaySource({ path, speed: 4, maxGapMs: 500 }, { clock: s, timers: s });
    const sink = collectSink(() => at.push(s.now()));
    await src.start(sink);
    // The file is read with real I/O; the clock stays put until the first event is out.
    await waitFor(() => sink.events.length > 0);
    for (let i = 0; i < 50 && src.status().state !== 'stopped'; i++) await s.advanceAsync(100);
    // Gaps 1000, 500, 3000 ms at 4×: 250, 125, 750 → capped to 500.
    expect(at).toEqual([5000, 5250, 5375, 5875]);
    expect(s.delays.filter((d) => d >= 1)).toEqual([250, 125, 500]);
  });

  it('loops with timestamps shifted by whole days, until stopped', async () => {
    const path = join(dir, 'loop.jsonl');
    await writeFile(path, jsonl);
    const s = new ManualScheduler(0);
    const sink = collectSink();
    const src = new ReplaySource({ path, speed: 100, loop: true, maxGapMs: 100 }, { clock: s, timers: s });
    await src.start(sink);
    await waitFor(() => sink.events.length > 0);
    // Each pass reads the file for real: give that I/O real time between steps of the fake clock.
    for (let i = 0; i < 1000 && sink.events.length < 9; i++) {
      await s.advanceAsync(100);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await src.stop();
    const times = sink.events.map((e) => trade(e).timestamp);
    expect(times.slice(0, 4)).toEqual(rows.map((r) => r.timestamp));
    expect(times.slice(4, 8)).toEqual(rows.map((r) => r.timestamp + 86_400_000));
    expect(src.status()).toMatchObject({ state: 'stopped', reason: 'stopped on request' });
    expect(src.progress().pass).toBeGreaterThanOrEqual(2);
  });

  it('restamps events with the clock when asked', async () => {
    const path = join(dir, 'clock.jsonl');
    await writeFile(path, jsonl);
    const s = new ManualScheduler(Date.UTC(2025, 5, 1));
    const sink = collectSink();
    const src = new ReplaySource({ path, speed: 2, timestamps: 'clock' }, { clock: s, timers: s });
    await src.start(sink);
    await waitFor(() => sink.events.length > 0);
    for (let i = 0; i < 50 && src.status().state !== 'stopped'; i++) await s.advanceAsync(100);
    const w0 = Date.UTC(2025, 5, 1);
    expect(sink.events.map((e) => trade(e).timestamp)).toEqual([w0, w0 + 500, w0 + 750, w0 + 2250]);
  });

  it('retries with backoff while the file is missing, then replays it', async () => {
    const path = join(dir, 'later.jsonl');
    const s = new ManualScheduler(0);
    const sink = collectSink();
    const src = new ReplaySource({ path, speed: 'max' }, { clock: s, timers: s, random: () => 0.5 });
    await src.start(sink);
    await waitFor(() => src.status().state === 'failed');
    expect(src.status().reason).toMatch(/cannot read later\.jsonl: .*ENOENT.*retrying in 1 s/);
    await writeFile(path, jsonl);
    await s.advanceAsync(1000);
    await waitFor(() => src.status().state === 'stopped');
    expect(sink.events.length).toBe(4);
    expect(sink.states()).toEqual(['connecting', 'failed', 'connecting', 'live', 'stopped']);
  });
});
