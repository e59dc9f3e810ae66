/**
 * WebSocket and SSE authentication against a real server: the token in the first message or in a
 * subprotocol, the deadline (4501), refusals (4501, 4004), expiry on a live connection (4004) unless
 * refreshed in-band, channel permissions (FORBIDDEN, connection stays open), Origin allow-list; on
 * SSE, the bearer header only, channel permissions and expiry on a live stream (close 4004).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startSecureServer, TestSocket, type SecureServer } from './testing/secure-server.test-helpers.js';

let s: SecureServer;
beforeAll(async () => {
  s = await startSecureServer((c) => {
    c.auth.allowedOrigins = ['https://dash.example'];
  });
});
afterAll(async () => {
  await s?.close();
});

const open = async (protocols?: string[], headers?: Record<string, string>) => {
  const t = new TestSocket(s.wsUrl, protocols, headers);
  await t.opened;
  await t.next((m) => m['op'] === 'welcome');
  return t;
};
const isOp = (op: string) => (m: Record<string, unknown>) => m['op'] === op;

describe('WebSocket authentication', () => {
  it('closes a connection that does not authenticate within the deadline with 4501', async () => {
    const t = await open();
    expect((await t.done).code).toBe(4501);
  });

  it('refuses anything but auth and heartbeats before auth, with UNAUTHORIZED, and stays open', async () => {
    const t = await open();
    t.send({ op: 'subscribe', id: 1, channels: ['system'] });
    const err = await t.next(isOp('error'));
    expect(err).toMatchObject({ id: 1, code: 'UNAUTHORIZED' });
    t.send({ op: 'ping', t: 5 });
    expect(await t.next(isOp('pong'))).toMatchObject({ t: 5 });
    t.send({ op: 'auth', id: 2, token: await s.token() });
    expect(await t.next(isOp('authenticated'))).toMatchObject({ id: 2, role: 'viewer' });
    t.send({ op: 'subscribe', id: 3, channels: ['system'] });
    expect(await t.next((m) => m['op'] === 'subscribed' && m['id'] === 3)).toMatchObject({ ch: 'system' });
    t.close();
  });

  it('runs commands sent right behind the auth once it succeeds (what the SDK does)', async () => {
    const t = await open();
    t.send({ op: 'auth', id: 1, token: await s.token() });
    t.send({ op: 'subscribe', id: 2, channels: ['system'] });
    expect(await t.next((m) => m['op'] === 'subscribed' && m['id'] === 2)).toMatchObject({ ch: 'system' });
    expect(t.messages.some((m) => m['code'] === 'UNAUTHORIZED')).toBe(false);
    t.close();
  });

  it('ignores a token in the query string of the upgrade', async () => {
    const t = new TestSocket(`${s.wsUrl}?token=${await s.token()}&access_token=${await s.token()}`);
    await t.opened;
    await t.next(isOp('welcome'));
    t.send({ op: 'subscribe', id: 1, channels: ['system'] });
    expect(await t.next(isOp('error'))).toMatchObject({ id: 1, code: 'UNAUTHORIZED' });
    t.close();
  });

  it('accepts the token as a tickdeck.bearer subprotocol and never selects that one', async () => {
    const token = await s.token({ role: 'trader', sub: 'theo' });
    const t = await open(['tickdeck.json.v1', `tickdeck.bearer.${token}`]);
    expect(t.ws.protocol).toBe('tickdeck.json.v1');
    expect(await t.next(isOp('authenticated'))).toMatchObject({ role: 'trader' });
    t.close();
  });

  it('closes with 4501 on a token signed with another key', async () => {
    const t = await open();
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ada')
      .setIssuer('tickdeck')
      .setAudience('tickdeck')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('x'.repeat(48)));
    t.send({ op: 'auth', token: forged });
    expect((await t.done).code).toBe(4501);
  });

  it('closes with 4501 on an unsigned token (alg none)', async () => {
    const t = await open();
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 600;
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'ada', role: 'admin', iss: 'tickdeck', aud: 'tickdeck', exp })}.`;
    t.send({ op: 'auth', token: none });
    expect((await t.done).code).toBe(4501);
  });

  it('closes with 4004 on an expired token', async () => {
    const t = await open();
    t.send({ op: 'auth', token: await s.token({ ttlSec: -60 }) });
    expect((await t.done).code).toBe(4004);
  });

  it('closes a live connection with 4004 when its token expires, unless refreshed in-band before', async () => {
    const refreshed = await open();
    const lapsed = await open();
    refreshed.send({ op: 'auth', id: 1, token: await s.token({ ttlSec: 20 }) });
    lapsed.send({ op: 'auth', id: 1, token: await s.token({ ttlSec: 20 }) });
    await refreshed.next(isOp('authenticated'));
    await lapsed.next(isOp('authenticated'));
    refreshed.send({ op: 'auth', id: 2, token: await s.token({ ttlSec: 3600 }) });
    await refreshed.next((m) => m['op'] === 'authenticated' && m['id'] === 2);
    // 30 s later: past the first tokens' expiry, within the heartbeat timeout (45 s).
    s.clock.skew = 30_000;
    try {
      expect((await lapsed.done).code).toBe(4004);
      refreshed.send({ op: 'ping', t: 9 });
      expect(await refreshed.next((m) => m['op'] === 'pong' && m['t'] === 9)).toBeDefined();
      expect(refreshed.closed).toBeUndefined();
    } finally {
      s.clock.skew = 0;
      refreshed.close();
    }
  });

  it('refuses a refresh for another user with 4501', async () => {
    const t = await open();
    t.send({ op: 'auth', token: await s.token({ sub: 'vera' }) });
    await t.next(isOp('authenticated'));
    t.send({ op: 'auth', token: await s.token({ sub: 'theo', role: 'trader' }) });
    expect((await t.done).code).toBe(4501);
  });

  it('refuses a viewer a trader channel with FORBIDDEN and keeps the connection', async () => {
    const t = await open();
    t.send({ op: 'auth', token: await s.token({ role: 'viewer' }) });
    await t.next(isOp('authenticated'));
    t.send({ op: 'subscribe', id: 7, channels: ['orders', 'system'] });
    expect(await t.next(isOp('error'))).toMatchObject({ id: 7, code: 'FORBIDDEN', ch: 'orders' });
    expect(await t.next((m) => m['op'] === 'subscribed' && m['ch'] === 'system')).toBeDefined();
    const trader = await open();
    trader.send({ op: 'auth', token: await s.token({ role: 'trader', sub: 'theo' }) });
    trader.send({ op: 'subscribe', id: 1, channels: ['orders'] });
    expect(await trader.next(isOp('subscribed'))).toMatchObject({ ch: 'orders' });
    t.close();
    trader.close();
  });

  it('refuses an upgrade from a foreign Origin with 403 and accepts an allowed one', async () => {
    const foreign = new TestSocket(s.wsUrl, undefined, { origin: 'https://evil.example' });
    await expect(foreign.opened).rejects.toThrow('HTTP 403');
    const allowed = await open(undefined, { origin: 'https://dash.example' });
    allowed.close();
  });
});

describe('SSE authentication', () => {
  const stream = (channels: string, headers: Record<string, string> = {}, query = '') =>
    fetch(`${s.url}/api/v1/stream?channels=${encodeURIComponent(channels)}${query}`, { headers });

  it('needs the bearer header, ignoring a token in the query string', async () => {
    const token = await s.token();
    expect((await stream('system', {}, `&token=${token}&access_token=${token}`)).status).toBe(401);
    const ok = await stream('system', { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/event-stream');
    await ok.body?.cancel();
  });

  it('ends a live stream with close 4004 when its token expires', async () => {
    const res = await stream('system', { authorization: `Bearer ${await s.token({ ttlSec: 20 })}` });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const read = async (until: (t: string) => boolean): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (!until(text)) {
        if (Date.now() > deadline)
          throw new Error(`stream did not show it in time; got: ${text.slice(-300)}`);
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    };
    await read((t) => t.includes('event: subscribed'));
    expect(text).not.toContain('event: close');
    // 30 s later: past the token's expiry.
    s.clock.skew = 30_000;
    try {
      await read((t) => t.includes('event: close'));
      const close = /event: close\ndata: (.*)\n/.exec(text)?.[1];
      expect(JSON.parse(close ?? '{}')).toMatchObject({ op: 'close', code: 4004 });
      expect((await reader.read()).done).toBe(true);
    } finally {
      s.clock.skew = 0;
      await reader.cancel().catch(() => undefined);
    }
  });

  it('refuses a viewer a trader channel with 403 FORBIDDEN', async () => {
    const res = await stream('orders', { authorization: `Bearer ${await s.token()}` });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN');
  });
});
