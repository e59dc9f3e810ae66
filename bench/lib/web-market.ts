/**
 * The market of the dashboard benchmark: its symbols, their candle history (a JSON-lines file the
 * server's replay source plays at start, so every chart opens with 1000 candles) and the server
 * configuration: that replay for history plus a ZeroMQ source for live data, which the benchmark
 * publishes itself at exact rates (the simulator's rates are random per symbol and it is never idle).
 * @module
 */
const MINUTE_MS = 60_000;

/** A symbol of the benchmark market and its starting price. */
export interface BenchMarket {
  symbol: string;
  price: number;
}

const NAMED: readonly BenchMarket[] = [
  { symbol: 'BTC/USDT', price: 60_000 },
  { symbol: 'ETH/USDT', price: 3_000 },
  { symbol: 'SOL/USDT', price: 150 },
  { symbol: 'BNB/USDT', price: 580 },
  { symbol: 'XRP/USDT', price: 0.5 },
  { symbol: 'ADA/USDT', price: 0.45 },
  { symbol: 'DOGE/USDT', price: 0.12 },
  { symbol: 'AVAX/USDT', price: 35 },
  { symbol: 'LINK/USDT', price: 14 },
  { symbol: 'DOT/USDT', price: 6.5 },
  { symbol: 'LTC/USDT', price: 80 },
  { symbol: 'TRX/USDT', price: 0.12 },
  { symbol: 'ATOM/USDT', price: 8 },
  { symbol: 'NEAR/USDT', price: 5 },
  { symbol: 'UNI/USDT', price: 9 },
  { symbol: 'APT/USDT', price: 9 },
  { symbol: 'ARB/USDT', price: 1.1 },
  { symbol: 'OP/USDT', price: 2.2 },
  { symbol: 'FIL/USDT', price: 5.5 },
  { symbol: 'ETC/USDT', price: 25 },
];

/**
 * `count` symbols: the 20 named ones, then `SYMnn/USDT` if more are asked for.
 * @example benchMarkets(2) // BTC/USDT, ETH/USDT
 */
export function benchMarkets(count: number): BenchMarket[] {
  const out = NAMED.slice(0, count);
  for (let i = out.length; i < count; i += 1) out.push({ symbol: `SYM${i}/USDT`, price: 10 + i });
  return out;
}

/**
 * The replay file's lines: `perSymbol` closed 1m candles for every market, oldest first, the newest
 * ending at the start of the running minute (the open candle is then built from live data), each
 * series ending at its market's starting price so that live data continues it without a jump.
 */
export function backfillLines(markets: readonly BenchMarket[], perSymbol: number, nowMs: number): string[] {
  const end = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const lines: string[] = [];
  markets.forEach((m, index) => {
    // A deterministic walk backwards from the starting price (no Math.random: runs compare).
    const closes: number[] = [m.price];
    for (let i = 1; i < perSymbol; i += 1) {
      const wave = Math.sin((i + index * 17) / 23) * 0.0015 + Math.sin((i * 7 + index) / 5) * 0.0008;
      closes.push(closes[i - 1]! * (1 - wave));
    }
    closes.reverse();
    closes.forEach((close, i) => {
      const open = i === 0 ? close : closes[i - 1]!;
      const ohlcv = [
        end - (perSymbol - i) * MINUTE_MS,
        open,
        Math.max(open, close) * 1.0004,
        Math.min(open, close) * 0.9996,
        close,
        5 + ((i * 13 + index) % 11),
      ];
      lines.push(JSON.stringify({ kind: 'candle', symbol: m.symbol, timeframe: '1m', ohlcv }));
    });
  });
  return lines;
}

/** Name of the replay source in the server's status (the benchmark waits for it to finish). */
export const BACKFILL_SOURCE = 'backfill';
/** Name of the ZeroMQ source. */
export const FEED_SOURCE = 'feed';

/**
 * The server's configuration file: the replay for history, the ZeroMQ feed for live data, and no
 * paper bot (it would add orders and portfolio traffic that the pages measured here do not show).
 */
export function benchServerConfig(backfillPath: string, feedEndpoint: string): Record<string, unknown> {
  return {
    sources: [
      { kind: 'replay', name: BACKFILL_SOURCE, path: backfillPath, format: 'jsonl', speed: 'max' },
      { kind: 'zeromq', name: FEED_SOURCE, endpoint: feedEndpoint, reconnectMinMs: 50, reconnectMaxMs: 500 },
    ],
    analytics: { paperBot: { enabled: false } },
  };
}
