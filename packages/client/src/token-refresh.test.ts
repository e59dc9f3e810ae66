import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode } from '@tickdeck/protocol';
import { TickdeckClient } from './client.js';
import { ManualTimers } from './testing/manual-timers.test-helpers.js';
import { ProtocolServer } from './testing/protocol-server.test-helpers.js';
import { waitFor } from './testing/wait-for.test-helpers.js';
import { TokenRefresh } from './token-refresh.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const refresher = (leadMs = 30_000) => {
  const timers = new ManualTimers();
  let refreshes = 0;
  const r = new TokenRefresh({ timers, clock: timers, leadMs, refresh: () => refreshes++ });
  return { r, timers, count: () => refreshes };
};

describe('TokenRefresh', () => {
  it('refreshes leadMs before expiry', () => {
    const { r, timers, count } = refresher();
    r.accepted(100_000);
    timers.advance(69_999);
    expect(count()).toBe(0);
    timers.advance(1);
    expect(count()).toBe(1);
  });

  it('refreshes a short-lived token at half its remaining life', () => {
    const { r, timers, count } = refresher();
    r.accepted(10_000);
    timers.advance(4_999);
    expect(count()).toBe(0);
    timers.advance(1);
    expect(count()).toBe(1);
  });

  it('schedules nothing for a token that does not expire later (no refresh loop)', () => {
    const { r, timers, count } = refresher();
    r.accepted(100_000);
    timers.advance(70_000);
    r.accepted(100_000);
    timers.advance(30_000);
    expect(count()).toBe(1);
    r.accepted(undefined);
    expect(timers.size).toBe(0);
  });

  it('forgets the schedule on reset', () => {
    const { r, timers, count } = refresher();
    r.accepted(100_000);
    r.reset();
    timers.advance(100_000);
    expect(count()).toBe(0);
    r.accepted(100_000); // a new connection may accept the same expiry again
    timers.advance(70_000);
    expect(count()).toBe(1);
  });
});

describe('TickdeckClient token refresh', () => {
  const setup = async (refreshBeforeExpiryMs: number) => {
    const server = await ProtocolServer.start();
    let n = 0;
    const client = new TickdeckClient({
      url: server.url,
      WebSocket,
      backoffBaseMs: 5,
      backoffCapMs: 20,
      refreshBeforeExpiryMs,
      token: () => `jwt-${++n}`,
    });
    cleanups.push(
      () => server.close(),
      () => client.close(),
    );
    return { server, client };
  };

  it('sends a fresh token in-band before the server says it expires', async () => {
    const { server, client } = await setup(100);
    server.expiresAtOf = (token) => (token === 'jwt-1' ? Date.now() + 300 : Date.now() + 3_600_000);
    const seen: (number | undefined)[] = [];
    client.on('authenticated', (a) => seen.push(a.expiresAt));
    client.connect();
    await waitFor(() => server.receivedOf('auth').length === 2, 'a second auth on the same connection');
    expect(server.connections).toHaveLength(1);
    expect(server.receivedOf('auth').map((m) => m.token)).toEqual(['jwt-1', 'jwt-2']);
    await waitFor(() => seen.length === 2, 'the refreshed token accepted');
    expect(client.state.status).toBe('connected');
  });

  it('reconnects with a fresh token after TokenExpired (4004)', async () => {
    const { server, client } = await setup(100);
    client.connect();
    await waitFor(() => server.receivedOf('auth').length === 1, 'first auth');
    server.dropAll(CloseCode.TokenExpired, 'token expired');
    await waitFor(
      () => server.connections.length === 2 && server.receivedOf('auth').length === 2,
      'reconnect',
    );
    expect(server.connections[1]?.received[0]).toMatchObject({ op: 'auth', token: 'jwt-2' });
    await waitFor(() => client.state.status === 'connected', 'connected again');
  });

  it('reports a failing token function during a refresh as TOKEN_FAILED and stays connected', async () => {
    const server = await ProtocolServer.start();
    let calls = 0;
    const client = new TickdeckClient({
      url: server.url,
      WebSocket,
      refreshBeforeExpiryMs: 100,
      token: () => {
        if (++calls > 1) throw new Error('identity provider down');
        return 'jwt-1';
      },
    });
    cleanups.push(
      () => server.close(),
      () => client.close(),
    );
    server.expiresAtOf = () => Date.now() + 300;
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.code));
    client.connect();
    await waitFor(() => errors.length === 1, 'the refresh failure');
    expect(errors).toEqual(['TOKEN_FAILED']);
    expect(client.state.status).toBe('connected');
  });
});
