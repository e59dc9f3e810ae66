/**
 * Statistics recomputed from scratch from a list of fills and price marks: the reference the live
 * engine is checked against, and what a backtest or a REST query over stored fills uses. Written
 * independently of the incremental code (same definitions, docs/metrics.md).
 * @module
 */
import type { Fill, RoundTrip, StatsSnapshot } from '@tickdeck/protocol';
import { feeInCurrency, splitSymbol, toCurrency, type Convert } from '../portfolio/fee-conversion.js';
import { FLAT_TOLERANCE } from '../portfolio/position-math.js';
import {
  DAY_MS,
  annualizedReturnPct,
  dailyReturn,
  ratios,
  resolveStatsOptions,
  type StatsOptions,
} from './stats-options.js';

/** A live price of a symbol at a time; in the batch, each mark is also a sample of the equity curve. */
export interface Mark {
  symbol: string;
  price: number;
  timestamp: number;
}

export interface BatchOptions extends StatsOptions {
  /** Account currency. Default `USDT`. */
  currency?: string | undefined;
  convert?: Convert | undefined;
}

export interface BatchResult {
  stats: StatsSnapshot;
  trades: RoundTrip[];
  equity: { t: number; equity: number }[];
}

interface Trip {
  side: 'long' | 'short';
  openedAt: number;
  maxAmount: number;
  realizedPnl: number;
  fees: number;
  exitQty: number;
  exitValue: number;
  fills: number;
}

/**
 * Replays fills and marks in time order (on equal times, fills first; otherwise in list order) and
 * computes the statistics at the last event.
 */
export function computeStatsBatch(
  fills: readonly Fill[],
  marks: readonly Mark[],
  options: BatchOptions = {},
): BatchResult {
  const o = resolveStatsOptions(options);
  const currency = options.currency ?? 'USDT';
  const events = [
    ...fills.map((f, i) => ({ t: f.timestamp, k: 0, i, fill: f as Fill | null, mark: null as Mark | null })),
    ...marks.map((m, i) => ({ t: m.timestamp, k: 1, i, fill: null as Fill | null, mark: m as Mark | null })),
  ].sort((a, b) => a.t - b.t || a.k - b.k || a.i - b.i);

  const pos = new Map<string, { amount: number; avg: number }>();
  const price = new Map<string, number>();
  const trips = new Map<string, Trip>();
  const trades: RoundTrip[] = [];
  const equity: { t: number; equity: number }[] = [];
  const exposure: { t: number; open: boolean }[] = [];
  let realized = 0;
  let fees = 0;
  let clock = Number.NEGATIVE_INFINITY;

  for (const ev of events) {
    clock = Math.max(clock, ev.t);
    if (ev.mark) {
      if (ev.mark.price > 0) price.set(ev.mark.symbol, ev.mark.price);
    } else if (ev.fill) {
      const f = ev.fill;
      const p = pos.get(f.symbol) ?? { amount: 0, avg: 0 };
      pos.set(f.symbol, p);
      const before = { ...p };
      const signed = f.side === 'buy' ? f.amount : -f.amount;
      let closeQty = 0;
      let openQty = 0;
      let pnl = 0;
      if (p.amount === 0 || p.amount > 0 === signed > 0) {
        openQty = f.amount;
        const newAmount = p.amount + signed;
        p.avg = (Math.abs(p.amount) * p.avg + f.amount * f.price) / Math.abs(newAmount);
        p.amount = newAmount;
      } else {
        const held = Math.abs(p.amount);
        const eps = FLAT_TOLERANCE * Math.max(held, f.amount);
        const dir = p.amount > 0 ? 1 : -1;
        closeQty = f.amount < held - eps ? f.amount : held;
        pnl = (f.price - p.avg) * closeQty * dir;
        if (f.amount < held - eps) p.amount += signed;
        else if (f.amount <= held + eps) p.amount = p.avg = 0;
        else {
          openQty = f.amount - held;
          p.amount = -dir * openQty;
          p.avg = f.price;
        }
      }
      price.set(f.symbol, f.price);
      const quote = splitSymbol(f.symbol).quote;
      realized += toCurrency(pnl, quote, currency, options.convert) ?? 0;
      const fee = feeInCurrency(f, currency, options.convert) ?? 0;
      fees += fee;
      // Round trips.
      let rest = fee;
      const trip = trips.get(f.symbol);
      if (closeQty > 0 && trip) {
        const part = openQty > 0 ? (fee * closeQty) / (closeQty + openQty) : fee;
        rest = fee - part;
        trip.realizedPnl += pnl;
        trip.fees += part;
        trip.exitQty += closeQty;
        trip.exitValue += closeQty * f.price;
        trip.fills += 1;
        if (p.amount === 0 || openQty > 0) {
          trades.push({
            symbol: f.symbol,
            side: trip.side,
            openedAt: trip.openedAt,
            closedAt: clock,
            maxAmount: trip.maxAmount,
            entryPrice: before.avg,
            exitPrice: trip.exitValue / trip.exitQty,
            realizedPnl: trip.realizedPnl,
            fees: trip.fees,
            pnl: trip.realizedPnl - trip.fees,
            fills: trip.fills,
          });
          trips.delete(f.symbol);
        }
      }
      if (openQty > 0) {
        const cur = trips.get(f.symbol);
        if (cur) {
          cur.fees += rest;
          cur.fills += 1;
          cur.maxAmount = Math.max(cur.maxAmount, Math.abs(p.amount));
        } else {
          trips.set(f.symbol, {
            side: p.amount > 0 ? 'long' : 'short',
            openedAt: clock,
            maxAmount: Math.abs(p.amount),
            realizedPnl: 0,
            fees: rest,
            exitQty: 0,
            exitValue: 0,
            fills: 1,
          });
        }
      }
      exposure.push({ t: clock, open: [...pos.values()].some((x) => x.amount !== 0) });
    }
    let unrealized = 0;
    for (const [symbol, x] of pos) {
      if (x.amount === 0) continue;
      const pnl = ((price.get(symbol) ?? x.avg) - x.avg) * x.amount;
      unrealized += toCurrency(pnl, splitSymbol(symbol).quote, currency, options.convert) ?? 0;
    }
    equity.push({ t: clock, equity: o.startingCash + realized - fees + unrealized });
  }
  return { stats: statsOf(equity, trades, exposure, o), trades, equity };
}

