/**
 * The gateway: channels, connections and encodings, nothing about trading. Producers publish through
 * it; the Fastify plugin (gateway-plugin.ts) attaches WebSocket and SSE clients to it.
 * @example
 * const registry = new ChannelRegistry();
 * registry.declare({ prefix: 'ticker', kind: 'state', args: 1, snapshot: async ({ args }) => live.ticker(args[0]!) });
 * const gateway = createGateway({ broker: new MemoryBroker(), registry, metrics: promRegistry });
 * await gateway.publish('ticker:BTC/USDT', ticker);
 * @module
 */
import { systemClock, type Clock } from '@tickdeck/core';
import { CloseCode } from '@tickdeck/protocol';
import type { Registry } from 'prom-client';
import type { Broker, BrokerPublication } from './broker.js';
import type { ChannelRegistry, ResolvedChannel } from './channel-registry.js';
import { ConnectionLimiter } from './connection-limiter.js';
import { FanOut } from './fan-out.js';
import { FlushScheduler } from './flush-scheduler.js';
import { resolveLimits, type GatewayLimits } from './gateway-limits.js';
import { registerGatewayMetrics } from './gateway-metrics.js';
import { GatewayStats } from './gateway-stats.js';
import type { GatewayAuth } from './gateway-auth.js';
import type { RetainedStates } from './retained-states.js';
import type { Session, SessionContext } from './session.js';

/** The few logger methods used (pino and Fastify's logger fit). */
export interface GatewayLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GatewayOptions {
  broker: Broker;
  registry: ChannelRegistry;
  /** Overrides of {@link DEFAULT_LIMITS}. */
  limits?: Partial<GatewayLimits>;
  logger?: GatewayLogger;
  /** Prometheus registry to register the `tickdeck_gateway_*` metrics in. Default: none. */
  metrics?: Registry;
  clock?: Clock;
  /**
   * Authentication of sessions (tokens, deadline, channel permissions); without it every channel is
   * open and `auth` is answered with BAD_REQUEST.
   */
  auth?: GatewayAuth | undefined;
  /** Where the latest values of `retain` channels are kept. Required if any channel retains. */
  retained?: RetainedStates;
}

export class Gateway implements SessionContext {
  readonly broker: Broker;
  readonly registry: ChannelRegistry;
  readonly limits: GatewayLimits;
  readonly stats = new GatewayStats();
  readonly clock: Clock;
  readonly scheduler: FlushScheduler;
  readonly fanOut: FanOut;
  readonly limiter: ConnectionLimiter;
  readonly sessions = new Set<Session>();
  readonly auth: GatewayAuth | undefined;
  private readonly logger: GatewayLogger | undefined;
  private readonly retained: RetainedStates | undefined;
  private readonly resolved = new Map<string, ResolvedChannel>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(o: GatewayOptions) {
    this.broker = o.broker;
    this.registry = o.registry;
    this.limits = resolveLimits(o.limits);
    this.clock = o.clock ?? systemClock;
    this.logger = o.logger;
    this.auth = o.auth;
    this.retained = o.retained;
    this.scheduler = new FlushScheduler(this.limits.batchDelayMs);
    this.limiter = new ConnectionLimiter(this.limits);
    this.fanOut = new FanOut({
      broker: o.broker,
      clock: this.clock,
      stats: this.stats,
      retained: o.retained,
      onError: (err, channel) => this.logger?.warn({ err, channel }, 'channel producer failed'),
    });
    if (o.metrics) registerGatewayMetrics(o.metrics, this.stats);
  }

  /**
   * Publish `data` on `channel` (declared in the registry). Resolves with its (epoch, seq); rejects
   * with AppError INVALID_CHANNEL / UNKNOWN_CHANNEL for a name the registry refuses. Update the state
   * the channel's snapshot provider reads BEFORE publishing, so a snapshot is never older than the
   * seq it is tagged with (a `retain` channel's value is stored here, before the broker publishes).
   */
  publish(channel: string, data: unknown): Promise<BrokerPublication> {
    let resolved = this.resolved.get(channel);
    if (resolved === undefined) {
      try {
        resolved = this.registry.resolve(channel);
      } catch (err) {
        return Promise.reject(err);
      }
      if (this.resolved.size > 100_000) this.resolved.clear();
      this.resolved.set(channel, resolved);
    }
    const decl = resolved.decl;
    if (decl.retain === true) {
      if (this.retained === undefined)
        return Promise.reject(
          new Error(`Channel "${channel}" retains but the gateway has no retained store`),
        );
      try {
        this.retained.setState(channel, decl.key ? String(decl.key(data)) : '', data);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.broker.publish(channel, data);
  }

  /** Track a new session (the plugin calls this after the limiter accepted it). */
  addSession(session: Session): void {
    this.sessions.add(session);
    this.stats.connections[session.transport.kind]++;
    if (this.heartbeatTimer === undefined) {
      const every = Math.max(10, Math.min(1000, this.limits.heartbeatMs / 4));
      this.heartbeatTimer = setInterval(this.heartbeat, every);
      this.heartbeatTimer.unref();
    }
  }

  onSessionClosed(session: Session): void {
    if (!this.sessions.delete(session)) return;
    this.stats.connections[session.transport.kind]--;
    this.limiter.release(session.address);
    if (this.sessions.size === 0) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
    }
  }

  /** Close every connection with `code` (default ServerRestart: clients reconnect). */
  closeAll(code: number = CloseCode.ServerRestart, reason = 'server restart'): void {
    for (const s of [...this.sessions]) s.close(code, reason);
  }

  /** Close every connection and stop timers. The broker is left to its owner. */
  close(): void {
    this.closeAll();
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.scheduler.cancel();
    this.fanOut.close();
  }

  private readonly heartbeat = (): void => {
    const now = this.clock.now();
    for (const s of this.sessions) s.heartbeat(now);
  };
}

/** Build a gateway. See {@link GatewayOptions}. */
export const createGateway = (options: GatewayOptions): Gateway => new Gateway(options);
