import { EmaCrossStrategy, computeIndicatorSeries, runBacktest } from '@tickdeck/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import { openTestDatabase, startAnalytics } from '../testing/analytics-app.test-helpers.js';
import { xrpEthCandles } from '../testing/xrp-eth-candles.test-helpers.js';

let db: SqlExecutor;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const candles = xrpEthCandles('5m');

describe('backtests and indicators over REST', () => {
  it('returns the same stats, trades and equity as runBacktest, over stored candles or candles sent', async () => {
    const t = await startAnalytics(db);
    try {
      await t.history.upsertCandles(candles);
      const direct = runBacktest({
        symbol: 'XRP/ETH',
        timeframe: '5m',
        candles,
        strategy: new EmaCrossStrategy({ fastPeriod: 5, slowPeriod: 13 }),
        feeRate: 0.002,
      });
      expect(direct.trades.length).toBeGreaterThan(3);
      const body = {
        strategy: 'ema_cross',
        params: { fastPeriod: 5, slowPeriod: 13 },
        symbol: 'XRP/ETH',
        timeframe: '5m',
        feeRate: 0.002,
      };
      const stored = (await t.app.inject({ method: 'POST', url: '/api/v1/backtests', payload: body })).json();
      expect(stored.candles).toBe(candles.length);
      expect(stored.stats).toEqual(direct.stats);
      expect(stored.trades).toEqual(direct.trades);
      expect(stored.equity).toEqual(direct.equity);
      const sent = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/backtests',
          payload: {
            ...body,
            candles: candles.map(({ time, open, high, low, close, volume }) => ({
              time,
              open,
              high,
              low,
              close,
              volume,
            })),
          },
        })
      ).json();
      expect(sent.stats).toEqual(direct.stats);
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/backtests',
        payload: { ...body, params: { fastPeriod: 1 } },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('serves indicator series of the live candles', async () => {
    const t = await startAnalytics(db);
    try {
      const recent = candles.slice(-300);
      t.live.loadCandles('XRP/ETH', '5m', recent);
      const res = (
        await t.app.inject({ url: '/api/v1/indicators?symbol=XRP/ETH&tf=5m&emaPeriod=10' })
      ).json();
      expect(res.points).toEqual(computeIndicatorSeries(recent, { emaPeriod: 10 }));
      expect((await t.app.inject({ url: '/api/v1/indicators?symbol=NOPE/USDT&tf=5m' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
