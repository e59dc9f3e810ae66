import { describe, expect, it } from 'vitest';
import type { AlertRule, MarketMetrics, PortfolioState } from '@tickdeck/protocol';
import { ManualClock } from '../../clock.js';
import { AlertEngine } from './alert-engine.js';

const base = { enabled: true, severity: 'warning' as const, name: 'r' };
const metrics = (over: Partial<MarketMetrics>): MarketMetrics => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  last: 100,
  bid: 99.9,
  ask: 100.1,
  spread: 0.2,
  spreadBps: 20,
  change24hPct: null,
  volume24h: 0,
  msgsPerSec: 1,
  feedLatencyMs: 50,
  silenceMs: 0,
  stale: false,
  uptimeMs: 0,
  asOf: 0,
  ...over,
});
const types = (ts: { type: string }[]) => ts.map((t) => t.type);

describe('price cross with hysteresis', () => {
  const rule: AlertRule = {
    ...base,
    id: 'px',
    kind: 'price_cross',
    symbol: 'BTC/USDT',
    direction: 'above',
    price: 100,
    hysteresis: 2,
  };

  it('fires on the cross, not while oscillating inside the band, resolves past the band', () => {
    const e = new AlertEngine([rule]);
    expect(e.onMarket(metrics({ last: 99 }), 1)).toEqual([]);
    const fired = e.onMarket(metrics({ last: 100.5 }), 2);
    expect(types(fired)).toEqual(['fired']);
    expect(fired[0]!.alert).toMatchObject({
      id: 'px|BTC/USDT|2',
      state: 'firing',
      severity: 'warning',
      value: 100.5,
    });
    expect(fired[0]!.alert.message).toBe('r: BTC/USDT price 100.5 crossed above 100');
    // Inside the band [98, 100): no flapping.
    for (const last of [99.5, 100.2, 98.5, 100.1]) expect(e.onMarket(metrics({ last }), 3)).toEqual([]);
    const resolved = e.onMarket(metrics({ last: 97.9 }), 4);
    expect(types(resolved)).toEqual(['resolved']);
    expect(resolved[0]!.alert).toMatchObject({ id: 'px|BTC/USDT|2', state: 'resolved', resolvedAt: 4 });
    expect(types(e.onMarket(metrics({ last: 101 }), 5))).toEqual(['fired']);
  });

  it('needs a true cross: a price already above at the start does not fire', () => {
    const e = new AlertEngine([rule]);
    expect(e.onMarket(metrics({ last: 105 }), 1)).toEqual([]);
    expect(e.onMarket(metrics({ last: 99 }), 2)).toEqual([]);
    expect(types(e.onMarket(metrics({ last: 100 }), 3))).toEqual(['fired']);
  });

  it('below works the other way', () => {
    const e = new AlertEngine([{ ...rule, direction: 'below', price: 90, hysteresis: 0 }]);
    e.onMarket(metrics({ last: 95 }), 1);
    expect(types(e.onMarket(metrics({ last: 89 }), 2))).toEqual(['fired']);
    expect(types(e.onMarket(metrics({ last: 90.01 }), 3))).toEqual(['resolved']);
  });
});

describe('cooldown', () => {
  it('suppresses a second firing within cooldownMs of the first, then fires', () => {
    const rule: AlertRule = {
      ...base,
      id: 'sp',
      kind: 'spread',
      symbol: 'BTC/USDT',
      bps: 50,
      cooldownMs: 60_000,
    };
    const e = new AlertEngine([rule]);
    expect(types(e.onMarket(metrics({ spreadBps: 60 }), 0))).toEqual(['fired']);
    expect(types(e.onMarket(metrics({ spreadBps: 10 }), 1000))).toEqual(['resolved']);
    expect(e.onMarket(metrics({ spreadBps: 70 }), 2000)).toEqual([]);
    expect(e.onMarket(metrics({ spreadBps: 70 }), 59_999)).toEqual([]);
    expect(types(e.onMarket(metrics({ spreadBps: 70 }), 60_000))).toEqual(['fired']);
  });
});