function statsOf(
  curve: { t: number; equity: number }[],
  trades: RoundTrip[],
  exposure: { t: number; open: boolean }[],
  o: ReturnType<typeof resolveStatsOptions>,
): StatsSnapshot {
  const last = curve.at(-1);
  const equityNow = last?.equity ?? o.startingCash;
  const asOf = last?.t ?? 0;

  // Drawdown over the curve, from a peak that starts at the starting cash.
  let peak = o.startingCash;
  let maxDd = 0;
  let maxDdPct = 0;
  for (const p of curve) {
    peak = Math.max(peak, p.equity);
    maxDd = Math.max(maxDd, peak - p.equity);
    maxDdPct = Math.max(maxDdPct, peak > 0 ? ((peak - p.equity) / peak) * 100 : 0);
  }

  // Daily closes from the first point's UTC day to the last one's, carried over empty days.
  const closes: number[] = [];
  if (curve.length > 0) {
    const first = Math.floor(curve[0]!.t / DAY_MS);
    const lastDay = Math.floor(asOf / DAY_MS);
    let j = 0;
    let close = o.startingCash;
    for (let d = first; d <= lastDay; d++) {
      while (j < curve.length && Math.floor(curve[j]!.t / DAY_MS) === d) close = curve[j++]!.equity;
      closes.push(close);
    }
  }
  const rets: number[] = [];
  closes.forEach((c, i) => {
    const r = dailyReturn(i === 0 ? o.startingCash : closes[i - 1]!, c);
    if (r !== null) rets.push(r);
  });
  const n = rets.length;
  const mean = n > 0 ? rets.reduce((a, b) => a + b, 0) / n : 0;
  const variance = n > 1 ? rets.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1) : 0;
  const rf = o.riskFreeRate / o.periodsPerYear;
  const downsideSq = rets.reduce((a, r) => a + Math.min(0, r - rf) ** 2, 0);
  const { sharpe, sortino } = ratios({ n, mean, variance, downsideSq }, o);
  const annual = annualizedReturnPct(o.startingCash, equityNow, n, o);

  const wins = trades.filter((t) => t.pnl > 0);
  const losses = trades.filter((t) => t.pnl < 0);
  const grossProfit = wins.reduce((a, t) => a + t.pnl, 0);
  const grossLoss = losses.reduce((a, t) => a - t.pnl, 0);
  const sum = trades.reduce((a, t) => a + t.pnl, 0);

  let exposed = 0;
  for (let i = 0; i < exposure.length; i++) {
    if (exposure[i]!.open) exposed += (exposure[i + 1]?.t ?? asOf) - exposure[i]!.t;
  }
  const span = exposure.length > 0 ? asOf - exposure[0]!.t : 0;
  const prevClose = closes.length > 1 ? closes[closes.length - 2]! : o.startingCash;
  const totalPnl = equityNow - o.startingCash;
  const ddNow = peak - equityNow;
  return {
    asOf,
    totalPnl,
    dailyPnl: equityNow - prevClose,
    returnPct: o.startingCash !== 0 ? (totalPnl / o.startingCash) * 100 : null,
    tradeCount: trades.length,
    wins: wins.length,
    losses: losses.length,
    winRate: trades.length > 0 ? wins.length / trades.length : null,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    expectancy: trades.length > 0 ? sum / trades.length : null,
    avgWin: wins.length > 0 ? grossProfit / wins.length : null,
    avgLoss: losses.length > 0 ? -grossLoss / losses.length : null,
    grossProfit,
    grossLoss,
    maxDrawdown: maxDd,
    maxDrawdownPct: maxDdPct,
    currentDrawdown: ddNow,
    currentDrawdownPct: peak > 0 ? (ddNow / peak) * 100 : 0,
    days: n,
    sharpe,
    sortino,
    calmar: annual !== null && maxDdPct > 0 ? annual / maxDdPct : null,
    annualizedReturnPct: annual,
    exposureTime: span > 0 ? exposed / span : 0,
  };
}
