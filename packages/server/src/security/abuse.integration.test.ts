/**
 * Abuse against a real server with authentication on: each attack is refused with its documented code
 * and the server answers normally afterwards. Oversize frame (1009), command flood (4005), connection
 * flood (4006), REST rate limits (429 RATE_LIMITED, login stricter), markup in a bot's log line, an alert
 * rule and a symbol (refused, or served as inert JSON text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from './api-key-hash.js';
import { startSecureServer, TestSocket, type SecureServer } from './testing/secure-server.test-helpers.js';

const MARKUP = '<script>alert(1)</script><img src=x onerror="alert(2)">&amp;';
const botKey = generateApiKey();

const authed = async (s: SecureServer, role: 'viewer' | 'trader' = 'viewer') => {
  const t = new TestSocket(s.wsUrl);
  await t.opened;
  t.send({ op: 'auth', id: 1, token: await s.token({ role }) });
  await t.next((m) => m['op'] === 'authenticated');
  return t;
};

/** The server still serves REST and a new authenticated WebSocket. */
const stillFine = async (s: SecureServer) => {
  expect((await fetch(`${s.url}/health`)).status).toBe(200);
  const t = await authed(s);
  t.send({ op: 'subscribe', id: 2, channels: ['system'] });
  await t.next((m) => m['op'] === 'subscribed');
  t.close();
};

describe('WebSocket abuse', () => {
  let s: SecureServer;
  beforeAll(async () => {
    s = await startSecureServer((c) => {
      c.analytics.apiKeys = [{ botId: 'mark-bot', key: botKey }];
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('closes on a frame over maxFrameBytes with 1009, before authentication too', async () => {
    const t = new TestSocket(s.wsUrl);
    await t.opened;
    t.send('x'.repeat(70_000));
    expect((await t.done).code).toBe(1009);
    await stillFine(s);
  });

  it('closes a command flood with 4005 after RATE_LIMITED errors', async () => {
    const t = await authed(s);
    for (let i = 0; i < 400 && !t.closed; i++) t.send({ op: 'unsubscribe', id: i, channels: ['x'] });
    expect((await t.done).code).toBe(4005);
    expect(t.messages.some((m) => m['code'] === 'RATE_LIMITED')).toBe(true);
    await stillFine(s);
  });

  it('closes connections past the per-address cap with 4006', async () => {
    const sockets: TestSocket[] = [];
    try {
      for (let i = 0; i < 101; i++) sockets.push(new TestSocket(s.wsUrl));
      await Promise.all(sockets.map((t) => t.opened.catch(() => undefined)));
      const last = sockets[100]!;
      expect((await last.done).code).toBe(4006);
    } finally {
      for (const t of sockets) t.close();
    }
    await Promise.all(sockets.map((t) => t.done));
    await stillFine(s);
  });

  it('serves a log line carrying markup as the same inert JSON string', async () => {
    const t = await authed(s);
    t.send({ op: 'subscribe', id: 3, channels: ['logs:mark-bot'] });
    await t.next((m) => m['op'] === 'subscribed');
    const res = await fetch(`${s.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${botKey}` },
      body: JSON.stringify({
        events: [{ type: 'log', botId: 'mark-bot', eventId: 'm1', level: 'warn', text: MARKUP }],
      }),
    });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
    const pub = await t.next((m) => m['op'] === 'pub' && m['ch'] === 'logs:mark-bot');
    expect((pub['d'] as { text: string }).text).toBe(MARKUP);
    t.close();
  });

  it('refuses a symbol carrying markup at validation', async () => {
    const res = await fetch(`${s.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${botKey}` },
      body: JSON.stringify({
        events: [
          {
            type: 'position',
            botId: 'mark-bot',
            eventId: 'm2',
            symbol: '<b>BTC</b>/USDT',
            amount: 1,
          },
        ],
      }),
    });
    const body = (await res.json()) as { results: { status: string; code: string }[] };
    expect(body.results[0]).toMatchObject({ status: 'rejected', code: 'BAD_SYMBOL' });
    const candles = await fetch(`${s.url}/api/v1/candles?symbol=${encodeURIComponent('<b>X</b>/Y')}&tf=1m`, {
      headers: { authorization: `Bearer ${await s.token()}` },
    });
    expect(candles.status).toBe(400);
  });

  it('serves an alert rule named with markup as JSON with nosniff, never as HTML', async () => {
    const trader = await s.token({ role: 'trader', sub: 'theo' });
    const rule = {
      id: 'mark',
      name: MARKUP,
      kind: 'price_cross',
      symbol: 'BTC/USDT',
      direction: 'above',
      price: 1e9,
      hysteresis: 1,
      enabled: true,
      severity: 'info',
    };
    const put = await fetch(`${s.url}/api/v1/alerts/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${trader}` },
      body: JSON.stringify(rule),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const res = await fetch(`${s.url}/api/v1/alerts/rules`, {
      headers: { authorization: `Bearer ${trader}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const rules = ((await res.json()) as { rules: { id: string; name?: string }[] }).rules;
    expect(rules.find((r) => r.id === 'mark')?.name).toBe(MARKUP);
  });
});

describe('REST rate limits', () => {
  let s: SecureServer;
  beforeAll(async () => {
    s = await startSecureServer((c) => {
      c.auth.rateLimit.max = 40;
      c.auth.rateLimit.loginMax = 5;
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers login attempts past loginMax per address with 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${s.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'theo', password: `guess-${i}` }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(((await res.json()) as { code: string }).code).toBe('RATE_LIMITED');
      } else await res.body?.cancel();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('answers requests past the global limit per address with 429 RATE_LIMITED', async () => {
    const token = await s.token();
    let limited: Response | undefined;
    for (let i = 0; i < 60 && limited === undefined; i++) {
      const res = await fetch(`${s.url}/api/v1/symbols`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(limited?.status).toBe(429);
    expect(((await limited!.json()) as { code: string }).code).toBe('RATE_LIMITED');
    // WebSocket data keeps flowing for an authenticated client meanwhile.
    const t = await authed(s);
    t.send({ op: 'subscribe', id: 1, channels: ['system'] });
    await t.next((m) => m['op'] === 'subscribed');
    t.close();
  });
});
