import { describe, expect, it } from 'vitest';
import type { Fill } from '@tickdeck/protocol';
import { ManualClock } from '../../clock.js';
import { BotPortfolio, orderUpdate } from './bot-portfolio.js';
import { applyTrade } from './position-math.js';
import { PortfolioRegistry } from './portfolio-registry.js';

const f = (over: Partial<Fill> & Pick<Fill, 'side' | 'amount' | 'price'>): Fill => ({
  id: 'x',
  symbol: 'BTC/USDT',
  timestamp: 1000,
  ...over,
});

describe('average cost arithmetic', () => {
  it('long: buys average in, a sale realizes (exit − avg) × qty and keeps the average', () => {
    let p = applyTrade({ amount: 0, avgPrice: 0 }, 'buy', 2, 100).after;
    p = applyTrade(p, 'buy', 1, 130).after; // (2×100 + 1×130) / 3 = 110
    expect(p).toEqual({ amount: 3, avgPrice: 110 });
    const e = applyTrade(p, 'sell', 1, 125);
    expect(e.realized).toBe(15);
    expect(e.after).toEqual({ amount: 2, avgPrice: 110 });
  });

  it('short: a buy-back realizes (avg − exit) × qty', () => {
    let p = applyTrade({ amount: 0, avgPrice: 0 }, 'sell', 2, 100).after;
    p = applyTrade(p, 'sell', 2, 90).after; // avg 95
    const e = applyTrade(p, 'buy', 3, 80);
    expect(e.realized).toBe(45); // (95 − 80) × 3
    expect(e.after).toEqual({ amount: -1, avgPrice: 95 });
  });

  it('crossing through zero closes at the average and opens the rest at the fill price', () => {
    const e = applyTrade({ amount: 1, avgPrice: 100 }, 'sell', 3, 120);
    expect(e).toMatchObject({
      realized: 20,
      closedQty: 1,
      openedQty: 2,
      after: { amount: -2, avgPrice: 120 },
    });
  });

  it('float dust after a full close counts as flat', () => {
    let p = applyTrade({ amount: 0, avgPrice: 0 }, 'buy', 0.3, 10).after;
    p = applyTrade(p, 'sell', 0.1, 10).after;
    const e = applyTrade(p, 'sell', 0.2, 10);
    expect(e.after).toEqual({ amount: 0, avgPrice: 0 });
    expect(e.openedQty).toBe(0);
  });
});

