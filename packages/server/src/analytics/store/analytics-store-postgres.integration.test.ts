import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresExecutor } from '../../store/postgres/postgres-executor.js';
import { runMigrations } from '../../store/sql/migrations.js';
import { createTestDatabase, havePg, noPgReason } from '../../testing/services.test-helpers.js';
import { fillEvent, freshBot, startAnalytics } from '../testing/analytics-app.test-helpers.js';

describe.skipIf(!havePg)(`analytics tables on PostgreSQL (skipped: ${noPgReason})`, () => {
  let db: PostgresExecutor;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const made = await createTestDatabase();
    drop = made.drop;
    db = new PostgresExecutor({ url: made.url });
    await runMigrations(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('ingests idempotently, rebuilds the portfolio, and keeps commands, rules and alert history', async () => {
    const bot = freshBot();
    const events = [
      fillEvent(bot, '1', { side: 'buy', price: 100, amount: 2, timestamp: 1000, fee: 0.2 }),
      fillEvent(bot, '2', { side: 'sell', price: 110, amount: 2, timestamp: 2000, fee: 0.22 }),
    ];
    const first = await startAnalytics(db);
    const r1 = (
      await first.app.inject({ method: 'POST', url: '/api/v1/ingest', payload: { events } })
    ).json();
    const r2 = (
      await first.app.inject({ method: 'POST', url: '/api/v1/ingest', payload: { events } })
    ).json();
    expect([r1.accepted, r2.duplicate]).toEqual([2, 2]);
    const cmd = (
      await first.app.inject({
        method: 'POST',
        url: `/api/v1/bots/${bot}/commands`,
        payload: { kind: 'stop' },
      })
    ).json();
    await first.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/rules',
      payload: {
        id: 'dd',
        name: 'Drawdown',
        enabled: true,
        severity: 'critical',
        kind: 'drawdown',
        botId: bot,
        pct: 5,
      },
    });
    await first.close();

    const second = await startAnalytics(db);
    try {
      const p = (await second.app.inject({ url: `/api/v1/portfolio?botId=${bot}` })).json();
      // (110 − 100) × 2 realized, fees 0.42.
      expect(p.realizedPnl).toBe(20);
      expect(p.fees).toBeCloseTo(0.42, 12);
      const pending = (await second.app.inject({ url: `/api/v1/bots/${bot}/commands/pending` })).json()
        .commands;
      expect(pending.map((c: { commandId: string }) => c.commandId)).toEqual([cmd.commandId]);
      expect(
        (await second.app.inject({ url: '/api/v1/alerts/rules' }))
          .json()
          .rules.map((r: { id: string }) => r.id),
      ).toEqual(['dd']);
      const fills = (await second.app.inject({ url: `/api/v1/fills?botId=${bot}&limit=1` })).json();
      expect(fills.fills).toHaveLength(1);
      expect(fills.nextCursor).not.toBeNull();
    } finally {
      await second.close();
    }
  });
});
