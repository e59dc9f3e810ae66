/**
 * A client connection, whatever its transport: commands, subscriptions, limits, heartbeats.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@tickdeck/core';
import {
  CloseCode,
  ErrorCode,
  PROTOCOL_VERSION,
  type ErrorCodeValue,
  type ServerMessage,
  type StreamPosition,
} from '@tickdeck/protocol';
import { AppError } from '../http/app-error.js';
import type { ChannelRegistry, ResolvedChannel } from './channel-registry.js';
import type { FanOut } from './fan-out.js';
import type { FlushScheduler } from './flush-scheduler.js';
import { isExpired, SessionAuth, type GatewayAuth } from './gateway-auth.js';
import type { GatewayLimits } from './gateway-limits.js';
import type { GatewayStats } from './gateway-stats.js';
import { MessageKind, OutMessage, packr } from './out-message.js';
import { Outbox } from './outbox.js';
import { parseCommand, parseSince, type Command } from './parse-command.js';
import type { Subscription } from './subscription.js';
import { TokenBucket } from './token-bucket.js';
import type { Transport } from './transport.js';

/** What a session needs from its gateway. */
export interface SessionContext {
  readonly registry: ChannelRegistry;
  readonly fanOut: FanOut;
  readonly limits: GatewayLimits;
  readonly stats: GatewayStats;
  readonly clock: Clock;
  readonly scheduler: FlushScheduler;
  readonly auth?: GatewayAuth | undefined;
  onSessionClosed(session: Session): void;
}

/** One channel to subscribe to, checked. */
export interface SubscribeEntry {
  resolved: ResolvedChannel;
  since?: StreamPosition | undefined;
  rateMs?: number;
}

export class Session {
  readonly id = randomBytes(9).toString('base64url');
  readonly outbox: Outbox;
  readonly subs = new Map<string, Subscription>();
  /** Latest heartbeat round trip measured by the server, ms. */
  rttMs: number | undefined;
  private readonly bucket: TokenBucket;
  private strikes = 0;
  private lastInboundAt: number;
  private lastPingAt: number;
  private pingT: number | undefined;
  private disposed = false;
  /** Authentication state: the principal, the deadline, the token's expiry. */
  readonly auth: SessionAuth;
  /** Commands received while the first `auth` is verified, run once it succeeds. */
  private held: Exclude<Command, { op: 'pong' }>[] = [];

  constructor(
    readonly transport: Transport,
    private readonly ctx: SessionContext,
    readonly address: string,
  ) {
    this.outbox = new Outbox(transport, ctx.scheduler, ctx.limits, ctx.stats, () => this.dispose());
    const now = ctx.clock.now();
    this.bucket = new TokenBucket(ctx.limits.maxCommandsPerSec, ctx.limits.commandBurst, now);
    this.lastInboundAt = now;
    this.lastPingAt = now;
    this.auth = new SessionAuth(ctx.auth, now);
  }

  /** Send the welcome message (WebSocket). */
  welcome(): void {
    const l = this.ctx.limits;
    this.send(
      {
        op: 'welcome',
        version: PROTOCOL_VERSION,
        session: this.id,
        heartbeatMs: l.heartbeatMs,
        limits: {
          maxFrameBytes: l.maxFrameBytes,
          maxCommandsPerSec: l.maxCommandsPerSec,
          maxSubscriptions: l.maxSubscriptions,
          commandBurst: l.commandBurst,
          heartbeatTimeoutMs: l.heartbeatTimeoutMs,
        },
      },
      true,
    );
  }

