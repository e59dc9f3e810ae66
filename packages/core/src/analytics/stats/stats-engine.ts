/**
 * Live statistics of one bot, updated fill by fill and point by point (docs/metrics.md). Equals
 * {@link computeStatsBatch} over the same fills and marks at every moment.
 * @module
 */
import type { RoundTrip, StatsSnapshot } from '@tickdeck/protocol';
import type { TradeEffect } from '../portfolio/position-math.js';
import { DailyReturns } from './daily-returns.js';
import { RoundTripTracker } from './round-trips.js';
import {
  annualizedReturnPct,
  ratios,
  resolveStatsOptions,
  type ResolvedStatsOptions,
  type StatsOptions,
} from './stats-options.js';

/** What the portfolio tells the statistics about one fill. */
export interface FillOutcome {
  symbol: string;
  /** Time of the fill as applied (never before the previous event), ms. */
  t: number;
  price: number;
  effect: TradeEffect;
  /** Fee in the account currency; 0 when it could not be converted. */
  fee: number;
}

export class StatsEngine {
  readonly options: ResolvedStatsOptions;
  private readonly returns: DailyReturns;
  private readonly trips = new RoundTripTracker();
  private readonly closedTrips: RoundTrip[] = [];
  private readonly openSymbols = new Set<string>();
  private wins = 0;
  private losses = 0;
  private grossProfit = 0;
  private grossLoss = 0;
  private sumPnl = 0;
  private peak: number;
  private equity: number;
  private maxDd = 0;
  private maxDdPct = 0;
  private firstFillAt: number | null = null;
  private exposedMs = 0;
  private lastChange = 0;
  private asOf = 0;

  constructor(options: StatsOptions = {}) {
    this.options = resolveStatsOptions(options);
    this.returns = new DailyReturns(
      this.options.startingCash,
      this.options.riskFreeRate / this.options.periodsPerYear,
    );
    this.peak = this.options.startingCash;
    this.equity = this.options.startingCash;
  }

  /** Round trips closed so far, oldest first. */
  get trades(): readonly RoundTrip[] {
    return this.closedTrips;
  }

  /** Feeds a fill; call {@link onEquity} with the equity after it next. Returns the trip it closed. */
  onFill(o: FillOutcome): RoundTrip | null {
    this.firstFillAt ??= o.t;
    if (this.openSymbols.size > 0) this.exposedMs += o.t - this.lastChange;
    this.lastChange = o.t;
    if (o.effect.after.amount === 0) this.openSymbols.delete(o.symbol);
    else this.openSymbols.add(o.symbol);
    const trip = this.trips.onFill(o.symbol, o.t, o.price, o.effect, o.fee);
    if (trip !== null) {
      this.closedTrips.push(trip);
      this.sumPnl += trip.pnl;
      if (trip.pnl > 0) {
        this.wins += 1;
        this.grossProfit += trip.pnl;
      } else if (trip.pnl < 0) {
        this.losses += 1;
        this.grossLoss -= trip.pnl;
      }
    }
    return trip;
  }

  /** Feeds a point of the equity curve (on every fill and every sample). */
  onEquity(t: number, equity: number): void {
    this.asOf = t;
    this.equity = equity;
    this.returns.add(t, equity);
    if (equity > this.peak) this.peak = equity;
    const dd = this.peak - equity;
    if (dd > this.maxDd) this.maxDd = dd;
    const ddPct = this.peak > 0 ? (dd / this.peak) * 100 : 0;
    if (ddPct > this.maxDdPct) this.maxDdPct = ddPct;
  }

  snapshot(): StatsSnapshot {
    const o = this.options;
    const n = this.closedTrips.length;
    const m = this.returns.moments();
    const { sharpe, sortino } = ratios(m, o);
    const annual = annualizedReturnPct(o.startingCash, this.equity, m.n, o);
    const dd = this.peak - this.equity;
    let exposed = this.exposedMs;
    if (this.openSymbols.size > 0) exposed += this.asOf - this.lastChange;
    const span = this.firstFillAt === null ? 0 : this.asOf - this.firstFillAt;
    const totalPnl = this.equity - o.startingCash;
    return {
      asOf: this.asOf,
      totalPnl,
      dailyPnl: this.equity - this.returns.previousClose,
      returnPct: o.startingCash !== 0 ? (totalPnl / o.startingCash) * 100 : null,
      tradeCount: n,
      wins: this.wins,
      losses: this.losses,
      winRate: n > 0 ? this.wins / n : null,
      profitFactor: this.grossLoss > 0 ? this.grossProfit / this.grossLoss : null,
      expectancy: n > 0 ? this.sumPnl / n : null,
      avgWin: this.wins > 0 ? this.grossProfit / this.wins : null,
      avgLoss: this.losses > 0 ? -this.grossLoss / this.losses : null,
      grossProfit: this.grossProfit,
      grossLoss: this.grossLoss,
      maxDrawdown: this.maxDd,
      maxDrawdownPct: this.maxDdPct,
      currentDrawdown: dd,
      currentDrawdownPct: this.peak > 0 ? (dd / this.peak) * 100 : 0,
      days: m.n,
      sharpe,
      sortino,
      calmar: annual !== null && this.maxDdPct > 0 ? annual / this.maxDdPct : null,
      annualizedReturnPct: annual,
      exposureTime: span > 0 ? exposed / span : 0,
    };
  }
}
