/**
 * The simulator's history: closed candles that end where the live walk starts, so a fresh start shows
 * full charts at once and live candles continue them without a jump.
 *
 * Timeframes are generated from the finest up, consistently: each timeframe aggregates the candles of
 * the next finer one over the span that one covers, and only the older part beyond it is drawn at its
 * own resolution (a backward random walk with the live model's volatility, regimes, jumps and pull to
 * the starting price, so a step of length tf moves by about sigma × √tf). The newest closed candle of
 * every timeframe closes at the starting price: the path is pinned there at each timeframe's last
 * boundary (a Brownian bridge), which keeps the coarse charts free of a jump too.
 * @module
 */
import type { RawMarketEvent } from '@tickdeck/core';
import type { OHLCV, Timeframe } from '@tickdeck/protocol';
import { TIMEFRAME_LIST, TIMEFRAMES } from '@tickdeck/protocol';
import { bridgeExtremes, mixSeed, poisson, regimeVariances } from './backfill-draws.js';
import {
  decimalsOf,
  fillSpec,
  JUMP_MEAN_GAP_MS,
  JUMP_SIGMA,
  REVERSION_PER_S,
  SIZE_ALPHA,
  TRADE_SHARE,
  TRADE_SHARE_AFTER_TRADE,
  TRADE_SIZE_SCALE,
} from './model-params.js';
import { Prng } from './prng.js';
import type { SymbolSpec } from './symbol-specs.js';
import { DEFAULT_SYMBOLS } from './symbol-specs.js';

/** Options of {@link simulateHistory}. */
export interface HistoryOptions {
  seed: number;
  /** When the live walk starts, ms: each timeframe's newest candle ends at floor(now / tf) × tf. */
  now: number;
  /** Closed candles per symbol and timeframe. */
  count: number;
  /** Default all of TIMEFRAMES. */
  timeframes?: readonly Timeframe[];
  /** Default {@link DEFAULT_SYMBOLS}. */
  symbols?: readonly SymbolSpec[];
  /** Live events per second over all symbols, which sets the volumes. Default 200. */
  rate?: number;
}

/** The closed candles of one (symbol, timeframe), oldest first. */
export interface HistorySeries {
  symbol: string;
  timeframe: Timeframe;
  candles: OHLCV[];
}

/** One timeframe's layout, the same for every symbol. */
interface Level {
  ms: number;
  timeframe: Timeframe;
  /** End of the newest closed candle, and open time of the oldest. */
  end: number;
  first: number;
  /** True when the finer level covers part of this one, which is then aggregated from it. */
  connected: boolean;
  /** Times of the drawn path's points, newest first: where the finer level starts (or `end`), then open times. */
  bounds: number[];
  /** Indexes into `bounds` where the path returns to the starting price (coarser levels' `end`). */
  pins: number[];
  /** Regime variance multiplier of each step of the path. */
  regimeVar: number[];
}

const SALT_REGIME = 0x7e61;
const SALT_PATH = 0xbacf;

/**
 * Closed candles of every symbol and timeframe, deterministic for a seed and `now`.
 * @example
 * for (const s of simulateHistory({ seed: 1, now: Date.now(), count: 1000 })) chart.set(s.symbol, s.timeframe, s.candles);
 */
export function simulateHistory(options: HistoryOptions): HistorySeries[] {
  return [...historyBySymbol(options)].flat();
}

/** {@link simulateHistory} one symbol at a time, so a caller can yield to the event loop in between. */
export function* historyBySymbol(options: HistoryOptions): Generator<HistorySeries[], void, undefined> {
  const { seed, count, symbols = DEFAULT_SYMBOLS, rate = 200 } = options;
  if (count <= 0) return;
  const levels = planLevels(options);
  const specs = symbols.map(fillSpec);
  const totalWeight = specs.reduce((a, s) => a + s.weight, 0);
  const tradeShare = TRADE_SHARE / (1 - TRADE_SHARE_AFTER_TRADE + TRADE_SHARE);
  const meanTrade = (TRADE_SIZE_SCALE * SIZE_ALPHA) / (SIZE_ALPHA - 1);
  for (const [i, spec] of specs.entries()) {
    const perSecond = (rate * tradeShare * spec.weight * meanTrade * spec.size) / totalWeight;
    yield symbolHistory(spec, perSecond, levels, mixSeed(seed, SALT_PATH, i));
  }
}

/** The series as raw `candle` events, series after series. */
export function* historyEvents(series: readonly HistorySeries[]): Generator<RawMarketEvent> {
  for (const { symbol, timeframe, candles } of series) {
    for (const ohlcv of candles) yield { kind: 'candle', symbol, marketType: 'spot', timeframe, ohlcv };
  }
}

function planLevels(o: HistoryOptions): Level[] {
  const tfs = [...new Set(o.timeframes ?? TIMEFRAME_LIST)].sort((a, b) => TIMEFRAMES[a] - TIMEFRAMES[b]);
  const ends = tfs.map((tf) => Math.floor(o.now / TIMEFRAMES[tf]) * TIMEFRAMES[tf]);
  const levels: Level[] = [];
  tfs.forEach((timeframe, k) => {
    const ms = TIMEFRAMES[timeframe];
    const end = ends[k] as number;
    const first = end - o.count * ms;
    const prev = levels[k - 1];
    const connected = prev !== undefined && prev.first + prev.ms <= end;
    const t0 = connected ? prev.first : end;
    const bounds = [t0];
    for (let t = Math.ceil(t0 / ms) * ms - ms; t >= first; t -= ms) bounds.push(t);
    const coarserEnds = new Set(ends.slice(k + 1));
    const pins = bounds.flatMap((t, i) => (i > 0 && coarserEnds.has(t) ? [i] : []));
    const steps = bounds.slice(1).map((t, i) => (bounds[i] as number) - t);
    const regimeVar = regimeVariances(steps, new Prng(mixSeed(o.seed, SALT_REGIME, k)));
    levels.push({ ms, timeframe, end, first, connected, bounds, pins, regimeVar });
  });
  return levels;
}

