import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import {
  fillEvent,
  freshBot,
  openTestDatabase,
  startAnalytics,
  testConfig,
  type TestAnalytics,
} from '../testing/analytics-app.test-helpers.js';

let db: SqlExecutor;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const post = (t: TestAnalytics, events: unknown[], headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/ingest', payload: { events }, headers });

describe('POST /api/v1/ingest', () => {
  it('stores an event sent twice once, and acknowledges the repeat as duplicate', async () => {
    const t = await startAnalytics(db);
    try {
      const bot = freshBot();
      const e = fillEvent(bot, 'e1', { side: 'buy', price: 100, amount: 1, timestamp: 1000 });
      const first = await post(t, [e]);
      expect(first.statusCode).toBe(200);
      expect(first.json().results).toEqual([{ index: 0, eventId: 'e1', status: 'accepted' }]);
      const again = await post(t, [e, e]);
      expect(again.json().results.map((r: { status: string }) => r.status)).toEqual([
        'duplicate',
        'duplicate',
      ]);
      const rows = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM bot_events WHERE bot_id = $1',
        [bot],
      );
      expect(rows[0]!.n).toBe(1);
      // Only the first one moved the portfolio.
      expect(t.module.services.portfolio.state(bot)!.positions[0]!.amount).toBe(1);
      expect(t.published.filter((p) => p.channel === 'fills')).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('rejects bad events one by one with reasons while taking the rest of the batch', async () => {
    const t = await startAnalytics(db, testConfig({ maxBatchEvents: 6 }));
    try {
      const bot = freshBot();
      const ok = (id: string) => fillEvent(bot, id, { side: 'buy', price: 10, amount: 1, timestamp: 5 });
      const bad = (id: string, patch: Record<string, unknown>) => {
        const e = ok(id);
        return { ...e, fill: { ...(e['fill'] as object), ...patch } };
      };
      const res = await post(t, [
        ok('a'),
        bad('b', { amount: 'one' }),
        bad('c', { amount: -1 }),
        bad('d', { symbol: 'DOGE/USDT' }),
        { ...ok('e'), type: 'teleport' },
        ok('f'),
        ok('g'),
      ]);
      // NaN cannot travel in JSON; checked through the service directly below.
      const byIndex = res.json().results as { status: string; code?: string; field?: string }[];
      expect(byIndex.map((r) => [r.status, r.code])).toEqual([
        ['accepted', undefined],
        ['rejected', 'WRONG_TYPE'],
        ['rejected', 'NEGATIVE'],
        ['rejected', 'UNKNOWN_SYMBOL'],
        ['rejected', 'UNKNOWN_TYPE'],
        ['accepted', undefined],
        ['rejected', 'BATCH_TOO_LARGE'],
      ]);
      expect(byIndex[1]!.field).toBe('/fill/amount');
      const nan = await t.module.services.ingest.ingest([bad('h', { price: Number.NaN }), ok('i')], {
        kind: 'any',
      });
      expect(nan.map((r) => r.status)).toEqual(['rejected', 'accepted']);
      expect(nan[0]).toMatchObject({ code: 'NOT_FINITE', field: '/fill/price' });
      const stored = await db.query<{ event_id: string }>(
        'SELECT event_id FROM bot_events WHERE bot_id = $1 ORDER BY seq',
        [bot],
      );
      expect(stored.map((r) => r.event_id)).toEqual(['a', 'f', 'i']);
    } finally {
      await t.close();
    }
  });

  it("refuses a key's events for another bot (FORBIDDEN_BOT), takes its own, and 401s without a key", async () => {
    const mine = freshBot('mine');
    const other = freshBot('other');
    const key = 'k'.repeat(16) + mine;
    const t = await startAnalytics(db, testConfig({ apiKeys: [{ botId: mine, key }] }));
    try {
      const events = [
        fillEvent(mine, 'x1', { side: 'buy', price: 1, amount: 1, timestamp: 1 }),
        fillEvent(other, 'x2', { side: 'buy', price: 1, amount: 1, timestamp: 1 }),
      ];
      const res = await post(t, events, { authorization: `Bearer ${key}` });
      expect(res.json().results).toEqual([
        { index: 0, eventId: 'x1', status: 'accepted' },
        expect.objectContaining({ index: 1, status: 'rejected', code: 'FORBIDDEN_BOT', field: '/botId' }),
      ]);
      const viaHeader = await post(
        t,
        [fillEvent(mine, 'x3', { side: 'sell', price: 1, amount: 1, timestamp: 2 })],
        {
          'x-tickdeck-key': key,
        },
      );
      expect(viaHeader.json().accepted).toBe(1);
      expect((await post(t, events)).statusCode).toBe(401);
      expect((await post(t, events, { authorization: 'Bearer nope-nope-nope-nope' })).statusCode).toBe(401);
      const rows = await db.query('SELECT 1 FROM bot_events WHERE bot_id = $1', [other]);
      expect(rows).toHaveLength(0);
    } finally {
      await t.close();
    }
  });

  it('takes several bots in one batch and refuses a malformed envelope with a problem', async () => {
    const t = await startAnalytics(db);
    try {
      const a = freshBot();
      const b = freshBot();
      const res = await post(t, [
        fillEvent(a, '1', { side: 'buy', price: 1, amount: 2, timestamp: 1 }),
        fillEvent(b, '1', { side: 'buy', price: 1, amount: 3, timestamp: 1 }),
      ]);
      expect(res.json().accepted).toBe(2);
      expect(t.module.services.portfolio.state(a)!.positions[0]!.amount).toBe(2);
      expect(t.module.services.portfolio.state(b)!.positions[0]!.amount).toBe(3);
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/ingest', payload: { evnts: [] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('BAD_REQUEST');
    } finally {
      await t.close();
    }
  });
});
