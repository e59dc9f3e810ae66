/**
 * Command line of the dashboard benchmark.
 * @module
 */
import { parseArgs } from 'node:util';

/** The scenarios, in the order they run. */
export const WEB_SCENARIOS = ['load', 'grid', 'symbol'] as const;
export type WebScenario = (typeof WEB_SCENARIOS)[number];

export interface WebBenchOptions {
  /** Which scenarios run. Default all. */
  scenarios: WebScenario[];
  /** Measured window of every live step, s. Default 10. */
  seconds: number;
  /** Settling time after a rate change, before measuring, s. Default 2. */
  warmup: number;
  /** First loads of the symbol page, each with the feed idle and with it live. Default 10. */
  loads: number;
  /** Symbols in the market (and rows in the grid). Default 20. */
  symbols: number;
  /** Closed 1m candles of history per symbol. Default 1000. */
  candles: number;
  /** Ticker updates per second per symbol on the markets grid. Default 10. */
  gridRate: number;
  /** Ticker and trade updates per second of the symbol page's symbol. Default 10 + 10. */
  symbolTickers: number;
  symbolTrades: number;
  /** The heavier step: the loaded rates times this. 0 leaves it out. Default 2. */
  heavy: number;
  /**
   * Slow the page's main thread this many times (DevTools' CPU throttling), to see the dashboard
   * as on a slower machine. Default 1 (none).
   */
  cpuThrottle: number;
  /** Also write the markdown report to this file. */
  out: string | undefined;
  help: boolean;
}

export const USAGE = `Usage: npm run bench:web -- [options]
  --scenarios load,grid,symbol   which scenarios (default: all three)
  --seconds 10         measured window of every step (idle, loaded, heavier), s
  --warmup 2           settling time after a rate change, s
  --loads 10           first loads of the symbol page, with the feed idle and again live
  --symbols 20         symbols in the market (rows of the markets grid)
  --candles 1000       closed 1m candles of history per symbol
  --grid-rate 10       ticker updates/s per symbol, markets grid
  --symbol-tickers 10  ticker updates/s of the symbol page's symbol
  --symbol-trades 10   trades/s of the symbol page's symbol
  --heavy 2            heavier step: the loaded rates × this (0: none)
  --cpu-throttle 1     slow the page's main thread N× (DevTools CPU throttling; 1: none)
  --out FILE           also write the markdown report to FILE
Environment: TICKDECK_TEST_CHROMIUM (default /usr/bin/chromium).`;

const positive = (name: string, raw: string | undefined, fallback: number, min = 0): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, not "${raw}"`);
  return n;
};

/**
 * Parse the arguments after `--`; throws with a message naming the wrong option.
 * @example parseWebOptions(['--seconds', '5']).seconds // 5
 */
export function parseWebOptions(argv: readonly string[]): WebBenchOptions {
  const { values: v } = parseArgs({
    args: [...argv],
    options: {
      scenarios: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      loads: { type: 'string' },
      symbols: { type: 'string' },
      candles: { type: 'string' },
      'grid-rate': { type: 'string' },
      'symbol-tickers': { type: 'string' },
      'symbol-trades': { type: 'string' },
      heavy: { type: 'string' },
      'cpu-throttle': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const scenarios = (v.scenarios ?? WEB_SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of scenarios) {
    if (!(WEB_SCENARIOS as readonly string[]).includes(s))
      throw new Error(`--scenarios: unknown scenario "${s}" (known: ${WEB_SCENARIOS.join(', ')})`);
  }
  const options: WebBenchOptions = {
    scenarios: WEB_SCENARIOS.filter((s) => scenarios.includes(s)),
    seconds: positive('seconds', v.seconds, 10, 1),
    warmup: positive('warmup', v.warmup, 2),
    loads: Math.round(positive('loads', v.loads, 10, 1)),
    symbols: Math.round(positive('symbols', v.symbols, 20, 1)),
    candles: Math.round(positive('candles', v.candles, 1000, 1)),
    gridRate: positive('grid-rate', v['grid-rate'], 10),
    symbolTickers: positive('symbol-tickers', v['symbol-tickers'], 10),
    symbolTrades: positive('symbol-trades', v['symbol-trades'], 10),
    heavy: positive('heavy', v.heavy, 2),
    cpuThrottle: positive('cpu-throttle', v['cpu-throttle'], 1, 1),
    out: v.out,
    help: v.help ?? false,
  };
  if (options.seconds > 120) throw new Error('--seconds is at most 120 (the run is bounded)');
  if (options.loads > 50) throw new Error('--loads is at most 50');
  if (options.cpuThrottle > 20) throw new Error('--cpu-throttle is at most 20');
  if (options.symbols > 200) throw new Error('--symbols is at most 200');
  return options;
}
