import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '@tickdeck/protocol';
import { TickdeckClient } from './client.js';
import type { ClientOptions } from './client-options.js';
import type { ConnectionState } from './connection-state.js';
import type { ClientError } from './errors.js';
import type { RttStats } from './rtt-window.js';
import { ProtocolServer } from './testing/protocol-server.test-helpers.js';
import type { FixtureOptions } from './testing/protocol-server.test-helpers.js';
import { ManualTimers } from './testing/manual-timers.test-helpers.js';
import { seededRandom, sleep, waitFor } from './testing/wait-for.test-helpers.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const setup = async (fixture: FixtureOptions = {}, options: Partial<ClientOptions> = {}) => {
  const server = await ProtocolServer.start(fixture);
  const client = new TickdeckClient({
    url: server.url,
    WebSocket,
    backoffBaseMs: 5,
    backoffCapMs: 40,
    ...options,
  });
  const states: ConnectionState[] = [];
  const errors: ClientError[] = [];
  client.on('state', (s) => states.push(s));
  client.on('error', (e) => errors.push(e));
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, client, states, errors };
};

const statuses = (states: ConnectionState[]) => states.map((s) => s.status);

describe('TickdeckClient connection', () => {
  it('connects on welcome, and across a drop goes reconnecting → connecting → connected with reasons', async () => {
    const { server, client, states } = await setup();
    expect(client.state).toEqual({ status: 'disconnected', reason: { type: 'initial' } });
    client.connect();
    client.connect(); // no effect while connecting
    await waitFor(() => client.state.status === 'connected', 'connected');
    expect(client.sessionId).toBe('s1');
    expect(client.limits?.maxSubscriptions).toBe(500);
    server.dropAll(CloseCode.ServerRestart, 'restart');
    await waitFor(() => states.filter((s) => s.status === 'connected').length === 2, 'reconnected');
    expect(statuses(states)).toEqual(['connecting', 'connected', 'reconnecting', 'connecting', 'connected']);
    expect(states[0]?.reason).toEqual({ type: 'user', action: 'connect' });
    expect(states[1]?.reason).toEqual({ type: 'welcome', session: 's1' });
    expect(states[2]?.reason).toEqual({ type: 'close', code: 4000, text: 'restart' });
    expect(states[3]).toMatchObject({ reason: { type: 'retry' }, attempt: 1 });
    expect(states[4]?.reason).toEqual({ type: 'welcome', session: 's2' });
    client.close();
    expect(client.state).toEqual({ status: 'disconnected', reason: { type: 'user', action: 'close' } });
    await waitFor(() => server.open.length === 0, 'server saw the close');
  });

  it('backs off with full jitter from a seeded random: delays match the formula and respect the cap', async () => {
    const { server, client, states } = await setup(
      {},
      { random: seededRandom(7), backoffBaseMs: 4, backoffCapMs: 20 },
    );
    server.closeOnConnect = { code: CloseCode.Overloaded, reason: 'busy' };
    client.connect();
    await waitFor(() => states.filter((s) => s.status === 'reconnecting').length >= 6, 'six retries');
    client.close();
    const replay = seededRandom(7);
    const retries = states.filter((s) => s.status === 'reconnecting');
    for (const [n, s] of retries.slice(0, 6).entries()) {
      const ceiling = Math.min(20, 4 * 2 ** n);
      expect(s.attempt).toBe(n + 1);
      expect(s.delayMs).toBeGreaterThanOrEqual(0);
      expect(s.delayMs).toBeLessThan(ceiling);
      expect(s.delayMs).toBeCloseTo(replay() * ceiling, 9);
      expect(s.retryAt - s.delayMs).toBeGreaterThan(0);
      expect(s.reason).toEqual({ type: 'close', code: 4003, text: 'busy' });
    }
  });

  it('resets the backoff after a stable connection, not after a short one', async () => {
    const { server, client, states } = await setup({}, { stableAfterMs: 200 });
    client.connect();
    await waitFor(() => client.state.status === 'connected', 'connected');
    server.dropAll(CloseCode.ServerRestart);
    await waitFor(() => states.filter((s) => s.status === 'connected').length === 2, 'second connection');
    server.dropAll(CloseCode.ServerRestart); // before stableAfterMs: the attempt count goes on
    await waitFor(() => states.filter((s) => s.status === 'connected').length === 3, 'third connection');
    await sleep(300);
    server.dropAll(CloseCode.ServerRestart); // after stableAfterMs: back to attempt 1
    await waitFor(() => states.filter((s) => s.status === 'reconnecting').length === 3, 'third drop');
    const attempts = states.flatMap((s) => (s.status === 'reconnecting' ? [s.attempt] : []));
    expect(attempts).toEqual([1, 2, 1]);
  });

  it('does not reconnect after a close code that forbids it, and says why', async () => {
    const { server, client, states } = await setup();
    server.closeOnConnect = { code: CloseCode.Unauthorized, reason: 'bad token' };
    client.connect();
    await waitFor(() => client.state.status === 'disconnected', 'disconnected');
    expect(client.state.reason).toEqual({ type: 'close', code: 4501, text: 'bad token' });
    await sleep(50);
    expect(server.connections).toHaveLength(1);
    expect(statuses(states)).toEqual(['connecting', 'connected', 'disconnected']);
    server.closeOnConnect = undefined;
    client.reconnectNow();
    await waitFor(() => client.state.status === 'connected', 'connected after reconnectNow');
    expect(client.state.status === 'connected' && states.at(-2)?.reason).toEqual({
      type: 'user',
      action: 'reconnect-now',
    });
  });

  it('reconnectNow skips the backoff delay; reconnect: false stays down', async () => {
    const { server, client, states } = await setup(
      {},
      { backoffBaseMs: 60_000, backoffCapMs: 60_000, random: () => 0.99 },
    );
    client.connect();
    await waitFor(() => client.state.status === 'connected', 'connected');
    server.terminateAll();
    await waitFor(() => client.state.status === 'reconnecting', 'reconnecting');
    expect(client.retryInMs()).toBeGreaterThan(1000);
    client.connect(); // same as reconnectNow while reconnecting
    await waitFor(() => client.state.status === 'connected', 'connected again');
    expect(client.retryInMs()).toBeUndefined();
    expect(states.map((s) => s.reason.type)).toContain('user');

    const other = new TickdeckClient({ url: server.url, WebSocket, reconnect: false });
    cleanups.push(() => other.close());
    other.connect();
    await waitFor(() => other.state.status === 'connected', 'other connected');
    server.dropAll(CloseCode.ServerRestart);
    await waitFor(() => other.state.status === 'disconnected', 'other down');
    expect(other.state.reason).toEqual({ type: 'close', code: 4000, text: '' });
  });

  it('reports a refused connection as a network error and keeps retrying', async () => {
    const probe = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => probe.once('listening', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const client = new TickdeckClient({
      url: `ws://127.0.0.1:${port}/ws`,
      WebSocket,
      backoffBaseMs: 5,
      backoffCapMs: 10,
    });
    cleanups.push(() => client.close());
    const states: ConnectionState[] = [];
    client.on('state', (s) => states.push(s));
    client.connect();
    await waitFor(() => states.filter((s) => s.status === 'reconnecting').length >= 2, 'two retries');
    expect(states[1]?.reason).toMatchObject({
      type: 'network',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('runs on injected timers and clock: the countdown follows the clock, the retry waits for it', async () => {
    const timers = new ManualTimers();
    const { server, client, states } = await setup(
      {},
      { timers, clock: timers, random: () => 0.5, backoffBaseMs: 1000, backoffCapMs: 8000 },
    );
    server.closeOnConnect = { code: CloseCode.ServerRestart, reason: '' };
    client.connect();
    await waitFor(() => client.state.status === 'reconnecting', 'reconnecting');
    expect(states.at(-1)).toMatchObject({ delayMs: 500, retryAt: 500, attempt: 1 });
    expect(client.retryInMs()).toBe(500);
    timers.advance(200);
    expect(client.retryInMs()).toBe(300);
    await sleep(30);
    expect(server.connections).toHaveLength(1); // real time passing does not trigger the retry
    timers.advance(300);
    await waitFor(() => states.filter((s) => s.status === 'reconnecting').length === 2, 'second drop');
    expect(states.at(-1)).toMatchObject({ delayMs: 1000, retryAt: 1500, attempt: 2 });
  });

  it('gives up on a server that never sends the welcome', async () => {
    const { server, client, states } = await setup({}, { connectTimeoutMs: 30 });
    server.sendWelcome = false;
    client.connect();
    await waitFor(() => client.state.status === 'reconnecting', 'reconnecting');
    expect(states.at(-1)?.reason).toEqual({ type: 'timeout', what: 'handshake' });
  });

  it('pings at the welcome pace, measures RTT, and answers server pings', async () => {
    const { server, client } = await setup({ heartbeatMs: 15, serverPings: true }, { rttWindow: 3 });
    const readings: RttStats[] = [];
    client.on('rtt', (r) => readings.push(r));
    expect(client.rtt).toBeUndefined();
    client.connect();
    await waitFor(() => readings.length >= 4, 'four RTT readings');
    await waitFor(() => server.receivedOf('pong').length >= 1, 'a pong');
    client.close();
    const latest = readings.map((r) => r.latest);
    expect(latest.every((ms) => ms >= 0)).toBe(true);
    const last3 = latest.slice(0, 4).slice(-3);
    expect(readings[3]?.average).toBeCloseTo(last3.reduce((a, b) => a + b, 0) / 3, 9);
    expect(readings[3]?.samples).toBe(3);
    expect(client.rtt).toBe(client.rttStats?.latest);
    const pingTimes = server.receivedOf('ping').map((m) => m.t);
    expect(pingTimes.length).toBeGreaterThanOrEqual(4);
    // The server's pings carried Date.now(); each pong echoes one of them.
    for (const pong of server.receivedOf('pong')) expect(pong.t).toBeGreaterThan(1_600_000_000_000);
  });

  it('declares a silent server dead after about two heartbeat intervals and reconnects', async () => {
    const { server, client, states } = await setup({ heartbeatMs: 20 });
    server.answerPings = false;
    client.connect();
    await waitFor(() => client.state.status === 'reconnecting', 'heartbeat timeout');
    expect(states.at(-1)?.reason).toEqual({ type: 'timeout', what: 'heartbeat' });
    await waitFor(() => server.connections.length >= 2, 'reconnected');
  });

  it('keeps a frame-alive connection: any frame counts as a sign of life', async () => {
    // Timeout 5 × 40 ms; only the server's pings arrive (pongs are withheld), well past the timeout.
    const { server, client, states } = await setup(
      { heartbeatMs: 40, serverPings: true },
      { heartbeatTimeoutFactor: 5 },
    );
    server.answerPings = false;
    client.connect();
    await waitFor(() => client.state.status === 'connected', 'connected');
    await sleep(500);
    expect(statuses(states)).toEqual(['connecting', 'connected']);
  });

  it('queues commands while disconnected, bounded, dropping the oldest with an error event', async () => {
    const { server, client, errors } = await setup({}, { maxQueued: 2 });
    client.send({ op: 'auth', id: 1, token: 'a' });
    client.send({ op: 'auth', id: 2, token: 'b' });
    client.send({ op: 'auth', id: 3, token: 'c' });
    expect(client.queued).toBe(2);
    expect(errors.map((e) => e.code)).toEqual(['QUEUE_OVERFLOW']);
    client.connect();
    await waitFor(() => server.receivedOf('auth').length === 2, 'queued commands sent');
    expect(server.receivedOf('auth').map((m) => m.token)).toEqual(['b', 'c']);
    expect(client.queued).toBe(0);
    client.send({ op: 'auth', id: 4, token: 'd' });
    await waitFor(() => server.receivedOf('auth').length === 3, 'direct send');
  });

  it('authenticates with a token (string or function) after the welcome, before subscribing', async () => {
    const { server, client } = await setup({}, { token: async () => 'jwt-1' });
    const auths: string[] = [];
    client.on('authenticated', (a) => auths.push(a.role));
    server.declare('tickers', 'state', () => ({}));
    client.subscribe('tickers', {});
    client.connect();
    await waitFor(() => auths.length === 1, 'authenticated');
    expect(server.connections[0]?.received.map((m) => m.op)).toEqual(['auth', 'subscribe']);
    expect(server.receivedOf('auth')[0]?.token).toBe('jwt-1');

    const failing = new TickdeckClient({
      url: server.url,
      WebSocket,
      token: () => {
        throw new Error('no token');
      },
    });
    cleanups.push(() => failing.close());
    const errors: string[] = [];
    failing.on('error', (e) => errors.push(e.code));
    failing.connect();
    await waitFor(() => errors.length === 1, 'token error');
    expect(errors).toEqual(['TOKEN_FAILED']);
  });

  it('reports undecodable frames, unrouted server errors and throwing listeners as error events', async () => {
    const { server, client, errors } = await setup();
    client.on('welcome', () => {
      throw new Error('listener bug');
    });
    client.on('error', () => {
      throw new Error('error listener bug'); // must not loop
    });
    client.connect();
    await waitFor(() => client.state.status === 'connected', 'connected');
    const conn = server.connections[0]!;
    conn.ws.send('not json');
    server.sendRaw(conn, [{ op: 'error', code: 'RATE_LIMITED', message: 'slow down' }]);
    server.sendRaw(conn, { op: 'unsubscribed', ch: 'nothing' } as never);
    await waitFor(() => errors.length === 3, 'three errors');
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED', 'DECODE_FAILED', 'SERVER_ERROR']);
    expect(errors[2]?.serverCode).toBe('RATE_LIMITED');
    expect(client.state.status).toBe('connected');
  });

  it.skipIf('WebSocket' in globalThis)(
    'needs a WebSocket implementation where there is no global one',
    () => {
      expect(() => new TickdeckClient({ url: 'ws://127.0.0.1:1/ws' })).toThrow(/WebSocket/);
    },
  );

  it('reports a bad URL as a network error', () => {
    const client = new TickdeckClient({ url: 'not a url', WebSocket, reconnect: false });
    client.connect();
    expect(client.state).toMatchObject({ status: 'disconnected', reason: { type: 'network' } });
  });
});