function symbolHistory(
  spec: Required<SymbolSpec>,
  volumePerSecond: number,
  levels: readonly Level[],
  seed: number,
): HistorySeries[] {
  const anchor = Math.log(spec.price);
  const priceDecimals = decimalsOf(spec.tick);
  const lotDecimals = decimalsOf(spec.lot);
  const px = (logPrice: number): number =>
    Math.max(
      spec.tick,
      Number((Math.round(Math.exp(logPrice) / spec.tick) * spec.tick).toFixed(priceDecimals)),
    );
  const lots = (v: number): number =>
    Math.max(spec.lot, Number((Math.round(v / spec.lot) * spec.lot).toFixed(lotDecimals)));
  const out: HistorySeries[] = [];
  let finer: { level: Level; candles: OHLCV[] } | undefined;
  levels.forEach((level, k) => {
    const rng = new Prng(mixSeed(seed, k));
    const x0 = level.connected ? Math.log((finer?.candles[0] as OHLCV)[1]) : anchor;
    const x = walk(level, x0, anchor, spec.volatility, rng);
    const { bounds } = level;
    const drawn: OHLCV[] = [];
    for (let i = bounds.length - 1; i >= 1; i--) {
      const a = x[i] as number;
      const b = x[i - 1] as number;
      const ds = ((bounds[i - 1] as number) - (bounds[i] as number)) / 1000;
      const diffusion = spec.volatility ** 2 * (level.regimeVar[i - 1] as number) * ds;
      const { high, low } = bridgeExtremes(a, b, diffusion, rng);
      const open = px(a);
      const close = px(b);
      const move = Math.min(4, Math.abs(b - a) / Math.sqrt(diffusion + 1e-18));
      const activity = (0.4 + 0.6 * Math.sqrt(level.regimeVar[i - 1] as number)) * (0.8 + 0.25 * move);
      const volume = volumePerSecond * ds * activity * Math.exp(0.35 * rng.normal() - 0.06);
      const hi = Math.max(px(high), open, close);
      drawn.push([bounds[i] as number, open, hi, Math.min(px(low), open, close), close, lots(volume)]);
    }
    let candles = drawn;
    if (finer !== undefined && level.connected) {
      // The last drawn candle is only the part before the finer level starts when that start is not
      // on this timeframe's grid: it merges into the first aggregated candle.
      const partial = bounds.length > 1 && (bounds[0] as number) - (bounds[1] as number) < level.ms;
      const head = partial ? drawn.pop() : undefined;
      candles = [...drawn, ...aggregate(finer.candles, finer.level.ms, level, head, lotDecimals)];
    }
    out.push({ symbol: spec.symbol, timeframe: level.timeframe, candles });
    finer = { level, candles };
  });
  return out;
}

/** The backward path of log prices at `level.bounds`, pinned to `anchor` at `level.pins`. */
function walk(level: Level, x0: number, anchor: number, volatility: number, rng: Prng): Float64Array {
  const { bounds } = level;
  const x = new Float64Array(bounds.length);
  x[0] = x0;
  for (let i = 1; i < bounds.length; i++) {
    const dtMs = (bounds[i - 1] as number) - (bounds[i] as number);
    const ds = dtMs / 1000;
    // Exact step of the mean-reverting walk; it is reversible, so stepping back in time is the same.
    const phi = Math.exp(-REVERSION_PER_S * ds);
    const scale = Math.sqrt((1 - phi * phi) / (2 * REVERSION_PER_S * ds));
    const sigma = volatility * Math.sqrt(level.regimeVar[i - 1] as number);
    const jumps = poisson(dtMs / JUMP_MEAN_GAP_MS, rng);
    const shock = sigma * Math.sqrt(ds) * rng.normal() + JUMP_SIGMA * Math.sqrt(jumps) * rng.normal();
    x[i] = anchor + phi * ((x[i - 1] as number) - anchor) + scale * shock;
  }
  let from = 0;
  for (const pin of level.pins) {
    const delta = anchor - (x[pin] as number);
    const span = (bounds[from] as number) - (bounds[pin] as number);
    for (let i = from + 1; i < bounds.length; i++) {
      x[i] =
        (x[i] as number) +
        (i <= pin ? (delta * ((bounds[from] as number) - (bounds[i] as number))) / span : delta);
    }
    from = pin;
  }
  return x;
}

/** Candles of `level` from the finer ones that end by `level.end`, `head` merged into the first. */
function aggregate(
  finer: readonly OHLCV[],
  finerMs: number,
  level: Level,
  head: OHLCV | undefined,
  lotDecimals: number,
): OHLCV[] {
  const out: OHLCV[] = [];
  let cur: OHLCV | undefined = head;
  for (const c of finer) {
    if (c[0] + finerMs > level.end) break;
    const bucket = Math.floor(c[0] / level.ms) * level.ms;
    if (bucket < level.first) continue;
    if (cur !== undefined && cur[0] !== bucket) {
      out.push(cur);
      cur = undefined;
    }
    if (cur === undefined) {
      cur = [bucket, c[1], c[2], c[3], c[4], c[5]];
    } else {
      cur[2] = Math.max(cur[2], c[2]);
      cur[3] = Math.min(cur[3], c[3]);
      cur[4] = c[4];
      cur[5] = Number((cur[5] + c[5]).toFixed(lotDecimals));
    }
  }
  if (cur !== undefined) out.push(cur);
  return out;
}