describe('BotPortfolio', () => {
  it('fees: quote as is, base × price, other currency via convert, unknown left out and reported', () => {
    const p = new BotPortfolio({
      botId: 'b',
      startingCash: 1000,
      convert: (a, from, to) => (from === 'BNB' && to === 'USDT' ? a * 200 : undefined),
    });
    expect(
      p.applyFill(f({ side: 'buy', amount: 1, price: 100, fee: { cost: 0.1, currency: 'USDT' } })).update
        .feeInCurrency,
    ).toBe(0.1);
    expect(
      p.applyFill(f({ side: 'buy', amount: 1, price: 100, fee: { cost: 0.002, currency: 'BTC' } })).update
        .feeInCurrency,
    ).toBeCloseTo(0.2, 12);
    expect(
      p.applyFill(f({ side: 'buy', amount: 1, price: 100, fee: { cost: 0.001, currency: 'BNB' } })).update
        .feeInCurrency,
    ).toBeCloseTo(0.2, 12);
    expect(
      p.applyFill(f({ side: 'buy', amount: 1, price: 100, fee: { cost: 3, currency: 'XYZ' } })).update
        .feeInCurrency,
    ).toBeNull();
    const s = p.state();
    expect(s.fees).toBeCloseTo(0.5, 12);
    expect(s.unconvertedFees).toEqual([{ currency: 'XYZ', amount: 3 }]);
    expect(s.equity).toBeCloseTo(999.5, 12);
  });

  it('marks, unrealized P&L, equity, exposure over several symbols and a short', () => {
    const p = new BotPortfolio({ botId: 'b', startingCash: 1000 });
    p.applyFill(f({ side: 'buy', amount: 2, price: 100, timestamp: 1000 }));
    p.applyFill(f({ symbol: 'ETH/USDT', side: 'sell', amount: 10, price: 20, timestamp: 2000 }));
    p.mark('BTC/USDT', 110);
    p.mark('ETH/USDT', 18);
    p.mark('ETH/USDT', Number.NaN); // ignored
    const pt = p.sample(3000);
    // BTC +2 × (110 − 100) = 20; ETH −10 × (18 − 20) = 20.
    expect(pt).toMatchObject({ t: 3000, unrealizedPnl: 40, equity: 1040, cause: 'sample' });
    const s = p.state();
    expect(s.grossExposure).toBe(220 + 180);
    expect(s.netExposure).toBe(220 - 180);
    expect(s.positions.map((x) => [x.symbol, x.amount, x.notional, x.openedAt])).toEqual([
      ['BTC/USDT', 2, 220, 1000],
      ['ETH/USDT', -10, -180, 2000],
    ]);
    expect(p.position('ETH/USDT')).toEqual({ amount: -10, avgPrice: 20 });
    expect(p.position('XRP/USDT')).toEqual({ amount: 0, avgPrice: 0 });
  });

  it('samples at the injected clock when no time is given', () => {
    const clock = new ManualClock(7000);
    const p = new BotPortfolio({ botId: 'b', clock });
    expect(p.sample().t).toBe(7000);
    clock.advance(1000);
    expect(new PortfolioRegistry(() => ({ clock })).get('x').sample().t).toBe(8000);
  });

  it('time never goes backwards: a late fill is dated at the latest time seen', () => {
    const p = new BotPortfolio({ botId: 'b' });
    p.sample(5000);
    expect(p.applyFill(f({ side: 'buy', amount: 1, price: 100, timestamp: 4000 })).point.t).toBe(5000);
  });

  it('a symbol quoted in another currency converts its P&L, or reports it unconverted', () => {
    const rate = { v: 2000 as number | undefined };
    const p = new BotPortfolio({
      botId: 'b',
      startingCash: 1000,
      convert: (a, from, to) => (from === 'ETH' && to === 'USDT' && rate.v ? a * rate.v : undefined),
    });
    p.applyFill(f({ symbol: 'XRP/ETH', side: 'buy', amount: 100, price: 0.001 }));
    const r = p.applyFill(f({ symbol: 'XRP/ETH', side: 'sell', amount: 100, price: 0.0011 }));
    expect(r.update.realizedPnl).toBeCloseTo(20, 9); // 100 × 0.0001 ETH × 2000
    rate.v = undefined;
    p.applyFill(f({ symbol: 'XRP/ETH', side: 'buy', amount: 100, price: 0.001 }));
    p.applyFill(f({ symbol: 'XRP/ETH', side: 'sell', amount: 100, price: 0.0012 }));
    const s = p.state();
    expect(s.realizedPnl).toBeCloseTo(20, 9);
    expect(s.unconvertedPnl).toEqual([{ currency: 'ETH', amount: expect.closeTo(0.02, 12) }]);
  });

  it('a flip re-dates the position; the orders payload', () => {
    const p = new BotPortfolio({ botId: 'b' });
    p.applyFill(f({ side: 'buy', amount: 1, price: 100, timestamp: 1000 }));
    p.applyFill(f({ side: 'sell', amount: 2, price: 100, timestamp: 2000 }));
    expect(p.state().positions[0]).toMatchObject({ amount: -1, openedAt: 2000 });
    p.applyFill(f({ side: 'buy', amount: 1, price: 100, timestamp: 3000 }));
    expect(p.state().positions[0]).toMatchObject({ amount: 0, openedAt: null });
    const order = {
      id: 'o',
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      amount: 1,
      status: 'open' as const,
      timestamp: 1,
    };
    expect(orderUpdate('b', 'new', order)).toEqual({ botId: 'b', action: 'new', order });
  });
});

describe('PortfolioRegistry', () => {
  it('creates a portfolio per bot with its options, marks and samples them all', () => {
    const reg = new PortfolioRegistry((botId) => ({ startingCash: botId === 'big' ? 1e6 : 100 }));
    reg.get('big').applyFill(f({ side: 'buy', amount: 1, price: 100 }));
    reg.get('small').applyFill(f({ side: 'sell', amount: 1, price: 100 }));
    expect(reg.has('big') && !reg.has('other')).toBe(true);
    reg.mark('BTC/USDT', 90);
    const pts = reg.sampleAll(2000);
    expect(pts.map((x) => [x.botId, x.equity])).toEqual([
      ['big', 1e6 - 10],
      ['small', 110],
    ]);
    expect(new PortfolioRegistry().get('x').startingCash).toBe(10_000);
  });
});
