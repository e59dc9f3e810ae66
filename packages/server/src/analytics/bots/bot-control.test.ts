import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import {
  fillEvent,
  freshBot,
  openTestDatabase,
  startAnalytics,
  testConfig,
} from '../testing/analytics-app.test-helpers.js';

let db: SqlExecutor;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** Messages of a bot socket, with a bounded wait for the next one that matches. */
function botSocket(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const got: Record<string, unknown>[] = [];
  ws.on('message', (d) => got.push(JSON.parse(String(d)) as Record<string, unknown>));
  const next = async (op: string, from = 0) => {
    for (let i = 0; i < 500; i++) {
      const m = got.slice(from).find((g) => g['op'] === op);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${op} message`);
  };
  return { ws, got, next };
}

describe('bot control', () => {
  it('round trip by polling: issue, poll, report; the audit says who, when, what and the result', async () => {
    const t = await startAnalytics(db);
    try {
      const bot = freshBot();
      const issued = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bots/${bot}/commands`,
        payload: { kind: 'custom', name: 'set_spread', params: { bps: 12 } },
      });
      expect(issued.statusCode).toBe(202);
      const cmd = issued.json();
      expect(cmd).toMatchObject({
        botId: bot,
        kind: 'custom',
        name: 'set_spread',
        params: { bps: 12 },
        status: 'pending',
      });
      const polled = (await t.app.inject({ url: `/api/v1/bots/${bot}/commands/pending` })).json().commands;
      expect(polled.map((c: { commandId: string }) => c.commandId)).toEqual([cmd.commandId]);
      t.clock.advance(250);
      const done = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bots/${bot}/commands/${cmd.commandId}/result`,
        payload: { ok: true, message: 'spread now 12 bps' },
      });
      expect(done.json().status).toBe('succeeded');
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bots/${bot}/commands/${cmd.commandId}/result`,
        payload: { ok: false },
      });
      expect(again.statusCode).toBe(404);
      const audit = (await t.app.inject({ url: `/api/v1/bots/commands?botId=${bot}` })).json().commands;
      expect(audit).toEqual([
        {
          commandId: cmd.commandId,
          botId: bot,
          kind: 'custom',
          name: 'set_spread',
          params: { bps: 12 },
          issuedBy: 'anonymous',
          issuedAt: cmd.issuedAt,
          status: 'succeeded',
          deliveredAt: cmd.issuedAt,
          result: { ok: true, message: 'spread now 12 bps', at: cmd.issuedAt + 250 },
        },
      ]);
      const custom = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bots/${bot}/commands`,
        payload: { kind: 'custom' },
      });
      expect(custom.statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('round trip on the bot WebSocket: events acked, command pushed, result recorded, status tracked', async () => {
    const bot = freshBot();
    const key = `key-for-${bot}-0123456789`;
    const t = await startAnalytics(db, testConfig({ apiKeys: [{ botId: bot, key }] }), { listen: true });
    const { port } = t.app.server.address() as { port: number };
    const s = botSocket(`ws://127.0.0.1:${port}/api/v1/bot/ws`, { authorization: `Bearer ${key}` });
    try {
      expect((await s.next('welcome'))['botId']).toBe(bot);
      s.ws.send(
        JSON.stringify({
          op: 'events',
          id: 7,
          events: [fillEvent(bot, 'w1', { side: 'buy', price: 1, amount: 1, timestamp: 1 })],
        }),
      );
      expect(await s.next('ack')).toEqual({
        op: 'ack',
        id: 7,
        results: [{ index: 0, eventId: 'w1', status: 'accepted' }],
      });

      const issued = (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/bots/${bot}/commands`,
          payload: { kind: 'pause' },
        })
      ).json();
      expect(issued.status).toBe('delivered');
      const pushed = (await s.next('command'))['command'] as { commandId: string; kind: string };
      expect(pushed).toMatchObject({ commandId: issued.commandId, kind: 'pause' });
      s.ws.send(JSON.stringify({ op: 'result', commandId: pushed.commandId, ok: true }));
      expect(await s.next('result_ack')).toEqual({
        op: 'result_ack',
        commandId: pushed.commandId,
        recorded: true,
      });

      const bots = (await t.app.inject({ url: '/api/v1/bots' })).json().bots;
      expect(bots.find((b: { botId: string }) => b.botId === bot)).toMatchObject({
        connected: true,
        state: 'paused',
      });
      const audit = (await t.app.inject({ url: `/api/v1/bots/commands?botId=${bot}` })).json().commands;
      expect(audit[0]).toMatchObject({ kind: 'pause', status: 'succeeded', result: { ok: true } });

      const other = new WebSocket(`ws://127.0.0.1:${port}/api/v1/bot/ws?botId=someone-else`, {
        headers: { authorization: `Bearer ${key}` },
      });
      other.on('error', () => undefined);
      const refused = await new Promise<number>((resolve) =>
        other.on('unexpected-response', (req, res) => {
          resolve(res.statusCode!);
          req.destroy();
        }),
      );
      expect(refused).toBe(403);
    } finally {
      s.ws.close();
      await t.close();
    }
  });
});
