/**
 * The tickdeck client: one WebSocket, many channels, reconnection with recovery.
 * @module
 */
import { CHANNEL_PATTERN, MAX_CHANNEL_LENGTH, shouldReconnect } from '@tickdeck/protocol';
import type { ClientMessage, ConnectionLimits, ServerMessage, Welcome } from '@tickdeck/protocol';
import { Backoff } from './backoff.js';
import type { PublicationOf, SnapshotOf } from './channel-types.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_HEARTBEAT_TIMEOUT_FACTOR,
  DEFAULT_STABLE_AFTER_MS,
} from './client-options.js';
import type { ClientOptions } from './client-options.js';
import type { ConnectionState, StateReason } from './connection-state.js';
import { TypedEmitter } from './emitter.js';
import type { Listener } from './emitter.js';
import { ClientError, ClientErrorCode } from './errors.js';
import { Heartbeat } from './heartbeat.js';
import { OutgoingQueue } from './outgoing-queue.js';
import { RttWindow } from './rtt-window.js';
import type { RttStats } from './rtt-window.js';
import { DEFAULT_MAX_CHANNELS_PER_COMMAND, SubscriptionRegistry } from './subscription-registry.js';
import { SocketSession } from './socket-session.js';
import { subscriptionHandle } from './subscription.js';
import type { ChannelSubscription, SubscribeOptions, Subscription } from './subscription.js';
import { platformClock, platformTimers } from './timers.js';
import { DEFAULT_REFRESH_BEFORE_EXPIRY_MS, TokenRefresh } from './token-refresh.js';
import type { Clock, TimerHandle, Timers } from './timers.js';
import type { WebSocketConstructor } from './websocket-like.js';

/** Events of {@link TickdeckClient}. */
export interface ClientEvents {
  /** Every state transition, with its reason. */
  state: ConnectionState;
  /** A round-trip time reading (the client's ping answered), with the rolling figures. */
  rtt: RttStats;
  /** Errors that concern no single subscription, and exceptions thrown by callbacks. */
  error: ClientError;
  /** The server's welcome of each connection. */
  welcome: Welcome;
  /** The server accepted the token. */
  authenticated: { role: string; expiresAt?: number | undefined };
}

/**
 * @example
 * ```ts
 * const client = new TickdeckClient({ url: 'ws://127.0.0.1:8080/ws' });
 * client.on('state', (s) => console.log(s.status));
 * client.subscribe('ticker:BTC/USDT', {
 *   onSnapshot: (t) => render(t),
 *   onPublication: (t) => render(t),
 * });
 * client.connect();
 * ```
 */
export class TickdeckClient {
  readonly url: string;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly options: ClientOptions;
  private readonly timers: Timers;
  private readonly clock: Clock;
  private readonly emitter = new TypedEmitter<ClientEvents>((error, event) => {
    // An 'error' listener that throws has nowhere left to report to.
    if (event !== 'error') this.handlerFailed(error, `'${event}' listener`);
  });
  private readonly backoff: Backoff;
  private readonly heartbeat: Heartbeat;
  private readonly rttWindow: RttWindow;
  private readonly queue: OutgoingQueue<ClientMessage>;
  private readonly registry: SubscriptionRegistry;
  private readonly tokenRefresh: TokenRefresh;
  private current: ConnectionState = { status: 'disconnected', reason: { type: 'initial' } };
  private session: SocketSession | undefined;
  private welcome: Welcome | undefined;
  private ready = false;
  private commandIds = 0;
  private retryTimer: TimerHandle | undefined;
  private stableTimer: TimerHandle | undefined;

  /** @throws ClientError `NO_WEBSOCKET` when no WebSocket implementation is available. */
  constructor(options: ClientOptions) {
    const impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (impl === undefined) {
      throw new ClientError(
        ClientErrorCode.NoWebSocket,
        "no global WebSocket: pass one in the options, e.g. { WebSocket } from 'ws'",
      );
    }
    this.url = options.url;
    this.WebSocketImpl = impl;
    this.options = options;
    this.timers = options.timers ?? platformTimers;
    this.clock = options.clock ?? platformClock;
    const random = options.random ?? Math.random;
    this.backoff = new Backoff({ baseMs: options.backoffBaseMs, capMs: options.backoffCapMs, random });
    this.rttWindow = new RttWindow(options.rttWindow);
    this.queue = new OutgoingQueue(options.maxQueued);
    this.heartbeat = new Heartbeat({
      timers: this.timers,
      clock: this.clock,
      sendPing: (t) => this.sendNow({ op: 'ping', t }),
      onRtt: (ms) => this.emitter.emit('rtt', this.rttWindow.add(ms)),
      onDead: () => this.dropped({ type: 'timeout', what: 'heartbeat' }),
    });
    this.tokenRefresh = new TokenRefresh({
      timers: this.timers,
      clock: this.clock,
      leadMs: options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
      refresh: () => this.refreshToken(),
    });
    this.registry = new SubscriptionRegistry({
      send: (message) => this.sendNow(message),
      isConnected: () => this.ready,
      nextId: () => ++this.commandIds,
      timers: this.timers,
      random,
      reportHandlerError: (error, channel) => this.handlerFailed(error, `callback of ${channel}`, channel),
      maxChannelsPerCommand: options.maxChannelsPerCommand ?? DEFAULT_MAX_CHANNELS_PER_COMMAND,
    });
  }

