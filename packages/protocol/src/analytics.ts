/**
 * Portfolio, statistics, strategy and indicator payloads, as published on the `portfolio`, `orders`,
 * `fills`, `equity`, `strategy` and `indicators` channels. docs/metrics.md defines every figure.
 * Money is in the bot's account currency unless a field says otherwise.
 * @module
 */
import type { OrderAction, SignalSide } from './bot.js';
import type { Timeframe } from './market.js';
import type { Fill, Order } from './trading.js';

/** Channels of the trading analytics. */
export const AnalyticsChannels = {
  /** state: {@link PortfolioState} of every bot, keyed by bot id. */
  portfolio: 'portfolio',
  /** stream: {@link OrderUpdate}s of every bot. */
  orders: 'orders',
  /** stream: {@link FillUpdate}s of every bot. */
  fills: 'fills',
  /** stream: {@link EquityPoint}s of every bot. */
  equity: 'equity',
  /** stream: alert transitions (see alerts.ts); delivered ahead of every other channel. */
  alerts: 'alerts',
  /** state: {@link StrategyState} of one built-in bot. */
  strategy: (botId: string) => `strategy:${botId}`,
  /** state: {@link IndicatorPoint}s of one symbol and timeframe. */
  indicators: (symbol: string, tf: Timeframe) => `indicators:${symbol}:${tf}`,
} as const;

/** An amount (fee or P&L) that could not be converted to the account currency: left out of P&L and reported. */
export interface UnconvertedAmount {
  currency: string;
  amount: number;
}

/** One (bot, symbol) position. Amount signed: > 0 long, < 0 short, base units. */
export interface PositionView {
  symbol: string;
  amount: number;
  /** Average entry price (quote), 0 when flat. */
  avgPrice: number;
  /** Last mark price (quote), null before the first mark or fill. */
  markPrice: number | null;
  /** amount × mark, quote currency (signed). */
  notional: number;
  /** (mark − avg) × amount, account currency. */
  unrealizedPnl: number;
  /** Realized P&L of this symbol before fees, account currency. */
  realizedPnl: number;
  /** Fees paid on this symbol, account currency. */
  fees: number;
  /** When the current position was opened from flat, ms; null when flat. */
  openedAt: number | null;
}

/** Payload of the `portfolio` state channel for one bot. */
export interface PortfolioState {
  botId: string;
  currency: string;
  asOf: number;
  startingCash: number;
  realizedPnl: number;
  fees: number;
  unrealizedPnl: number;
  /** startingCash + realized − fees + unrealized. */
  equity: number;
  /** Σ |notional|. */
  grossExposure: number;
  /** Σ notional (signed). */
  netExposure: number;
  positions: PositionView[];
  /** Fees left out of `fees` for want of a rate, per currency. */
  unconvertedFees: UnconvertedAmount[];
  /** Realized P&L of symbols quoted in another currency, left out for want of a rate. */
  unconvertedPnl: UnconvertedAmount[];
  stats: StatsSnapshot;
}

/** Payload of the `orders` stream channel. */
export interface OrderUpdate {
  botId: string;
  action: OrderAction;
  order: Order;
}

/** Payload of the `fills` stream channel: the fill and what it did to the position. */
export interface FillUpdate {
  botId: string;
  fill: Fill;
  /** The fee in the account currency, null when it could not be converted. */
  feeInCurrency: number | null;
  /** P&L realized by this fill before fees, account currency. */
  realizedPnl: number;
  positionAfter: { amount: number; avgPrice: number };
}

/** Payload of the `equity` stream channel. */
export interface EquityPoint {
  botId: string;
  t: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  fees: number;
  /** What caused the sample. */
  cause: 'fill' | 'sample';
}

/**
 * A round trip: from the moment a (bot, symbol) position leaves zero until it returns to zero or
 * crosses through it. `pnl` = realized P&L − fees of every fill in it (a crossing fill's fee is split
 * by quantity). See docs/metrics.md.
 */
export interface RoundTrip {
  symbol: string;
  side: 'long' | 'short';
  openedAt: number;
  closedAt: number;
  /** Largest absolute position reached, base units. */
  maxAmount: number;
  /** Average entry price of the position when it closed. */
  entryPrice: number;
  /** Quantity-weighted average exit price. */
  exitPrice: number;
  realizedPnl: number;
  fees: number;
  /** realizedPnl − fees. */
  pnl: number;
  fills: number;
}

/** Statistics of one bot (docs/metrics.md). Ratios are null when undefined (see each). */
export interface StatsSnapshot {
  asOf: number;
  /** realized − fees + unrealized. */
  totalPnl: number;
  /** Equity now − equity at the start of the current UTC day. */
  dailyPnl: number;
  /** totalPnl / startingCash × 100; null when startingCash is 0. */
  returnPct: number | null;
  tradeCount: number;
  wins: number;
  losses: number;
  /** wins / tradeCount, 0..1; null with no trade. */
  winRate: number | null;
  /** gross profit / gross loss; null when there is no losing trade. */
  profitFactor: number | null;
  /** Mean trade P&L; null with no trade. */
  expectancy: number | null;
  avgWin: number | null;
  /** Mean P&L of losing trades (a negative number); null with no losing trade. */
  avgLoss: number | null;
  grossProfit: number;
  grossLoss: number;
  maxDrawdown: number;
  maxDrawdownPct: number;
  currentDrawdown: number;
  currentDrawdownPct: number;
  /** Number of daily returns the ratios below use. */
  days: number;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  /** Annualized return, percent (compounded from the mean daily return). */
  annualizedReturnPct: number | null;
  /** Fraction 0..1 of the time since the first fill with a non-zero position. */
  exposureTime: number;
}

/** Payload of a `strategy:<botId>` state channel. */
export interface StrategyState {
  botId: string;
  strategy: string;
  symbol: string;
  timeframe: Timeframe;
  running: boolean;
  params: Record<string, number>;
  indicators: Record<string, number | null>;
  lastSignal: { side: SignalSide; at: number; reason: string } | null;
  position: { amount: number; entryPrice: number; stopLoss: number | null; takeProfit: number | null };
}

/** Indicator values at one candle (null while warming up). */
export interface IndicatorPoint {
  time: number;
  ema: number | null;
  bbUpper: number | null;
  bbMiddle: number | null;
  bbLower: number | null;
  rsi: number | null;
  macd: number | null;
  macdSignal: number | null;
  macdHistogram: number | null;
}
