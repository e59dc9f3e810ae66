/**
 * Every bot's portfolio, created on a bot's first event. Marks apply to every bot holding the symbol.
 * @module
 */
import type { EquityPoint } from '@tickdeck/protocol';
import { BotPortfolio, type BotPortfolioOptions } from './bot-portfolio.js';

export class PortfolioRegistry {
  private readonly bots = new Map<string, BotPortfolio>();

  /** @param optionsFor options of a new bot's portfolio (starting cash, currency…) by bot id. */
  constructor(
    private readonly optionsFor: (botId: string) => Omit<BotPortfolioOptions, 'botId'> = () => ({}),
  ) {}

  get(botId: string): BotPortfolio {
    let p = this.bots.get(botId);
    if (p === undefined) {
      p = new BotPortfolio({ ...this.optionsFor(botId), botId });
      this.bots.set(botId, p);
    }
    return p;
  }

  has(botId: string): boolean {
    return this.bots.has(botId);
  }

  all(): BotPortfolio[] {
    return [...this.bots.values()];
  }

  /** Sets the live price of a symbol for every bot. */
  mark(symbol: string, price: number): void {
    for (const p of this.bots.values()) p.mark(symbol, price);
  }

  /** Adds an equity point to every bot's curve (the fixed-interval sampling). */
  sampleAll(now?: number): EquityPoint[] {
    return this.all().map((p) => p.sample(now));
  }
}
