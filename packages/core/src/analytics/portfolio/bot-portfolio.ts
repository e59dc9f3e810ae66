/**
 * The portfolio of one bot: positions per symbol by average cost, realized and unrealized P&L, fees in
 * the account currency, equity curve, exposure and live statistics (docs/metrics.md). Pure: time comes
 * from the events and from {@link BotPortfolio.sample}, which the server calls at a fixed interval.
 * @module
 */
import type {
  EquityPoint,
  Fill,
  FillUpdate,
  Order,
  OrderAction,
  OrderUpdate,
  PortfolioState,
  PositionView,
  RoundTrip,
  UnconvertedAmount,
} from '@tickdeck/protocol';
import { systemClock, type Clock } from '../../clock.js';
import { StatsEngine } from '../stats/stats-engine.js';
import type { StatsOptions } from '../stats/stats-options.js';
import { feeInCurrency, splitSymbol, toCurrency, type Convert } from './fee-conversion.js';
import { applyTrade, type Position } from './position-math.js';

export interface BotPortfolioOptions extends StatsOptions {
  botId: string;
  /** Account currency that equity and P&L are expressed in. Default `USDT`. */
  currency?: string | undefined;
  /** Rates for fees and P&L in other currencies; without it only same-currency amounts count. */
  convert?: Convert | undefined;
  /** Time of {@link BotPortfolio.sample} called without `now`. Default the system clock. */
  clock?: Clock | undefined;
}

interface Book {
  position: Position;
  realized: number;
  fees: number;
  openedAt: number | null;
}

export interface FillResult {
  update: FillUpdate;
  point: EquityPoint;
  /** The round trip this fill closed, if any. */
  closedTrip: RoundTrip | null;
}

const addTo = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const listOf = (m: Map<string, number>): UnconvertedAmount[] =>
  [...m].map(([currency, amount]) => ({ currency, amount }));

export class BotPortfolio {
  readonly botId: string;
  readonly currency: string;
  readonly stats: StatsEngine;
  private readonly convert: Convert | undefined;
  private readonly clock: Clock;
  private readonly books = new Map<string, Book>();
  private readonly marks = new Map<string, number>();
  private readonly unconvertedFees = new Map<string, number>();
  private readonly unconvertedPnl = new Map<string, number>();
  private realized = 0;
  private fees = 0;
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(options: BotPortfolioOptions) {
    this.botId = options.botId;
    this.currency = options.currency ?? 'USDT';
    this.convert = options.convert;
    this.clock = options.clock ?? systemClock;
    this.stats = new StatsEngine(options);
  }

  get startingCash(): number {
    return this.stats.options.startingCash;
  }

  /** Time of an event as applied: never before the previous one. */
  private at(t: number): number {
    this.lastT = Math.max(this.lastT, t);
    return this.lastT;
  }

  /** Applies a fill: position, realized P&L, fee, mark (the fill's price), an equity point, stats. */
  applyFill(fill: Fill): FillResult {
    const t = this.at(fill.timestamp);
    let book = this.books.get(fill.symbol);
    if (book === undefined) {
      book = { position: { amount: 0, avgPrice: 0 }, realized: 0, fees: 0, openedAt: null };
      this.books.set(fill.symbol, book);
    }
    const effect = applyTrade(book.position, fill.side, fill.amount, fill.price);
    book.position = effect.after;
    if (effect.after.amount === 0) book.openedAt = null;
    else if (effect.openedQty > 0 && effect.closedQty > 0) book.openedAt = t;
    else book.openedAt ??= t;
    this.marks.set(fill.symbol, fill.price);

    const { quote } = splitSymbol(fill.symbol);
    const realized = toCurrency(effect.realized, quote, this.currency, this.convert);
    if (realized === undefined) addTo(this.unconvertedPnl, quote, effect.realized);
    else {
      this.realized += realized;
      book.realized += realized;
    }
    const fee = feeInCurrency(fill, this.currency, this.convert);
    if (fee === undefined && fill.fee !== undefined)
      addTo(this.unconvertedFees, fill.fee.currency, fill.fee.cost);
    else if (fee !== undefined) {
      this.fees += fee;
      book.fees += fee;
    }
    const closedTrip = this.stats.onFill({
      symbol: fill.symbol,
      t,
      price: fill.price,
      effect,
      fee: fee ?? 0,
    });
    const point = this.point(t, 'fill');
    return {
      update: {
        botId: this.botId,
        fill,
        feeInCurrency: fee ?? null,
        realizedPnl: realized ?? 0,
        positionAfter: { ...effect.after },
      },
      point,
      closedTrip,
    };
  }

  /** Sets the live price of a symbol, for unrealized P&L. Does not add an equity point. */
  mark(symbol: string, price: number): void {
    if (Number.isFinite(price) && price > 0) this.marks.set(symbol, price);
  }

  /** Adds a point to the equity curve at `now` (the server calls it at a fixed interval). */
  sample(now: number = this.clock.now()): EquityPoint {
    return this.point(this.at(now), 'sample');
  }

  private point(t: number, cause: EquityPoint['cause']): EquityPoint {
    const unrealized = this.unrealized();
    const equity = this.startingCash + this.realized - this.fees + unrealized;
    this.stats.onEquity(t, equity);
    return {
      botId: this.botId,
      t,
      equity,
      realizedPnl: this.realized,
      unrealizedPnl: unrealized,
      fees: this.fees,
      cause,
    };
  }

  private unrealizedOf(symbol: string, p: Position): number {
    if (p.amount === 0) return 0;
    const mark = this.marks.get(symbol) ?? p.avgPrice;
    return (
      toCurrency((mark - p.avgPrice) * p.amount, splitSymbol(symbol).quote, this.currency, this.convert) ?? 0
    );
  }

  /** Σ (mark − avg) × amount over the positions, account currency. */
  unrealized(): number {
    let u = 0;
    for (const [symbol, book] of this.books) u += this.unrealizedOf(symbol, book.position);
    return u;
  }

  /** Position of a symbol (flat if never traded). */
  position(symbol: string): Position {
    return { ...(this.books.get(symbol)?.position ?? { amount: 0, avgPrice: 0 }) };
  }

  /** The `portfolio` channel payload. */
  state(): PortfolioState {
    const positions: PositionView[] = [];
    let gross = 0;
    let net = 0;
    for (const [symbol, book] of this.books) {
      const mark = this.marks.get(symbol) ?? null;
      const notional = book.position.amount * (mark ?? book.position.avgPrice);
      gross += Math.abs(notional);
      net += notional;
      positions.push({
        symbol,
        amount: book.position.amount,
        avgPrice: book.position.avgPrice,
        markPrice: mark,
        notional,
        unrealizedPnl: this.unrealizedOf(symbol, book.position),
        realizedPnl: book.realized,
        fees: book.fees,
        openedAt: book.openedAt,
      });
    }
    const unrealized = this.unrealized();
    const stats = this.stats.snapshot();
    return {
      botId: this.botId,
      currency: this.currency,
      asOf: stats.asOf,
      startingCash: this.startingCash,
      realizedPnl: this.realized,
      fees: this.fees,
      unrealizedPnl: unrealized,
      equity: this.startingCash + this.realized - this.fees + unrealized,
      grossExposure: gross,
      netExposure: net,
      positions,
      unconvertedFees: listOf(this.unconvertedFees),
      unconvertedPnl: listOf(this.unconvertedPnl),
      stats,
    };
  }
}

/** The `orders` channel payload. */
export const orderUpdate = (botId: string, action: OrderAction, order: Order): OrderUpdate => ({
  botId,
  action,
  order,
});