  /** An inbound frame: text is JSON, binary is MessagePack. Undecodable frames close with ProtocolError. */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.disposed) return;
    const now = this.ctx.clock.now();
    this.lastInboundAt = now;
    let value: unknown;
    try {
      value = isBinary ? packr.unpack(data) : JSON.parse(data.toString('utf8'));
    } catch {
      this.ctx.stats.countInboundError(ErrorCode.MalformedMessage);
      this.close(CloseCode.ProtocolError, 'malformed frame');
      return;
    }
    const cmd = parseCommand(value);
    if ('error' in cmd) {
      this.error(cmd.error.code, cmd.error.message, cmd.error.id);
      return;
    }
    if (cmd.op === 'pong') {
      this.pong(cmd.t, now);
      return;
    }
    if (!this.bucket.take(now)) {
      this.ctx.stats.countInboundError(ErrorCode.RateLimited);
      if (++this.strikes > this.ctx.limits.floodStrikes) this.close(CloseCode.CommandFlood, 'command flood');
      else this.error(ErrorCode.RateLimited, 'Too many commands', 'id' in cmd ? cmd.id : undefined);
      return;
    }
    this.strikes = 0;
    if (this.auth.locked && cmd.op !== 'auth' && cmd.op !== 'ping') {
      if (this.auth.pending > 0 && this.held.length < this.ctx.limits.commandBurst) this.held.push(cmd);
      else this.error(ErrorCode.Unauthorized, 'Authenticate first', 'id' in cmd ? cmd.id : undefined);
      return;
    }
    this.command(cmd);
  }

  /** Authenticate with a token given at the upgrade (subprotocol), as if sent in an `auth`. */
  authenticate(token: string): void {
    if (!this.auth.enabled) return;
    this.auth.pending++;
    this.runAuth(token, undefined);
  }

  /** Subscribe to channels already resolved (SSE, or a command). Failures are reported as `error`s. */
  subscribe(entries: SubscribeEntry[], id?: number): void {
    for (const e of entries) {
      const name = e.resolved.name;
      const previous = this.subs.get(name);
      if (previous) {
        this.ctx.fanOut.unsubscribe(previous);
        this.subs.delete(name);
      }
      if (this.subs.size >= this.ctx.limits.maxSubscriptions) {
        this.error(
          ErrorCode.TooManySubscriptions,
          `At most ${this.ctx.limits.maxSubscriptions} subscriptions`,
          id,
          name,
        );
        continue;
      }
      const { sub, ready } = this.ctx.fanOut.subscribe(this.outbox, e.resolved, {
        id,
        since: e.since,
        rateMs: e.rateMs,
      });
      this.subs.set(name, sub);
      ready.catch((err: unknown) => {
        if (this.subs.get(name) === sub) this.subs.delete(name);
        const code = err instanceof AppError ? err.code : ErrorCode.Internal;
        this.error(code, err instanceof AppError ? err.message : 'Internal error', id, name);
      });
    }
  }

  /** Called periodically by the gateway: ping when due, close if the peer went silent. */
  heartbeat(now: number): void {
    if (this.disposed) return;
    const due = this.auth.due(now);
    if (due !== undefined) {
      this.close(due, due === CloseCode.TokenExpired ? 'token expired' : 'unauthorized');
      return;
    }
    const l = this.ctx.limits;
    if (this.transport.kind === 'sse') {
      if (now - this.lastPingAt >= l.heartbeatMs) {
        this.lastPingAt = now;
        this.transport.keepAlive?.();
      }
      return;
    }
    if (now - this.lastInboundAt > l.heartbeatTimeoutMs) {
      this.close(CloseCode.HeartbeatTimeout, 'heartbeat timeout');
      return;
    }
    if (now - this.lastPingAt >= l.heartbeatMs) {
      this.lastPingAt = now;
      this.pingT = now;
      this.ctx.stats.observeQueue(this.outbox.pressure());
      this.send({ op: 'ping', t: now, rtt: this.rttMs }, true);
    }
  }

  /** Send what is queued (errors explaining the close), close with `code`, and release everything. */
  close(code: number, reason: string): void {
    if (this.disposed) return;
    this.outbox.flush();
    this.transport.close(code, reason);
    this.dispose();
  }

  /** The transport is closed: release everything. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const sub of this.subs.values()) this.ctx.fanOut.unsubscribe(sub);
    this.subs.clear();
    this.held = [];
    this.outbox.discard();
    this.ctx.onSessionClosed(this);
  }

  private command(cmd: Exclude<Command, { op: 'pong' }>): void {
    switch (cmd.op) {
      case 'ping':
        this.send({ op: 'pong', t: cmd.t }, true);
        return;
      case 'subscribe':
        this.subscribeCommand(cmd.channels, cmd.id);
        return;
      case 'unsubscribe':
        for (const name of cmd.channels) {
          if (typeof name !== 'string') {
            this.error(ErrorCode.InvalidChannel, 'Invalid channel name', cmd.id);
            continue;
          }
          const sub = this.subs.get(name);
          if (sub) {
            this.ctx.fanOut.unsubscribe(sub);
            this.subs.delete(name);
          }
          this.send({ op: 'unsubscribed', id: cmd.id, ch: name }, false);
        }
        return;
      case 'auth':
        this.authCommand(cmd.token, cmd.id);
        return;
    }
  }

  private subscribeCommand(channels: Record<string, unknown>[], id: number | undefined): void {
    const l = this.ctx.limits;
    const entries: SubscribeEntry[] = [];
    for (const c of channels) {
      const ch = typeof c.channel === 'string' ? c.channel.slice(0, 128) : undefined;
      let resolved: ResolvedChannel;
      try {
        resolved = this.ctx.registry.resolve(c.channel);
      } catch (err) {
        const e = err as AppError;
        this.error(e.code, e.message, id, ch);
        continue;
      }
      if (!this.auth.mayRead(resolved.name)) {
        this.error(ErrorCode.Forbidden, 'Your role may not read this channel', id, ch);
        continue;
      }
      const since = parseSince(c.since);
      const rate = c.maxRateMs;
      if (since === false || (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0)))) {
        this.error(ErrorCode.BadRequest, '"since" must be {epoch, seq}; "maxRateMs" a number >= 0', id, ch);
        continue;
      }
      const rateMs = rate === undefined ? l.minRateMs : Math.min(l.maxRateMs, Math.max(l.minRateMs, rate));
      entries.push({ resolved, since, rateMs });
    }
    this.subscribe(entries, id);
  }

  private authCommand(token: string, id: number | undefined): void {
    if (!this.auth.enabled) {
      this.error(ErrorCode.BadRequest, 'Authentication is not enabled on this server', id);
      return;
    }
    this.auth.pending++;
    this.runAuth(token, id);
  }

  /** Verify; the first success unlocks the session, a later one refreshes its expiry (same user). */
  private runAuth(token: string, id: number | undefined): void {
    this.auth.verify(token).then(
      (r) => {
        this.auth.pending--;
        if (this.disposed) return;
        const before = this.auth.principal;
        if (before !== undefined && before.subject !== r.subject) {
          this.close(CloseCode.Unauthorized, 'a refreshed token must be for the same user');
          return;
        }
        this.auth.principal = r;
        this.send({ op: 'authenticated', id, role: r.role, expiresAt: r.expiresAt }, true);
        if (this.auth.pending === 0) for (const cmd of this.held.splice(0)) this.command(cmd);
      },
      (err: unknown) => {
        this.auth.pending--;
        if (isExpired(err)) this.close(CloseCode.TokenExpired, 'token expired');
        else this.close(CloseCode.Unauthorized, 'unauthorized');
      },
    );
  }

  private pong(t: number, now: number): void {
    if (t !== this.pingT) return;
    this.pingT = undefined;
    this.rttMs = now - t;
    this.ctx.stats.observeRtt(this.rttMs);
  }

  private error(code: ErrorCodeValue, message: string, id?: number, ch?: string): void {
    this.ctx.stats.countInboundError(code);
    this.send({ op: 'error', id, code, message, ch }, false);
  }

  private send(msg: ServerMessage, urgent: boolean): void {
    this.outbox.enqueue(new OutMessage(msg, MessageKind.Control, undefined, undefined), urgent);
  }
}
