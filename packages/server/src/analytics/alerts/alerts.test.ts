import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertTransition, MarketMetrics } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';
import { openTestDatabase, startAnalytics, testConfig } from '../testing/analytics-app.test-helpers.js';
import { WebhookSender } from './webhook-sender.js';

let db: SqlExecutor;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** A local webhook receiver that answers 500 to the first `failures` requests, then 200. */
async function receiver(
  failures: number,
): Promise<{ url: string; bodies: unknown[]; statuses: number[]; server: Server }> {
  const bodies: unknown[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += String(d)));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      const status = statuses.length < failures ? 500 : 200;
      statuses.push(status);
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, statuses, server };
}

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

const metrics = (last: number, asOf: number): MarketMetrics => ({
  symbol: 'BTC/USDT',
  type: 'spot',
  last,
  bid: last,
  ask: last,
  spread: 0,
  spreadBps: 0,
  change24hPct: null,
  volume24h: 0,
  msgsPerSec: 1,
  feedLatencyMs: 5,
  silenceMs: 0,
  stale: false,
  uptimeMs: 1,
  asOf,
});

describe('alerts', () => {
  it('validates rules over REST, and fires and resolves with hysteresis, in order on the alerts channel', async () => {
    const t = await startAnalytics(db);
    try {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        payload: {
          id: 'x',
          name: 'x',
          enabled: true,
          severity: 'info',
          kind: 'spread',
          symbol: 'BTC/USDT',
          bps: -1,
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'BAD_REQUEST', field: '/bps' });
      const rule = {
        id: 'btc-70k',
        name: 'BTC above 70k',
        enabled: true,
        severity: 'warning',
        kind: 'price_cross',
        symbol: 'BTC/USDT',
        direction: 'above',
        price: 70_000,
        hysteresis: 500,
      };
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/alerts/rules', payload: rule })).statusCode,
      ).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/alerts/rules' })).json().rules).toEqual([rule]);

      // Below, cross up (fires), dip within the hysteresis (nothing), below the clear level (resolves), up again (fires).
      for (const [i, price] of [69_000, 70_100, 69_800, 69_400, 70_200].entries()) {
        t.module.onMetrics(metrics(price, t.clock.advance(1000)));
        expect(i).toBeGreaterThanOrEqual(0);
      }
      const alerts = t.published.filter((p) => p.channel === 'alerts').map((p) => p.data as AlertTransition);
      expect(alerts.map((a) => [a.type, a.alert.value])).toEqual([
        ['fired', 70_100],
        ['resolved', 69_400],
        ['fired', 70_200],
      ]);

      const firing = (await t.app.inject({ url: '/api/v1/alerts' })).json().alerts;
      expect(firing).toHaveLength(1);
      const ack = await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${encodeURIComponent(firing[0].id)}/ack`,
      });
      expect(ack.json()).toMatchObject({
        type: 'acknowledged',
        alert: { acknowledged: { by: 'anonymous' } },
      });
      const twice = await t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${encodeURIComponent(firing[0].id)}/ack`,
      });
      expect(twice.statusCode).toBe(409);
      const history = (await t.app.inject({ url: '/api/v1/alerts/history?ruleId=btc-70k' })).json()
        .transitions;
      expect(history.map((h: AlertTransition) => h.type)).toEqual([
        'acknowledged',
        'fired',
        'resolved',
        'fired',
      ]);

      expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/alerts/rules/btc-70k' })).statusCode).toBe(
        204,
      );
      expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/alerts/rules/btc-70k' })).statusCode).toBe(
        404,
      );
    } finally {
      await t.close();
    }
  });

  it('retries a webhook that fails first, with backoff, until it is taken', async () => {
    const r = await receiver(2);
    const sender = new WebhookSender({ backoffMs: 5, attempts: 5 });
    try {
      const t: AlertTransition = {
        type: 'fired',
        at: 1,
        alert: {
          id: 'a|b|1',
          ruleId: 'a',
          ruleName: 'Rule <A>',
          kind: 'spread',
          subject: 'BTC/USDT',
          severity: 'critical',
          state: 'firing',
          message: 'Rule <A>: spread 12 bps',
          value: 12,
          threshold: 10,
          firedAt: 1,
          resolvedAt: null,
          acknowledged: null,
        },
      };
      sender.send(t, [{ url: r.url, format: 'slack' }]);
      await sender.idle();
      expect(r.statuses).toEqual([500, 500, 200]);
      expect(sender.counters).toEqual({ sent: 1, retried: 2, failed: 0, dropped: 0 });
      expect(r.bodies[2]).toMatchObject({ text: '[FIRING] CRITICAL Rule &lt;A&gt;: spread 12 bps' });
    } finally {
      r.server.close();
    }
  });

  it('never blocks: past its queue size a sender drops and counts', () => {
    const sender = new WebhookSender({ queueSize: 2, fetch: () => new Promise<Response>(() => undefined) });
    const t = { type: 'fired', at: 1, alert: { acknowledged: null } } as unknown as AlertTransition;
    for (let i = 0; i < 5; i++)
      sender.enqueue({ target: { url: 'http://127.0.0.1:9/x', format: 'generic' }, body: t });
    // One in flight, two waiting, two dropped.
    expect(sender.pending).toBe(2);
    expect(sender.counters.dropped).toBe(2);
    sender.close();
  });

  it('sends the test notification to the global webhooks', async () => {
    const r = await receiver(0);
    const t = await startAnalytics(db, testConfig({ webhooks: [{ url: r.url, format: 'generic' }] }));
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/test-notification',
        payload: {},
      });
      expect(res.json()).toEqual({ queued: 1 });
      await waitFor(() => r.bodies.length === 1);
      expect(r.bodies[0]).toMatchObject({
        source: 'tickdeck',
        type: 'fired',
        alert: { ruleName: 'Test notification' },
      });
    } finally {
      await t.close();
      r.server.close();
    }
  });

  it('keeps the webhooks traders choose to webhookHosts: rules, the test route, and rules stored before', async () => {
    const allowed = await receiver(0);
    const other = await receiver(0);
    const host = new URL(allowed.url).host;
    const rule = {
      id: 'btc-up',
      name: 'BTC up',
      enabled: true,
      severity: 'info',
      kind: 'price_cross',
      symbol: 'BTC/USDT',
      direction: 'above',
      price: 70_000,
    };
    // Stored while any host was allowed: one webhook that the list below allows, one it does not.
    const before = await startAnalytics(db);
    try {
      const put = await before.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        payload: { ...rule, webhooks: [allowed.url, other.url] },
      });
      expect(put.statusCode).toBe(200);
    } finally {
      await before.close();
    }

    const t = await startAnalytics(db, testConfig({ webhookHosts: [host] }));
    try {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        payload: { ...rule, id: 'meta', webhooks: [allowed.url, 'http://169.254.169.254/latest/meta-data'] },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ reason: 'WEBHOOK_HOST_NOT_ALLOWED', field: '/webhooks/1' });
      expect(
        (await t.app.inject({ url: '/api/v1/alerts/rules' })).json().rules.map((r: { id: string }) => r.id),
      ).toEqual(['btc-up']);

      const test = (url: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/alerts/test-notification', payload: { url } });
      const testRefused = await test(other.url);
      expect(testRefused.statusCode).toBe(400);
      expect(testRefused.json()).toMatchObject({ reason: 'WEBHOOK_HOST_NOT_ALLOWED', field: '/url' });
      expect((await test(allowed.url)).json()).toEqual({ queued: 1 });
      await waitFor(() => allowed.bodies.length === 1);

      // The stored rule fires: its allowed webhook is sent to, the other is not.
      t.module.onMetrics(metrics(69_000, t.clock.advance(1000)));
      t.module.onMetrics(metrics(70_100, t.clock.advance(1000)));
      await waitFor(() => allowed.bodies.length === 2);
      expect(allowed.bodies[1]).toMatchObject({ type: 'fired', alert: { ruleId: 'btc-up' } });
      await new Promise((r) => setTimeout(r, 200));
      expect(other.bodies).toEqual([]);
    } finally {
      await t.close();
      allowed.server.close();
      other.server.close();
    }
  });
});
