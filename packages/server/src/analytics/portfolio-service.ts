/**
 * Applies stored bot events to every bot's portfolio and publishes what changed: `orders` and `fills`
 * (streams), `equity` (stream, on every fill and every sample) and `portfolio` (state keyed by bot).
 * Equity points are also written to the store, in the background.
 * @module
 */
import { PortfolioRegistry, orderUpdate, type BotPortfolio, type Clock, type Convert } from '@tickdeck/core';
import { AnalyticsChannels, type EquityPoint, type PortfolioState, type Ticker } from '@tickdeck/protocol';
import type { StoredEvent } from './store/bot-event-store.js';
import type { EquityStore } from './store/equity-store.js';

export interface PortfolioServiceOptions {
  currency: string;
  startingCash: number;
  periodsPerYear: number;
  riskFreeRate: number;
  clock: Clock;
  equityStore: EquityStore;
  publish(channel: string, data: unknown): void;
  /** A portfolio changed (alerts evaluate bot rules on it). */
  onPortfolio?(state: PortfolioState): void;
  onError(err: unknown, what: string): void;
}

export class PortfolioService {
  readonly registry: PortfolioRegistry;
  private readonly prices = new Map<string, number>();
  private pendingPoints: EquityPoint[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly o: PortfolioServiceOptions) {
    const convert: Convert = (amount, from, to) => {
      const direct = this.prices.get(`${from}/${to}`);
      if (direct !== undefined) return amount * direct;
      const inverse = this.prices.get(`${to}/${from}`);
      return inverse !== undefined ? amount / inverse : undefined;
    };
    this.registry = new PortfolioRegistry(() => ({
      currency: o.currency,
      startingCash: o.startingCash,
      periodsPerYear: o.periodsPerYear,
      riskFreeRate: o.riskFreeRate,
      convert,
      clock: o.clock,
    }));
  }

  /** Rebuilds portfolios from stored fills (at start, before any live event), publishing nothing. */
  rebuild(fills: readonly { botId: string; fill: Parameters<BotPortfolio['applyFill']>[0] }[]): void {
    for (const f of fills) this.registry.get(f.botId).applyFill(f.fill);
  }

  /** Makes sure a bot has a portfolio (the paper bot shows up before its first fill). */
  ensure(botId: string): void {
    if (!this.registry.has(botId)) this.publishState(this.registry.get(botId));
  }

  /** Live prices: marks and conversion rates. */
  onTicker(t: Ticker): void {
    const price = t.last ?? (t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : undefined);
    if (price === undefined || !Number.isFinite(price) || price <= 0) return;
    this.prices.set(t.symbol, price);
    this.registry.mark(t.symbol, price);
  }

  /** Applies newly stored events in order. */
  apply(events: readonly StoredEvent[]): void {
    const touched = new Set<string>();
    for (const { event } of events) {
      if (event.type === 'order') {
        this.o.publish(AnalyticsChannels.orders, orderUpdate(event.botId, event.action, event.order));
      } else if (event.type === 'fill') {
        const p = this.registry.get(event.botId);
        const r = p.applyFill(event.fill);
        this.o.publish(AnalyticsChannels.fills, r.update);
        this.o.publish(AnalyticsChannels.equity, r.point);
        this.pendingPoints.push(r.point);
        touched.add(event.botId);
      }
    }
    for (const botId of touched) this.publishState(this.registry.get(botId));
    this.flush();
  }

  /** The fixed-interval sample of every bot's equity. */
  sample(now: number = this.o.clock.now()): void {
    for (const p of this.registry.all()) {
      const point = p.sample(now);
      this.o.publish(AnalyticsChannels.equity, point);
      this.pendingPoints.push(point);
      this.publishState(p);
    }
    this.flush();
  }

  /** Re-publishes every bot's state with current marks (called on a timer, for live unrealized P&L). */
  refresh(): void {
    for (const p of this.registry.all()) this.publishState(p);
  }

  state(botId: string): PortfolioState | undefined {
    return this.registry.has(botId) ? this.registry.get(botId).state() : undefined;
  }

  states(): PortfolioState[] {
    return this.registry.all().map((p) => p.state());
  }

  /** Resolves once the equity points queued so far are written. */
  async drain(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }

  private publishState(p: BotPortfolio): void {
    const s = p.state();
    this.o.publish(AnalyticsChannels.portfolio, s);
    this.o.onPortfolio?.(s);
  }

  private flush(): void {
    if (this.flushing !== null || this.pendingPoints.length === 0) return;
    const batch = this.pendingPoints;
    this.pendingPoints = [];
    this.flushing = this.o.equityStore
      .insert(batch)
      .catch((err: unknown) => this.o.onError(err, 'equity points not stored'))
      .finally(() => {
        this.flushing = null;
        this.flush();
      });
  }
}