  /** The current state. */
  get state(): ConnectionState {
    return this.current;
  }

  /** The latest round-trip time in ms, or undefined before the first reading. */
  get rtt(): number | undefined {
    return this.rttWindow.latest;
  }

  /** Latest, average, min and max RTT over the last `rttWindow` readings. */
  get rttStats(): RttStats | undefined {
    return this.rttWindow.stats();
  }

  /** The session id from the current connection's welcome. */
  get sessionId(): string | undefined {
    return this.welcome?.session;
  }

  /** The server's limits from the current connection's welcome. */
  get limits(): ConnectionLimits | undefined {
    return this.welcome?.limits;
  }

  /** Commands waiting for a connection. */
  get queued(): number {
    return this.queue.size;
  }

  /** While reconnecting: ms until the next attempt (for a countdown); otherwise undefined. */
  retryInMs(): number | undefined {
    const s = this.current;
    return s.status === 'reconnecting' ? Math.max(0, s.retryAt - this.clock.now()) : undefined;
  }

  /** Listen to an event; returns a function that stops listening. */
  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): () => void {
    return this.emitter.on(event, listener);
  }

  off<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** Open the connection. No effect when connecting or connected; when reconnecting, retries now. */
  connect(): void {
    if (this.current.status === 'connecting' || this.current.status === 'connected') return;
    if (this.current.status === 'reconnecting') return this.reconnectNow();
    this.backoff.reset();
    this.open({ type: 'user', action: 'connect' });
  }

  /** Skip the backoff delay (reconnecting) or retry after a refusal (disconnected). */
  reconnectNow(): void {
    if (this.current.status === 'connecting' || this.current.status === 'connected') return;
    this.clearTimer('retryTimer');
    this.open({ type: 'user', action: 'reconnect-now' });
  }

  /** Close the connection (code 1000) and stop reconnecting. Subscriptions are kept for `connect()`. */
  close(): void {
    this.clearTimer('retryTimer');
    if (this.current.status === 'disconnected') return;
    this.teardown(true);
    this.setState({ status: 'disconnected', reason: { type: 'user', action: 'close' } });
  }

  /**
   * Follow a channel. Payloads are typed for the built-in channels (`ticker:…`, `tickers`,
   * `candles:…`, `trades:…`, `metrics:…`). The subscription lives until `unsubscribe()` or a
   * permanent refusal; it is resent on every connection from the last position seen.
   * @throws ClientError `INVALID_CHANNEL` (bad name) or `DUPLICATE_SUBSCRIPTION`
   */
  subscribe<C extends string, S = SnapshotOf<C>, P = PublicationOf<C>>(
    channel: C,
    options: SubscribeOptions<S, P>,
  ): Subscription {
    if (channel.length > MAX_CHANNEL_LENGTH || !CHANNEL_PATTERN.test(channel)) {
      throw new ClientError(ClientErrorCode.InvalidChannel, `invalid channel name: ${channel}`, { channel });
    }
    if (this.registry.has(channel)) {
      throw new ClientError(ClientErrorCode.DuplicateSubscription, `already subscribed to ${channel}`, {
        channel,
      });
    }
    const sub = this.registry.add(channel, options);
    return subscriptionHandle(sub as ChannelSubscription, () => this.registry.remove(channel));
  }

  /**
   * Send a command. While not connected it waits in a bounded queue (`maxQueued`, default 100);
   * past the bound the oldest waiting command is dropped with a `QUEUE_OVERFLOW` error event.
   * Subscriptions do not go through here: use {@link subscribe}.
   */
  send(message: ClientMessage): void {
    if (this.ready) return this.sendNow(message);
    const overflow = this.queue.push(message);
    if (overflow !== undefined) {
      this.emitError(
        new ClientError(
          ClientErrorCode.QueueOverflow,
          `outgoing queue full: dropped a ${overflow.dropped.op}`,
        ),
      );
    }
  }

  private open(reason: StateReason): void {
    this.setState({ status: 'connecting', reason, attempt: this.backoff.attempt });
    if (this.current.status !== 'connecting' || this.session !== undefined) return; // a listener acted
    const session: SocketSession = new SocketSession(
      {
        WebSocket: this.WebSocketImpl,
        url: this.url,
        encoding: this.options.encoding ?? 'json',
        connectTimeoutMs: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        timers: this.timers,
      },
      {
        onFrame: () => this.heartbeat.frameReceived(),
        onMessage: (message) => this.dispatch(message),
        onDecodeError: (error) => this.emitError(error),
        onDrop: (why) => {
          if (this.session === session) this.dropped(why);
        },
      },
    );
    this.session = session;
    session.open();
  }

  private dispatch(message: ServerMessage): void {
    switch (message.op) {
      case 'pub':
        return this.registry.onPublication(message);
      case 'subscribed':
        return this.registry.onSubscribed(message);
      case 'welcome':
        return this.onWelcome(message);
      case 'ping':
        return this.sendNow({ op: 'pong', t: message.t });
      case 'pong':
        return this.heartbeat.pongReceived(message.t);
      case 'error':
        if (!this.registry.onError(message)) {
          const { code } = message;
          this.emitError(
            new ClientError(ClientErrorCode.ServerError, `${code}: ${message.message}`, { serverCode: code }),
          );
        }
        return;
      case 'authenticated':
        if (typeof this.options.token === 'function') this.tokenRefresh.accepted(message.expiresAt);
        return this.emitter.emit('authenticated', { role: message.role, expiresAt: message.expiresAt });
      default:
        return; // 'unsubscribed' and ops newer than this client need nothing.
    }
  }

  private onWelcome(welcome: Welcome): void {
    const session = this.session;
    session?.handshakeDone();
    this.welcome = welcome;
    const factor = this.options.heartbeatTimeoutFactor ?? DEFAULT_HEARTBEAT_TIMEOUT_FACTOR;
    if (welcome.heartbeatMs > 0) this.heartbeat.start(welcome.heartbeatMs, welcome.heartbeatMs * factor);
    this.stableTimer = this.timers.setTimeout(() => {
      this.stableTimer = undefined;
      this.backoff.reset();
    }, this.options.stableAfterMs ?? DEFAULT_STABLE_AFTER_MS);
    this.setState({
      status: 'connected',
      reason: { type: 'welcome', session: welcome.session },
      session: welcome.session,
    });
    this.emitter.emit('welcome', welcome);
    const { token } = this.options;
    if (typeof token !== 'function') return this.becomeReady(session, token);
    Promise.resolve()
      .then(token)
      .then(
        (value) => this.becomeReady(session, value),
        (cause: unknown) => {
          this.emitError(
            new ClientError(ClientErrorCode.TokenFailed, 'the token function failed', { cause }),
          );
          this.becomeReady(session, undefined);
        },
      );
  }

  /** Authenticate if there is a token, then send the subscriptions, then the queued commands. */
  private becomeReady(session: SocketSession | undefined, token: string | undefined): void {
    if (session !== this.session || this.current.status !== 'connected') return;
    if (token !== undefined) this.sendNow({ op: 'auth', id: ++this.commandIds, token });
    this.ready = true;
    this.registry.onConnected();
    for (const message of this.queue.drain()) this.sendNow(message);
  }

  /** Ask the token function for a fresh token and send it on the live connection. */
  private refreshToken(): void {
    const session = this.session;
    const token = this.options.token;
    if (typeof token !== 'function') return;
    Promise.resolve()
      .then(token)
      .then(
        (value) => {
          if (value !== undefined && session === this.session && this.ready)
            this.sendNow({ op: 'auth', id: ++this.commandIds, token: value });
        },
        (cause: unknown) =>
          this.emitError(
            new ClientError(ClientErrorCode.TokenFailed, 'the token function failed', { cause }),
          ),
      );
  }

  private sendNow(message: ClientMessage): void {
    this.session?.send(message);
  }

  /** The connection is lost: reconnect after a backoff delay, unless told not to. */
  private dropped(reason: StateReason): void {
    this.teardown(false);
    const forbidden = reason.type === 'close' && !shouldReconnect(reason.code);
    if (forbidden || this.options.reconnect === false) {
      return this.setState({ status: 'disconnected', reason });
    }
    const delayMs = this.backoff.next();
    const retryAt = this.clock.now() + delayMs;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      this.open({ type: 'retry' });
    }, delayMs);
    this.setState({ status: 'reconnecting', reason, attempt: this.backoff.attempt, delayMs, retryAt });
  }

  private teardown(graceful: boolean): void {
    this.ready = false;
    this.welcome = undefined;
    this.heartbeat.stop();
    this.tokenRefresh.reset();
    this.clearTimer('stableTimer');
    this.registry.onDisconnected();
    const session = this.session;
    this.session = undefined;
    session?.close(graceful);
  }

  private clearTimer(name: 'retryTimer' | 'stableTimer'): void {
    const handle = this[name];
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this[name] = undefined;
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.emitter.emit('state', state);
  }

  private emitError(error: ClientError): void {
    this.emitter.emit('error', error);
  }

  private handlerFailed(error: unknown, where: string, channel?: string): void {
    const message = `${where} threw: ${error instanceof Error ? error.message : String(error)}`;
    this.emitError(new ClientError(ClientErrorCode.HandlerFailed, message, { cause: error, channel }));
  }
}