describe('each rule type', () => {
  it('% move within a window (either direction, clear at half by default)', () => {
    const e = new AlertEngine([
      {
        ...base,
        id: 'mv',
        kind: 'pct_move',
        symbol: 'BTC/USDT',
        windowMs: 60_000,
        pct: 5,
        direction: 'either',
      },
    ]);
    expect(e.onMarket(metrics({ last: 100 }), 0)).toEqual([]);
    expect(e.onMarket(metrics({ last: 104 }), 10_000)).toEqual([]);
    const f = e.onMarket(metrics({ last: 94 }), 20_000); // −6 %
    expect(types(f)).toEqual(['fired']);
    expect(f[0]!.alert.value).toBeCloseTo(6, 12);
    // 97 against the oldest print in the window (100 at 0 s) is −3 %: above the 2.5 % clear level.
    expect(e.onMarket(metrics({ last: 97 }), 25_000)).toEqual([]);
    // At 75 s the window starts at 15 s, so at the 94 print: 95 against 94 is +1.06 % < 2.5 %.
    expect(types(e.onMarket(metrics({ last: 95 }), 75_000))).toEqual(['resolved']);
  });

  it('% move up and down only', () => {
    const up = new AlertEngine([
      { ...base, id: 'u', kind: 'pct_move', symbol: 'BTC/USDT', windowMs: 60_000, pct: 1, direction: 'up' },
    ]);
    const down = new AlertEngine([
      { ...base, id: 'd', kind: 'pct_move', symbol: 'BTC/USDT', windowMs: 60_000, pct: 1, direction: 'down' },
    ]);
    for (const e of [up, down]) e.onMarket(metrics({ last: 100 }), 0);
    expect(up.onMarket(metrics({ last: 98 }), 1)).toEqual([]);
    expect(types(down.onMarket(metrics({ last: 98 }), 1))).toEqual(['fired']);
    expect(types(up.onMarket(metrics({ last: 102 }), 2))).toEqual(['fired']);
  });

  it('feed latency', () => {
    const e = new AlertEngine([
      { ...base, id: 'lat', kind: 'feed_latency', symbol: 'BTC/USDT', ms: 500, clearMs: 200 },
    ]);
    expect(types(e.onMarket(metrics({ feedLatencyMs: 600 }), 1))).toEqual(['fired']);
    expect(e.onMarket(metrics({ feedLatencyMs: 300 }), 2)).toEqual([]);
    expect(types(e.onMarket(metrics({ feedLatencyMs: 100 }), 3))).toEqual(['resolved']);
  });

  it('feed stale with the injected clock', () => {
    const clock = new ManualClock(0);
    const e = new AlertEngine([{ ...base, id: 'st', kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 5 }], {
      clock,
    });
    e.onMarket(metrics({ asOf: 0, silenceMs: 0 }));
    clock.set(4999);
    expect(e.tick()).toEqual([]);
    clock.set(5000);
    expect(types(e.tick())).toEqual(['fired']);
  });

  it('feed stale: fires on tick after N s of silence, resolves on the next event', () => {
    const e = new AlertEngine([{ ...base, id: 'st', kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 30 }]);
    expect(e.tick(100_000)).toEqual([]); // never seen: nothing to judge
    e.onMarket(metrics({ asOf: 1000, silenceMs: 0 }), 1000);
    expect(e.tick(30_999)).toEqual([]);
    const f = e.tick(31_000);
    expect(types(f)).toEqual(['fired']);
    expect(f[0]!.alert.message).toBe('r: BTC/USDT feed silent for 30 s (limit 30 s)');
    expect(e.tick(40_000)).toEqual([]);
    expect(types(e.onMarket(metrics({ asOf: 41_000, silenceMs: 0 }), 41_000))).toEqual(['resolved']);
  });

  const portfolio = (over: {
    dd?: number;
    daily?: number;
    amount?: number;
    notional?: number;
  }): PortfolioState =>
    ({
      botId: 'bot1',
      positions: [{ symbol: 'BTC/USDT', amount: over.amount ?? 0, notional: over.notional ?? 0 }],
      stats: { currentDrawdownPct: over.dd ?? 0, dailyPnl: over.daily ?? 0 },
    }) as unknown as PortfolioState;

  it('drawdown above N %', () => {
    const e = new AlertEngine([{ ...base, id: 'dd', kind: 'drawdown', botId: 'bot1', pct: 10, clearPct: 5 }]);
    expect(e.onPortfolio(portfolio({ dd: 9.9 }), 1)).toEqual([]);
    expect(types(e.onPortfolio(portfolio({ dd: 10 }), 2))).toEqual(['fired']);
    expect(e.onPortfolio(portfolio({ dd: 6 }), 3)).toEqual([]);
    expect(types(e.onPortfolio(portfolio({ dd: 4 }), 4))).toEqual(['resolved']);
    expect(e.onPortfolio({ ...portfolio({ dd: 50 }), botId: 'other' }, 5)).toEqual([]);
  });

  it('daily loss above N', () => {
    const e = new AlertEngine([{ ...base, id: 'dl', kind: 'daily_loss', botId: 'bot1', amount: 100 }]);
    expect(e.onPortfolio(portfolio({ daily: 50 }), 1)).toEqual([]);
    const f = e.onPortfolio(portfolio({ daily: -120 }), 2);
    expect(types(f)).toEqual(['fired']);
    expect(f[0]!.alert.message).toBe('r: bot bot1 lost 120 today (limit 100)');
  });

  it('position size above N, by amount and by notional, per symbol', () => {
    const e = new AlertEngine([
      { ...base, id: 'pa', kind: 'position_size', botId: 'bot1', measure: 'amount', size: 2 },
      {
        ...base,
        id: 'pn',
        kind: 'position_size',
        botId: 'bot1',
        symbol: 'BTC/USDT',
        measure: 'notional',
        size: 1000,
      },
    ]);
    const f = e.onPortfolio(portfolio({ amount: -3, notional: -300 }), 1);
    expect(f.map((t) => t.alert.id)).toEqual(['pa|bot1/BTC/USDT|1']);
    expect(types(e.onPortfolio(portfolio({ amount: -3, notional: -1500 }), 2))).toEqual(['fired']);
  });

  it('custom metric above and below, one series per (bot, name, tags)', () => {
    const e = new AlertEngine([
      {
        ...base,
        id: 'gas',
        kind: 'metric',
        name: 'gas_price',
        direction: 'above',
        value: 50,
        clearValue: 40,
      },
      {
        ...base,
        id: 'bal',
        kind: 'metric',
        botId: 'bot1',
        name: 'eth_balance',
        direction: 'below',
        value: 1,
      },
    ]);
    const f = e.onMetric({ botId: 'bot1', name: 'gas_price', value: 60, tags: { chain: 'eth', a: 'x' } }, 1);
    expect(f[0]!.alert.subject).toBe('bot1/gas_price{a=x,chain=eth}');
    expect(types(e.onMetric({ botId: 'bot2', name: 'gas_price', value: 60 }, 1))).toEqual(['fired']);
    expect(
      e.onMetric({ botId: 'bot1', name: 'gas_price', value: 45, tags: { chain: 'eth', a: 'x' } }, 2),
    ).toEqual([]);
    expect(
      types(e.onMetric({ botId: 'bot1', name: 'gas_price', value: 39, tags: { a: 'x', chain: 'eth' } }, 3)),
    ).toEqual(['resolved']);
    expect(e.onMetric({ botId: 'bot2', name: 'eth_balance', value: 0.5 }, 4)).toEqual([]);
    expect(types(e.onMetric({ botId: 'bot1', name: 'eth_balance', value: 0.5 }, 4))).toEqual(['fired']);
  });

  it('disabled rules are not evaluated', () => {
    const e = new AlertEngine([
      { ...base, enabled: false, id: 'sp', kind: 'spread', symbol: 'BTC/USDT', bps: 1 },
    ]);
    expect(e.onMarket(metrics({ spreadBps: 100 }), 1)).toEqual([]);
  });
});

