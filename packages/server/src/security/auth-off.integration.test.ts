/**
 * Without authentication configured (the localhost default) everything works as before, anonymously,
 * as admin: no token is asked for, the session route says so, audit trails say `anonymous`, and a
 * client that sends a token anyway is not refused for it. The web defences still apply.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { startTickdeck, type RunningTickdeck } from '../runtime/start-tickdeck.js';
import { TestSocket } from './testing/secure-server.test-helpers.js';

let running: RunningTickdeck;
beforeAll(async () => {
  const config = loadConfig({
    TICKDECK_PORT: '0',
    TICKDECK_STORAGE_IN_MEMORY: 'true',
    TICKDECK_LOG_LEVEL: 'silent',
  });
  config.sources = [{ kind: 'simulator', name: 'simulator', rate: 20 }];
  config.analytics.paperBot.enabled = false;
  running = await startTickdeck({ config, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await running?.close();
});

describe('authentication off', () => {
  it('answers the session route: off, anonymous admin', async () => {
    const res = await fetch(`${running.url}/api/v1/auth/session`);
    expect(await res.json()).toEqual({
      enabled: false,
      loginEnabled: false,
      authenticated: true,
      username: 'anonymous',
      role: 'admin',
    });
  });

  it('serves every route without a token, attributing commands to anonymous', async () => {
    expect((await fetch(`${running.url}/api/v1/keys`)).status).toBe(200);
    const res = await fetch(`${running.url}/api/v1/bots/b1/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'pause' }),
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { issuedBy: string }).issuedBy).toBe('anonymous');
  });

  it('refuses login, which needs users and a secret', async () => {
    const res = await fetch(`${running.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'whatever-it-is' }),
    });
    expect(res.status).toBe(400);
  });

  it('serves WebSocket channels without auth, and ignores a bearer subprotocol', async () => {
    const t = new TestSocket(`${running.url.replace('http', 'ws')}/ws`, [
      'tickdeck.json.v1',
      'tickdeck.bearer.x.y.z',
    ]);
    await t.opened;
    t.send({ op: 'subscribe', id: 1, channels: ['system', 'orders'] });
    await t.next((m) => m['op'] === 'subscribed' && m['ch'] === 'orders');
    t.send({ op: 'auth', id: 2, token: 'x.y.z' });
    expect(await t.next((m) => m['op'] === 'error' && m['id'] === 2)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(t.closed).toBeUndefined();
    t.close();
  });

  it('still sends the security headers', async () => {
    const res = await fetch(`${running.url}/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
