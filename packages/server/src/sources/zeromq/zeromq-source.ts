/**
 * Subscribes to an existing feed process's ZeroMQ PUB socket. ZeroMQ reconnects by itself (with its
 * own exponential backoff); this source reports what happens: connecting until messages flow, live
 * while they do, stale after a silence, failed when too many messages cannot be decoded.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import { systemClock } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import { Subscriber } from 'zeromq';
import type { MarketSource, SourceSink } from '../market-source.js';
import { StaleWatch } from '../stale-watch.js';
import { StatusReporter } from '../status-reporter.js';
import type { Timers } from '../timers.js';
import { systemTimers } from '../timers.js';
import { decodeFeedMessage } from './decode-feed-message.js';
import type { ZeromqConfig } from './zeromq-config.js';

/** ZeroMQ settings; every field but `endpoint` defaults as in {@link ZeromqConfigSchema}. */
export type ZeromqOptions = Partial<Omit<ZeromqConfig, 'kind' | 'endpoint'>> & { endpoint: string };

export interface ZeromqDeps {
  clock?: Clock;
  timers?: Timers;
}

export class ZeromqSource implements MarketSource {
  readonly kind = 'zeromq';
  readonly name: string;
  private readonly clock: Clock;
  private readonly reporter: StatusReporter;
  private readonly stale: StaleWatch;
  private socket: Subscriber | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private errorTimes: number[] = [];
  private counts = { received: 0, malformed: 0 };
  private readonly malformedByReason: Record<string, number> = {};

  constructor(
    private readonly o: ZeromqOptions,
    deps: ZeromqDeps = {},
  ) {
    this.name = o.name ?? 'zeromq';
    this.clock = deps.clock ?? systemClock;
    this.reporter = new StatusReporter(this.name, this.kind, this.clock);
    this.stale = new StaleWatch({
      clock: this.clock,
      timers: deps.timers ?? systemTimers,
      staleAfterMs: o.staleAfterMs ?? 10_000,
      onStale: (ms) => {
        if (this.reporter.state === 'live') {
          this.reporter.set('stale', `no message from ${o.endpoint} for ${Math.round(ms / 1000)} s`);
        }
      },
      onFresh: () => undefined,
    });
  }

  status(): SourceStatus {
    return this.reporter.status();
  }

  /** Messages received and skipped so far. */
  stats(): { received: number; malformed: number; malformedByReason: Record<string, number> } {
    return { ...this.counts, malformedByReason: { ...this.malformedByReason } };
  }

  async start(sink: SourceSink): Promise<void> {
    if (this.socket) return;
    this.reporter.attach(sink);
    this.stopping = false;
    const sock = new Subscriber({
      reconnectInterval: this.o.reconnectMinMs ?? 100,
      reconnectMaxInterval: this.o.reconnectMaxMs ?? 10_000,
      linger: 0,
    });
    this.socket = sock;
    const where = this.o.endpoint;
    this.reporter.set('connecting', `connecting to ${where}`);
    sock.events.on('connect', () => {
      if (this.reporter.state !== 'live')
        this.reporter.set('connecting', `connected to ${where}, waiting for messages`);
    });
    sock.events.on('disconnect', () => {
      if (!this.stopping)
        this.reporter.set('connecting', `publisher at ${where} went away; ZeroMQ reconnects by itself`);
    });
    sock.events.on('connect:retry', (e) => {
      if (this.reporter.state !== 'live' && !this.stopping) {
        this.reporter.set('connecting', `cannot reach ${where}; retrying every ${e.interval} ms or so`);
      }
    });
    try {
      sock.connect(where);
    } catch (err) {
      this.reporter.set('failed', `cannot connect to ${where}: ${(err as Error).message}`);
      this.socket = undefined;
      sock.close();
      return;
    }
    const topics = this.o.topics ?? [];
    if (topics.length === 0) sock.subscribe();
    else sock.subscribe(...topics);
    this.stale.start();
    this.loop = this.receive(sock, sink);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stale.stop();
    const sock = this.socket;
    this.socket = undefined;
    if (sock && !sock.closed) sock.close();
    await this.loop;
    this.loop = undefined;
    if (this.reporter.state !== 'stopped') this.reporter.set('stopped', 'stopped on request');
  }

  private async receive(sock: Subscriber, sink: SourceSink): Promise<void> {
    try {
      for await (const frames of sock) {
        this.counts.received++;
        const d = decodeFeedMessage(frames);
        if ('error' in d) {
          this.malformed(d.error);
          continue;
        }
        sink.event(d.event);
        this.stale.touch();
        if (this.reporter.state !== 'live' && this.recentErrors() <= (this.o.maxDecodeErrors ?? 20)) {
          this.reporter.set('live');
        }
      }
    } catch (err) {
      if (!this.stopping)
        this.reporter.set('failed', `receiving from ${this.o.endpoint}: ${(err as Error).message}`);
    }
  }

  private malformed(reason: string): void {
    this.counts.malformed++;
    this.malformedByReason[reason] = (this.malformedByReason[reason] ?? 0) + 1;
    const max = this.o.maxDecodeErrors ?? 20;
    this.errorTimes.push(this.clock.now());
    // Only whether more than `max` fall in the window matters: keep no more than that many.
    if (this.errorTimes.length > max + 1) this.errorTimes.shift();
    const n = this.recentErrors();
    if (n > max && this.reporter.state !== 'failed') {
      const secs = Math.round((this.o.decodeWindowMs ?? 10_000) / 1000);
      this.reporter.set(
        'failed',
        `more than ${max} malformed messages from ${this.o.endpoint} in ${secs} s (last: ${reason})`,
      );
    }
  }

  private recentErrors(): number {
    const from = this.clock.now() - (this.o.decodeWindowMs ?? 10_000);
    while ((this.errorTimes[0] ?? Infinity) < from) this.errorTimes.shift();
    return this.errorTimes.length;
  }
}
