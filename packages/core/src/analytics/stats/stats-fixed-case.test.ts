/**
 * A fixed case worked by hand. Starting cash 1,000 USDT, one symbol BTC/USDT, 8 fills and 2 marks over
 * five UTC days (day 0 = 1970-01-01). Every expected value below is derived in the comments; the
 * ratios were computed with Python 3 from the daily closes written here (and are re-derived by the
 * formulas at the bottom of the test).
 */
import { describe, expect, it } from 'vitest';
import type { Fill } from '@tickdeck/protocol';
import { BotPortfolio } from '../portfolio/bot-portfolio.js';
import { computeStatsBatch, type Mark } from './stats-batch.js';

const H = 3_600_000;
const D = 24 * H;
const convert = (amount: number, from: string, to: string) =>
  from === 'BNB' && to === 'USDT' ? amount * 300 : undefined;
const fill = (
  id: string,
  t: number,
  side: 'buy' | 'sell',
  amount: number,
  price: number,
  fee: Fill['fee'],
): Fill => ({
  id,
  symbol: 'BTC/USDT',
  side,
  amount,
  price,
  timestamp: t,
  fee,
});

// F1 d0 10:00 buy 1 @100, fee 0.1 USDT.        pos +1 @100.  fees 0.1.
//    equity = 1000 − 0.1 = 999.9
// F2 d0 14:00 buy 1 @110, fee 0.11 USDT.       pos +2 @ (100+110)/2 = 105. fees 0.21. mark 110.
//    unrealized (110−105)×2 = 10; equity = 1000 − 0.21 + 10 = 1009.79          ← close of day 0
// F3 d1 09:00 sell 1 @120, fee 0.001 BTC = 0.001×120 = 0.12 USDT.
//    realized (120−105)×1 = 15; pos +1 @105; fees 0.33; unrealized 15; equity = 1029.67 (peak)
// F4 d1 15:00 sell 1 @95, fee 0.095 USDT.      realized (95−105)×1 = −10 → total 5; flat. fees 0.425
//    equity = 1000 + 5 − 0.425 = 1004.575                                        ← close of day 1
//    trip 1 (long, F1–F4): realized 15 − 10 = 5, fees 0.1+0.11+0.12+0.095 = 0.425, pnl 4.575 (win)
// F5 d2 10:00 sell 2 @100, fee 0.2 USDT.       pos −2 @100; fees 0.625; equity = 1004.375
// F6 d2 16:00 buy 3 @90, fee 0.27 USDT.        closes 2 short: realized (100−90)×2 = 20 → total 25;
//    opens +1 @90. fee split by quantity: 0.27×2/3 = 0.18 to the short, 0.09 to the new long.
//    fees 0.895; equity = 1000 + 25 − 0.895 = 1024.105                          ← close of day 2
//    trip 2 (short, F5–F6): realized 20, fees 0.2 + 0.18 = 0.38, pnl 19.62 (win)
// M1 d3 08:00 mark 80: unrealized (80−90)×1 = −10; equity = 1014.105
// F7 d3 12:00 sell 1 @85, fee 0.0003 BNB = 0.0003×300 = 0.09 USDT. realized (85−90) = −5 → total 20;
//    flat; fees 0.985; equity = 1000 + 20 − 0.985 = 1019.015                    ← close of day 3
//    trip 3 (long, F6–F7): realized −5, fees 0.09 + 0.09 = 0.18, pnl −5.18 (loss)
// F8 d4 10:00 buy 1 @100, fee 0.1 USDT.        pos +1 @100; fees 1.085; equity = 1018.915 (trip open)
// M2 d4 20:00 mark 104: unrealized 4; equity = 1000 + 20 − 1.085 + 4 = 1022.915 ← close of day 4
const fills: Fill[] = [
  fill('F1', 10 * H, 'buy', 1, 100, { cost: 0.1, currency: 'USDT' }),
  fill('F2', 14 * H, 'buy', 1, 110, { cost: 0.11, currency: 'USDT' }),
  fill('F3', D + 9 * H, 'sell', 1, 120, { cost: 0.001, currency: 'BTC' }),
  fill('F4', D + 15 * H, 'sell', 1, 95, { cost: 0.095, currency: 'USDT' }),
  fill('F5', 2 * D + 10 * H, 'sell', 2, 100, { cost: 0.2, currency: 'USDT' }),
  fill('F6', 2 * D + 16 * H, 'buy', 3, 90, { cost: 0.27, currency: 'USDT' }),
  fill('F7', 3 * D + 12 * H, 'sell', 1, 85, { cost: 0.0003, currency: 'BNB' }),
  fill('F8', 4 * D + 10 * H, 'buy', 1, 100, { cost: 0.1, currency: 'USDT' }),
];
const marks: Mark[] = [
  { symbol: 'BTC/USDT', price: 80, timestamp: 3 * D + 8 * H },
  { symbol: 'BTC/USDT', price: 104, timestamp: 4 * D + 20 * H },
];
const curve = [999.9, 1009.79, 1029.67, 1004.575, 1004.375, 1024.105, 1014.105, 1019.015, 1018.915, 1022.915];
const closes = [1009.79, 1004.575, 1024.105, 1019.015, 1022.915];

function live(options: { riskFreeRate?: number } = {}): BotPortfolio {
  const p = new BotPortfolio({ botId: 'fixed', startingCash: 1000, convert, ...options });
  const events = [
    ...fills.map((f) => ({ t: f.timestamp, f })),
    ...marks.map((m) => ({ t: m.timestamp, m })),
  ].sort((a, b) => a.t - b.t);
  for (const e of events) {
    if ('f' in e) p.applyFill(e.f);
    else {
      p.mark(e.m.symbol, e.m.price);
      p.sample(e.m.timestamp);
    }
  }
  return p;
}

