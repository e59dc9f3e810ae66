/**
 * The simulator's market model, pure and deterministic: the same seed and the same timestamps give the
 * same events.
 *
 * - Mid prices follow a geometric random walk in time (volatility per √second), with a slow pull back
 *   towards the starting price so a long run stays in a sane range.
 * - One market-wide volatility regime (calm ×0.5, normal ×1, turbulent ×3) switches as a Markov chain
 *   with exponential holding times (means 20, 30 and 3 minutes).
 * - Jumps: per symbol, a Poisson process (one per 30 minutes on average) of log size N(0, 1.5%).
 * - Bid/ask around the mid, a multiple of the tick, wider in turbulent markets.
 * - Trades print at the bid or the ask with Pareto (heavy-tailed) sizes; they cluster: after a trade the
 *   next event is often on the same symbol, more often a trade, and on the same side.
 * @module
 */
import type { RawMarketEvent } from '@tickdeck/core';
import {
  decimalsOf,
  fillSpec,
  JUMP_MEAN_GAP_MS,
  JUMP_SIGMA,
  NORMAL_TO_CALM,
  REGIME_MEAN_MS,
  REGIME_VOL,
  REVERSION_PER_S,
  SIZE_ALPHA,
  TRADE_SHARE,
  TRADE_SHARE_AFTER_TRADE,
  TRADE_SIZE_SCALE,
} from './model-params.js';
import { Prng } from './prng.js';
import type { SymbolSpec } from './symbol-specs.js';
import { DEFAULT_SYMBOLS } from './symbol-specs.js';

export type Regime = 'calm' | 'normal' | 'turbulent';

const REGIMES: readonly Regime[] = ['calm', 'normal', 'turbulent'];
const SAME_SYMBOL_AFTER_TRADE = 0.6;
const SAME_SIDE = 0.65;

interface SymbolState {
  spec: Required<SymbolSpec>;
  decimals: number;
  lotDecimals: number;
  anchor: number;
  logMid: number;
  lastTime: number | undefined;
  lastWasTrade: boolean;
  lastSide: 'buy' | 'sell';
  last: number | undefined;
  tradeId: number;
}

/** What the last call to {@link MarketSimulator.next} did, for tests and diagnostics. */
export interface StepInfo {
  symbol: string;
  regime: Regime;
  jumped: boolean;
}

export class MarketSimulator {
  private readonly rng: Prng;
  private readonly states: SymbolState[];
  private readonly cumWeights: number[];
  private regime = 1;
  private clockTime: number | undefined;
  private prev: SymbolState | undefined;
  /** Details of the last step. */
  readonly lastStep: StepInfo = { symbol: '', regime: 'normal', jumped: false };

  constructor(seed: number, specs: readonly SymbolSpec[] = DEFAULT_SYMBOLS) {
    if (specs.length === 0) throw new Error('the simulator needs at least one symbol');
    this.rng = new Prng(seed);
    this.states = specs.map((s) => {
      const spec = fillSpec(s);
      return {
        spec,
        decimals: decimalsOf(spec.tick),
        lotDecimals: decimalsOf(spec.lot),
        anchor: Math.log(spec.price),
        logMid: Math.log(spec.price),
        lastTime: undefined,
        lastWasTrade: false,
        lastSide: 'buy',
        last: undefined,
        tradeId: 0,
      };
    });
    let sum = 0;
    this.cumWeights = this.states.map((s) => (sum += s.spec.weight));
  }

  get symbols(): string[] {
    return this.states.map((s) => s.spec.symbol);
  }

  get currentRegime(): Regime {
    return REGIMES[this.regime] as Regime;
  }

