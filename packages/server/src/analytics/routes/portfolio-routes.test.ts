import { computeStatsBatch } from '@tickdeck/core';
import type { Fill } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import {
  fillEvent,
  freshBot,
  openTestDatabase,
  startAnalytics,
} from '../testing/analytics-app.test-helpers.js';

let db: SqlExecutor;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const T0 = Date.UTC(2024, 0, 1, 10);

describe('portfolio over REST', () => {
  it('reports P&L computed by hand, and statistics equal to a batch recomputation of the stored fills', async () => {
    const t = await startAnalytics(db);
    try {
      const bot = freshBot();
      const events = [
        fillEvent(bot, '1', { side: 'buy', price: 100, amount: 2, timestamp: T0, fee: 0.2 }),
        fillEvent(bot, '2', { side: 'buy', price: 110, amount: 2, timestamp: T0 + 60_000, fee: 0.22 }),
        fillEvent(bot, '3', { side: 'sell', price: 120, amount: 3, timestamp: T0 + 120_000, fee: 0.36 }),
      ];
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/ingest', payload: { events } })).json().accepted,
      ).toBe(3);
      t.module.onTicker({ symbol: 'BTC/USDT', type: 'spot', timestamp: T0 + 130_000, last: 130 });

      // By hand: average cost 105 after the two buys; selling 3 at 120 realizes 3 × 15 = 45; 1 left,
      // marked at 130: unrealized 25; fees 0.2 + 0.22 + 0.36 = 0.78; equity 10000 + 45 − 0.78 + 25.
      const p = (await t.app.inject({ url: `/api/v1/portfolio?botId=${bot}` })).json();
      expect(p.realizedPnl).toBeCloseTo(45, 10);
      expect(p.fees).toBeCloseTo(0.78, 10);
      expect(p.unrealizedPnl).toBeCloseTo(25, 10);
      expect(p.equity).toBeCloseTo(10_069.22, 9);
      expect(p.positions).toEqual([
        expect.objectContaining({ symbol: 'BTC/USDT', amount: 1, avgPrice: 105, markPrice: 130 }),
      ]);

      await t.app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        payload: {
          events: [
            fillEvent(bot, '4', { side: 'sell', price: 90, amount: 1, timestamp: T0 + 180_000, fee: 0.09 }),
          ],
        },
      });
      // The round trip: 45 + (90 − 105) × 1 = 30 realized, minus 0.87 of fees.
      const stats = (await t.app.inject({ url: `/api/v1/stats?botId=${bot}` })).json();
      expect(stats.trades).toHaveLength(1);
      expect(stats.trades[0].pnl).toBeCloseTo(29.13, 10);
      expect(stats.stats.totalPnl).toBeCloseTo(29.13, 10);

      const page1 = (await t.app.inject({ url: `/api/v1/fills?botId=${bot}&limit=3` })).json();
      const page2 = (
        await t.app.inject({ url: `/api/v1/fills?botId=${bot}&limit=3&cursor=${page1.nextCursor}` })
      ).json();
      expect(page2.nextCursor).toBeNull();
      const fills = [...page1.fills, ...page2.fills].map(
        ({ eventId: _e, ...f }: Fill & { eventId: string }) => f,
      );
      expect(fills.map((f) => f.id)).toEqual(['f-1', 'f-2', 'f-3', 'f-4']);
      const batch = computeStatsBatch(fills, [], { startingCash: 10_000 });
      expect(stats.stats).toEqual({ ...batch.stats, asOf: stats.stats.asOf });
      expect(stats.trades).toEqual(batch.trades);

      const equity = (await t.app.inject({ url: `/api/v1/equity?botId=${bot}` })).json();
      expect(equity.points.map((q: { cause: string }) => q.cause)).toEqual(['fill', 'fill', 'fill', 'fill']);
      expect(equity.points.at(-1).equity).toBeCloseTo(10_029.13, 9);
    } finally {
      await t.close();
    }
  });

  it('rebuilds every portfolio from the stored fills on start', async () => {
    const bot = freshBot();
    const first = await startAnalytics(db);
    await first.app.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      payload: {
        events: [
          fillEvent(bot, 'a', { side: 'buy', price: 50, amount: 4, timestamp: T0, fee: 0.1 }),
          fillEvent(bot, 'b', { side: 'sell', price: 55, amount: 1, timestamp: T0 + 1000 }),
        ],
      },
    });
    const before = first.module.services.portfolio.state(bot)!;
    await first.close();
    const second = await startAnalytics(db);
    try {
      const after = (await second.app.inject({ url: `/api/v1/portfolio?botId=${bot}` })).json();
      expect(after.realizedPnl).toBe(before.realizedPnl);
      expect(after.realizedPnl).toBe(5);
      expect(after.positions).toEqual(before.positions);
      expect((await second.app.inject({ url: '/api/v1/portfolio?botId=nobody-here' })).statusCode).toBe(404);
    } finally {
      await second.close();
    }
  });

  it('publishes orders and fills as streams, equity on every fill, and the portfolio keyed by bot', async () => {
    const t = await startAnalytics(db);
    try {
      const bot = freshBot();
      const order = {
        type: 'order',
        botId: bot,
        eventId: 'o1',
        action: 'new',
        order: { id: 'A', symbol: 'ETH/USDT', side: 'buy', amount: 1, status: 'open', timestamp: T0 },
      };
      // What start() published (every known bot's state, for the retained channels) is not the point here.
      t.published.length = 0;
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        payload: {
          events: [
            order,
            fillEvent(bot, 'f1', { side: 'buy', price: 2000, amount: 1, timestamp: T0, symbol: 'ETH/USDT' }),
          ],
        },
      });
      expect(t.published.map((p) => p.channel).filter((c) => c !== 'bots')).toEqual([
        'orders',
        'fills',
        'equity',
        'portfolio',
      ]);
      expect(t.registry.get('portfolio')!.kind).toBe('state');
      expect(t.registry.get('alerts')!.urgent).toBe(true);
      const open = (await t.app.inject({ url: `/api/v1/orders?botId=${bot}&open=true` })).json();
      expect(open.orders).toEqual([order.order]);
    } finally {
      await t.close();
    }
  });
});