describe('statistics of a fixed case worked by hand', () => {
  const p = live();
  const s = p.stats.snapshot();
  const batch = computeStatsBatch(fills, marks, { startingCash: 1000, convert });

  it('equity curve, P&L and fees', () => {
    expect(batch.equity.map((e) => e.equity)).toEqual(curve.map((v) => expect.closeTo(v, 9)));
    const st = p.state();
    expect(st.realizedPnl).toBeCloseTo(20, 9);
    expect(st.fees).toBeCloseTo(1.085, 9);
    expect(st.unrealizedPnl).toBeCloseTo(4, 9);
    expect(st.equity).toBeCloseTo(1022.915, 9);
    expect(st.positions[0]).toMatchObject({ amount: 1, avgPrice: 100, markPrice: 104, notional: 104 });
    expect(st.grossExposure).toBeCloseTo(104, 9);
    expect(s.totalPnl).toBeCloseTo(22.915, 9);
    expect(s.returnPct).toBeCloseTo(2.2915, 9);
    // Day 4 close − day 3 close = 1022.915 − 1019.015.
    expect(s.dailyPnl).toBeCloseTo(3.9, 9);
  });

  it('round trips, win rate, profit factor, expectancy, averages', () => {
    expect(p.stats.trades.map((t) => [t.side, +t.pnl.toFixed(9), t.fills])).toEqual([
      ['long', 4.575, 4],
      ['short', 19.62, 2],
      ['long', -5.18, 2],
    ]);
    expect(s.tradeCount).toBe(3);
    expect(s.winRate).toBeCloseTo(2 / 3, 12);
    // gross profit 4.575 + 19.62 = 24.195; gross loss 5.18; 24.195 / 5.18 = 4.670849420849…
    expect(s.profitFactor).toBeCloseTo(4.670849420849422, 9);
    // (4.575 + 19.62 − 5.18) / 3 = 6.338333…
    expect(s.expectancy).toBeCloseTo(6.338333333333334, 9);
    expect(s.avgWin).toBeCloseTo(12.0975, 9);
    expect(s.avgLoss).toBeCloseTo(-5.18, 9);
  });

  it('drawdown', () => {
    // Peak 1029.67 (F3); deepest point 1004.375 (F5): 25.295, 25.295 / 1029.67 = 2.456612…%.
    expect(s.maxDrawdown).toBeCloseTo(25.295, 9);
    expect(s.maxDrawdownPct).toBeCloseTo(2.456612312682704, 9);
    // Now 1022.915: 1029.67 − 1022.915 = 6.755, 0.656035…%.
    expect(s.currentDrawdown).toBeCloseTo(6.755, 9);
    expect(s.currentDrawdownPct).toBeCloseTo(0.6560354288267114, 9);
  });

  it('Sharpe, Sortino, Calmar from daily returns (√365, risk-free 0)', () => {
    // r = close_d / close_{d−1} − 1 with close_{−1} = 1000:
    // 0.00979, −0.0051644401, 0.0194410572, −0.0049701935, 0.0038272253; mean 0.0045847298,
    // sample sd 0.0104249938 → Sharpe = mean / sd × √365 = 8.40203270776806
    // downside dev √(Σ min(0, r)² / 4) = 0.0035837922 → Sortino = 24.44090930448395
    // annualized (1022.915 / 1000)^(365/5) − 1 = 422.7414535…%; Calmar = 422.74 / 2.4566 = 172.083096…
    expect(s.days).toBe(5);
    expect(s.sharpe).toBeCloseTo(8.40203270776806, 9);
    expect(s.sortino).toBeCloseTo(24.44090930448395, 9);
    expect(s.annualizedReturnPct).toBeCloseTo(422.74145352776947, 7);
    expect(s.calmar).toBeCloseTo(172.08309644354156, 7);
    // The same by the formulas, written here from the closes.
    const prev = [1000, ...closes.slice(0, -1)];
    const r = closes.map((c, i) => c / prev[i]! - 1);
    const mean = r.reduce((a, b) => a + b) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1));
    expect(s.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 9);
  });

  it('a risk-free rate lowers the excess return', () => {
    // rf 5 % a year → 0.05 / 365 a day, subtracted from the mean (and from r in the downside).
    const q = live({ riskFreeRate: 0.05 }).stats.snapshot();
    expect(q.sharpe).toBeCloseTo(8.150989910916069, 9);
    expect(q.sortino).toBeCloseTo(23.086758722732057, 9);
  });

  it('exposure time', () => {
    // First fill d0 10:00, now d4 20:00: 106 h. Flat d1 15:00 → d2 10:00 (19 h) and d3 12:00 → d4 10:00
    // (22 h): exposed 65 h of 106.
    expect(s.exposureTime).toBeCloseTo(65 / 106, 12);
  });

  it('the batch recomputation agrees', () => {
    for (const k of Object.keys(s) as (keyof typeof s)[]) {
      const a = s[k];
      const b = batch.stats[k];
      if (a === null || b === null) expect(a).toBe(b);
      else expect(a).toBeCloseTo(b, 9);
    }
  });

  it('fewer than 2 days: no ratio', () => {
    const one = computeStatsBatch(fills.slice(0, 2), [], { startingCash: 1000 }).stats;
    expect(one.days).toBe(1);
    expect([one.sharpe, one.sortino, one.calmar, one.annualizedReturnPct]).toEqual([null, null, null, null]);
    expect(one.winRate).toBeNull();
    expect(one.profitFactor).toBeNull();
  });
});