  /** The next event, stamped `timestamp` (ms; must not decrease). */
  next(timestamp: number): RawMarketEvent {
    const rng = this.rng;
    this.advanceRegime(timestamp);
    const st = this.pickSymbol();
    const jumped = this.moveMid(st, timestamp);
    const isTrade = rng.chance(st.lastWasTrade ? TRADE_SHARE_AFTER_TRADE : TRADE_SHARE);
    const { spec } = st;
    const mid = Math.exp(st.logMid);
    const width = Math.sqrt(REGIME_VOL[this.regime] as number) * (0.7 + 0.6 * rng.next());
    const spreadTicks = Math.max(1, Math.round(((spec.spreadBps * 1e-4 * mid) / spec.tick) * width));
    const bidTicks = Math.max(1, Math.floor(mid / spec.tick - spreadTicks / 2));
    const bid = this.price(st, bidTicks);
    const ask = this.price(st, bidTicks + spreadTicks);
    this.prev = st;
    this.lastStep.symbol = spec.symbol;
    this.lastStep.regime = this.currentRegime;
    this.lastStep.jumped = jumped;
    if (isTrade) {
      const side = rng.chance(SAME_SIDE) ? st.lastSide : st.lastSide === 'buy' ? 'sell' : 'buy';
      const price = side === 'buy' ? ask : bid;
      const amount = this.size(st, TRADE_SIZE_SCALE * rng.pareto(SIZE_ALPHA));
      // A print pushes the mid a little its way, so runs of same-side trades trend.
      st.logMid += (side === 'buy' ? 1 : -1) * 0.2 * ((spreadTicks * spec.tick) / mid);
      st.lastWasTrade = true;
      st.lastSide = side;
      st.last = price;
      st.tradeId++;
      return {
        kind: 'trade',
        trade: { id: String(st.tradeId), symbol: spec.symbol, timestamp, price, amount, side },
      };
    }
    st.lastWasTrade = false;
    return {
      kind: 'ticker',
      ticker: {
        symbol: spec.symbol,
        timestamp,
        bid,
        ask,
        bidVolume: this.size(st, 0.5 * rng.pareto(1.5)),
        askVolume: this.size(st, 0.5 * rng.pareto(1.5)),
        last: st.last ?? Number(((bid + ask) / 2).toFixed(st.decimals)),
      },
    };
  }

  private advanceRegime(t: number): void {
    const dt = this.clockTime === undefined ? 0 : Math.max(0, t - this.clockTime);
    this.clockTime = t;
    const u = this.rng.next();
    if (u >= 1 - Math.exp(-dt / (REGIME_MEAN_MS[this.regime] as number))) return;
    if (this.regime === 1) this.regime = this.rng.chance(NORMAL_TO_CALM) ? 0 : 2;
    else this.regime = 1;
  }

  private pickSymbol(): SymbolState {
    const rng = this.rng;
    const stay = rng.next();
    if (this.prev?.lastWasTrade && stay < SAME_SYMBOL_AFTER_TRADE) return this.prev;
    const total = this.cumWeights[this.cumWeights.length - 1] as number;
    const x = rng.next() * total;
    let i = 0;
    while (i < this.cumWeights.length - 1 && (this.cumWeights[i] as number) <= x) i++;
    return this.states[i] as SymbolState;
  }

  private moveMid(st: SymbolState, t: number): boolean {
    const rng = this.rng;
    const dtS = st.lastTime === undefined ? 0 : Math.max(0, t - st.lastTime) / 1000;
    st.lastTime = t;
    const sigma = st.spec.volatility * (REGIME_VOL[this.regime] as number);
    const z = rng.normal();
    st.logMid += sigma * Math.sqrt(dtS) * z - REVERSION_PER_S * dtS * (st.logMid - st.anchor);
    const u = rng.next();
    const jump = rng.normal();
    if (u < 1 - Math.exp((-dtS * 1000) / JUMP_MEAN_GAP_MS)) {
      st.logMid += JUMP_SIGMA * jump;
      return true;
    }
    return false;
  }

  private price(st: SymbolState, ticks: number): number {
    return Number((ticks * st.spec.tick).toFixed(st.decimals));
  }

  private size(st: SymbolState, multiple: number): number {
    const lots = Math.max(1, Math.round(Math.min(500, multiple) * (st.spec.size / st.spec.lot)));
    return Number((lots * st.spec.lot).toFixed(st.lotDecimals));
  }
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  seed: number;
  /** Number of events. */
  count: number;
  /** Default {@link DEFAULT_SYMBOLS}. */
  symbols?: readonly SymbolSpec[];
  /** Timestamp of the first event, ms. Default 2024-01-01T00:00:00Z. */
  startTime?: number;
  /** Events per second of simulated time (timestamps step by 1000/rate ms). Default 1000. */
  rate?: number;
}

/**
 * The simulator's events without timers: the same options always give the same sequence.
 * @example
 * for (const ev of simulate({ seed: 42, count: 10_000 })) pipeline.ingest(ev);
 */
export function* simulate(options: SimulateOptions): Generator<RawMarketEvent, void, undefined> {
  const { seed, count, symbols, startTime = Date.UTC(2024, 0, 1), rate = 1000 } = options;
  const sim = new MarketSimulator(seed, symbols);
  for (let i = 0; i < count; i++) yield sim.next(startTime + Math.floor((i * 1000) / rate));
}
