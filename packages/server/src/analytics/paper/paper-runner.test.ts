import { EmaCrossStrategy, runBacktest } from '@tickdeck/core';
import { TIMEFRAMES } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import { openTestDatabase, startAnalytics, testConfig } from '../testing/analytics-app.test-helpers.js';
import { xrpEthCandles } from '../testing/xrp-eth-candles.test-helpers.js';

let db: SqlExecutor;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const candles = xrpEthCandles('5m').slice(0, 400);

describe('the built-in paper bot', () => {
  it('trades live data through ingest (stored events, key scope) and makes the trades a backtest makes', async () => {
    const config = testConfig({
      currency: 'ETH',
      apiKeys: [{ botId: 'someone', key: 'a-key-of-someone-else' }],
      paperBot: {
        enabled: true,
        botId: 'paper-xrp',
        strategy: 'ema_cross',
        params: { fastPeriod: 5, slowPeriod: 13 },
        symbol: 'XRP/ETH',
        timeframe: '5m',
        // The backtest only trades on crossings; entering on the trend at start is tested below.
        enterOnStart: false,
      },
    });
    const t = await startAnalytics(db, config);
    try {
      const paper = t.module.services.paper!;
      for (const c of candles) {
        // The live path, on the clock: an open update, the quote at the close, then the closed candle.
        t.clock.set(c.time + TIMEFRAMES['5m']);
        t.module.onCandle({ ...c, closed: false });
        t.module.onTicker({
          symbol: c.symbol,
          type: 'spot',
          timestamp: c.time + TIMEFRAMES['5m'],
          bid: c.close,
          ask: c.close,
        });
        t.module.onCandle(c);
      }
      await paper.idle();
      expect(paper.rejected).toBe(0);

      const reference = runBacktest({
        symbol: 'XRP/ETH',
        timeframe: '5m',
        candles,
        strategy: new EmaCrossStrategy({ fastPeriod: 5, slowPeriod: 13 }),
      });
      expect(reference.trades.length).toBeGreaterThan(3);
      const stats = (await t.app.inject({ url: '/api/v1/stats?botId=paper-xrp' })).json();
      expect(stats.trades).toEqual(reference.trades);

      const stored = await db.query<{ type: string; n: number }>(
        "SELECT type, count(*)::int AS n FROM bot_events WHERE bot_id = 'paper-xrp' GROUP BY type ORDER BY type",
      );
      expect(stored).toEqual([
        { type: 'fill', n: reference.fills.length },
        { type: 'order', n: reference.orders.length },
        { type: 'signal', n: reference.signals.length },
      ]);
      const state = t.published.filter((p) => p.channel === 'strategy:paper-xrp').at(-1)!.data as {
        indicators: Record<string, number | null>;
      };
      expect(state.indicators['emaSlow']).not.toBeNull();
    } finally {
      await t.close();
    }
  });

  it.each([
    ['rising', 1, ['buy']],
    ['falling', -1, []],
  ])(
    'on a %s market, enters at the first live quote after warm-up only when the trend says buy',
    async (_, dir, sides) => {
      const botId = `paper-trend-${dir > 0 ? 'up' : 'down'}`;
      const config = testConfig({
        paperBot: {
          enabled: true,
          botId,
          symbol: 'XRP/ETH',
          timeframe: '5m',
          params: { fastPeriod: 3, slowPeriod: 8 },
        },
      });
      const t = await startAnalytics(db, config);
      try {
        const tf = TIMEFRAMES['5m'];
        const t0 = Date.UTC(2024, 0, 1);
        // Twelve closed candles of a steady trend: the fast EMA ends above (rising) or below the slow one.
        for (let i = 0; i < 12; i++) {
          t.clock.set(t0 + (i + 1) * tf);
          const close = 1 + dir * i * 0.01;
          t.module.onCandle({
            symbol: 'XRP/ETH',
            timeframe: '5m',
            time: t0 + i * tf,
            open: close,
            high: close,
            low: close,
            close,
            volume: 1,
            trades: 1,
            closed: true,
          });
        }
        const paper = t.module.services.paper!;
        await paper.idle();
        expect((await t.app.inject({ url: `/api/v1/fills?botId=${botId}` })).json().fills).toEqual([]);
        t.module.onTicker({ symbol: 'XRP/ETH', type: 'spot', timestamp: t0 + 12 * tf, bid: 1.2, ask: 1.21 });
        t.module.onTicker({
          symbol: 'XRP/ETH',
          type: 'spot',
          timestamp: t0 + 12 * tf + 1,
          bid: 1.2,
          ask: 1.21,
        });
        await paper.idle();
        const fills = (await t.app.inject({ url: `/api/v1/fills?botId=${botId}` })).json().fills as {
          side: string;
          price: number;
        }[];
        expect(fills.map((f) => f.side)).toEqual(sides);
        if (sides.length > 0) expect(fills[0]!.price).toBe(1.21); // a taker buy at the ask

        // A trader's "close all" sells what is open at the bid, and says so in the audit.
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/bots/${botId}/commands`,
          payload: { kind: 'close_all' },
        });
        await paper.idle();
        const after = (await t.app.inject({ url: `/api/v1/fills?botId=${botId}` })).json().fills as {
          side: string;
          price: number;
        }[];
        expect(after.map((f) => [f.side, f.price])).toEqual(
          sides.length > 0
            ? [
                ['buy', 1.21],
                ['sell', 1.2],
              ]
            : [],
        );
        const audit = (await t.app.inject({ url: `/api/v1/bots/commands?botId=${botId}` })).json().commands;
        expect(audit[0]).toMatchObject({
          kind: 'close_all',
          status: 'succeeded',
          result: { ok: true, message: sides.length > 0 ? 'position closed' : 'no open position' },
        });
      } finally {
        await t.close();
      }
    },
  );

  it('keeps managing its open position across a restart of the server', async () => {
    const botId = 'paper-restart';
    const config = testConfig({
      paperBot: {
        enabled: true,
        botId,
        symbol: 'XRP/ETH',
        timeframe: '5m',
        params: { fastPeriod: 3, slowPeriod: 8 },
      },
    });
    const tf = TIMEFRAMES['5m'];
    const t0 = Date.UTC(2024, 0, 2);
    const first = await startAnalytics(db, config);
    try {
      for (let i = 0; i < 12; i++) {
        first.clock.set(t0 + (i + 1) * tf);
        const close = 1 + i * 0.01;
        first.module.onCandle({
          symbol: 'XRP/ETH',
          timeframe: '5m',
          time: t0 + i * tf,
          open: close,
          high: close,
          low: close,
          close,
          volume: 1,
          trades: 1,
          closed: true,
        });
      }
      first.module.onTicker({
        symbol: 'XRP/ETH',
        type: 'spot',
        timestamp: t0 + 12 * tf,
        bid: 1.2,
        ask: 1.25,
      });
      await first.module.services.paper!.idle();
    } finally {
      await first.close();
    }
    const fillsOf = async (t: { app: { inject(o: { url: string }): Promise<{ json(): unknown }> } }) =>
      (
        (await t.app.inject({ url: `/api/v1/fills?botId=${botId}` })).json() as {
          fills: { side: string; amount: number }[];
        }
      ).fills;

    const second = await startAnalytics(db, config);
    try {
      const bought = await fillsOf(second);
      expect(bought.map((f) => f.side)).toEqual(['buy']);
      expect(
        (second.module.services.paper!.state() as { position: { amount: number } }).position.amount,
      ).toBe(bought[0]!.amount);
      second.module.onTicker({
        symbol: 'XRP/ETH',
        type: 'spot',
        timestamp: t0 + 13 * tf,
        bid: 1.3,
        ask: 1.31,
      });
      await second.app.inject({
        method: 'POST',
        url: `/api/v1/bots/${botId}/commands`,
        payload: { kind: 'close_all' },
      });
      await second.module.services.paper!.idle();
      const all = await fillsOf(second);
      expect(all.map((f) => [f.side, f.amount])).toEqual([
        ['buy', bought[0]!.amount],
        ['sell', bought[0]!.amount],
      ]);
    } finally {
      await second.close();
    }
  });

  it('is paused and resumed by commands and restarted with new parameters over REST', async () => {
    const t = await startAnalytics(db, testConfig({ paperBot: { enabled: true, botId: 'paper-ctl' } }));
    try {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bots/paper-ctl/commands',
        payload: { kind: 'pause' },
      });
      await t.module.services.paper!.idle();
      expect((await t.app.inject({ url: '/api/v1/paper' })).json().running).toBe(false);
      const audit = (await t.app.inject({ url: '/api/v1/bots/commands?botId=paper-ctl' })).json().commands;
      expect(audit[0]).toMatchObject({
        kind: 'pause',
        status: 'succeeded',
        result: { ok: true, message: 'paused' },
      });

      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/paper/start',
        payload: { params: { fastPeriod: 30, slowPeriod: 10 } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().reason).toBe('INCONSISTENT');
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/paper/start',
        payload: { strategy: 'rsi_reversion', params: { period: 7 } },
      });
      expect(ok.json()).toMatchObject({
        running: true,
        state: { strategy: 'rsi_reversion', params: { period: 7 } },
      });
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/paper/stop' })).json().running).toBe(false);
    } finally {
      await t.close();
    }
  });
});