describe('acknowledgement and rule changes', () => {
  const rule: AlertRule = { ...base, id: 'sp', kind: 'spread', symbol: 'BTC/USDT', bps: 50 };

  it('a trader acknowledges a firing alert once; the ack survives resolution', () => {
    const e = new AlertEngine([rule]);
    const [f] = e.onMarket(metrics({ spreadBps: 60 }), 1);
    const ack = e.acknowledge(f!.alert.id, 'alice', 5);
    expect(ack).toMatchObject({
      ok: true,
      transition: { type: 'acknowledged', alert: { acknowledged: { by: 'alice', at: 5 } } },
    });
    expect(e.acknowledge(f!.alert.id, 'bob', 6)).toEqual({ ok: false, code: 'ALREADY_ACKNOWLEDGED' });
    expect(e.active()[0]!.acknowledged).toEqual({ by: 'alice', at: 5 });
    const [r] = e.onMarket(metrics({ spreadBps: 10 }), 7);
    expect(r!.alert.acknowledged).toEqual({ by: 'alice', at: 5 });
    expect(e.acknowledge('nope', 'bob', 8)).toEqual({ ok: false, code: 'ALERT_NOT_FOUND' });
  });

  it('a resolved alert can still be acknowledged, within the recent history', () => {
    const e = new AlertEngine([rule], { maxRecent: 1 });
    const [f1] = e.onMarket(metrics({ spreadBps: 60 }), 1);
    e.onMarket(metrics({ spreadBps: 10 }), 2);
    expect(e.acknowledge(f1!.alert.id, 'bob', 3).ok).toBe(true);
    e.onMarket(metrics({ spreadBps: 60 }), 4);
    e.onMarket(metrics({ spreadBps: 10 }), 5);
    expect(e.acknowledge(f1!.alert.id, 'bob', 6)).toEqual({ ok: false, code: 'ALERT_NOT_FOUND' });
  });

  it('changing or removing a rule resolves its firing alerts', () => {
    const e = new AlertEngine([rule]);
    e.onMarket(metrics({ spreadBps: 60 }), 1);
    expect(types(e.setRule({ ...rule, bps: 80 }, 2))).toEqual(['resolved']);
    expect(e.listRules()[0]).toMatchObject({ bps: 80 });
    expect(e.onMarket(metrics({ spreadBps: 60 }), 3)).toEqual([]);
    expect(types(e.onMarket(metrics({ spreadBps: 90 }), 4))).toEqual(['fired']);
    expect(types(e.removeRule('sp', 5))).toEqual(['resolved']);
    expect(e.active()).toEqual([]);
  });
});
