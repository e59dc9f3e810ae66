import { describe, expect, it } from 'vitest';
import type { PortfolioState } from '@tickdeck/protocol';
import { summarize } from './portfolio-summary.js';

const state = (botId: string, currency: string, cash: number, total: number, daily: number): PortfolioState =>
  ({
    botId,
    currency,
    asOf: 0,
    startingCash: cash,
    realizedPnl: total + 1,
    fees: 1,
    unrealizedPnl: 0,
    equity: cash + total,
    grossExposure: 0,
    netExposure: 0,
    positions: [],
    unconvertedFees: [],
    unconvertedPnl: [],
    stats: { totalPnl: total, dailyPnl: daily },
  }) as unknown as PortfolioState;

describe('summarize', () => {
  it('sums the bots and recomputes the return from the sums', () => {
    const s = summarize([state('a', 'USDT', 10_000, 500, 20), state('b', 'USDT', 30_000, -100, -5)]);
    // (500 - 100) / (10,000 + 30,000) = 1 %, not the mean of 5 % and -0.33 %.
    expect(s.returnPct).toBeCloseTo(1, 12);
    expect(s.equity).toBe(40_400);
    expect(s.totalPnl).toBe(400);
    expect(s.dailyPnl).toBe(15);
    expect(s.fees).toBe(2);
    expect(s.currency).toBe('USDT');
  });

  it('refuses to add money of different currencies', () => {
    const s = summarize([state('a', 'USDT', 1, 1, 1), state('b', 'EUR', 1, 1, 1)]);
    expect(s.currency).toBeNull();
    expect(s.equity).toBeNull();
    expect(s.returnPct).toBeNull();
    expect(s.bots).toBe(2);
  });

  it('has no return without starting cash', () => {
    expect(summarize([state('a', 'USDT', 0, 5, 0)]).returnPct).toBeNull();
  });
});
