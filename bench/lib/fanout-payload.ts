/**
 * Payloads of the fan-out benchmark: a ~150-byte JSON ticker update stamped with its publication
 * time, and a 1000-candle history for the snapshot measurement.
 * @module
 */
import type { Candle } from '@tickdeck/protocol';

/**
 * A ticker update. `s` names the topic, `n` numbers the topic's publications from 1 (loss and
 * order checks), `m` is 1 inside the measurement window, `t` is the time the publication was due
 * (ms since the Unix epoch, sub-millisecond, the same clock in every process of this machine).
 */
export interface TickPayload {
  s: string;
  n: number;
  m: 0 | 1;
  t: number;
  b: number;
  a: number;
  l: number;
  v: number;
  q: number;
  c: number;
  h: number;
  o: number;
}

/** Wall-clock time with sub-millisecond resolution, comparable across processes. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** `t` is when the update was due, so a publisher falling behind shows as latency (no coordinated omission). */
export function makeTick(topic: string, n: number, measured: boolean, t: number): TickPayload {
  const wobble = (n % 97) / 10;
  const px = (base: number) => Math.round((base + wobble) * 10) / 10;
  return {
    s: topic,
    n,
    m: measured ? 1 : 0,
    t,
    b: px(97001.5),
    a: px(97002.1),
    l: px(97001.9),
    v: 12345.678 + n,
    q: 1197321456.12,
    c: -1.234,
    h: 98000.1,
    o: 96000.5,
  };
}

/** The single channel of the one-channel scenarios. */
export const ONE_CHANNEL_TOPIC = 'BTC/USDT';

/** Symbols of the market-grid universe: `S00/USDT`, `S01/USDT`, … */
export const gridSymbols = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `S${String(i).padStart(2, '0')}/USDT`);

/** The `perClient` consecutive symbols (wrapping) client `i` follows. */
export function gridTopicsFor(i: number, symbols: readonly string[], perClient: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < perClient; k++) out.push(symbols[(i * 7 + k) % symbols.length]!);
  return out;
}

/** The last `count` closed 1m candles of a symbol ending now, prices drifting. */
export function makeCandles(symbol: string, count: number): Candle[] {
  const step = 60_000;
  const last = Math.floor(Date.now() / step) * step;
  const out: Candle[] = [];
  let price = 97000;
  for (let i = count - 1; i >= 0; i--) {
    const open = price;
    price += Math.sin(i / 7) * 25;
    out.push({
      symbol,
      timeframe: '1m',
      time: last - i * step,
      open,
      high: Math.max(open, price) + 12.5,
      low: Math.min(open, price) - 11.25,
      close: price,
      volume: 12.345 + (i % 13),
      trades: 100 + (i % 50),
      closed: i > 0,
    });
  }
  return out;
}

/** The tickdeck channel carrying a topic: the one-channel scenarios use a stream channel, the grid `ticker:SYM`. */
export const tickdeckChannel = (topic: string): string =>
  topic === ONE_CHANNEL_TOPIC ? 'ticks' : `ticker:${topic}`;

/** The candles channel of the snapshot measurement. */
export const SNAPSHOT_CHANNEL = 'candles:BTC/USDT:1m';
export const SNAPSHOT_CANDLES = 1000;
