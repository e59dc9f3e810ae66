/**
 * Client side of the heartbeat: ping the server at its pace, time the pongs, and declare the
 * connection dead when nothing at all has arrived for `timeoutMs` (any frame proves the peer alive).
 * @module
 */
import type { Clock, TimerHandle, Timers } from './timers.js';

export interface HeartbeatDeps {
  timers: Timers;
  clock: Clock;
  sendPing(t: number): void;
  onRtt(ms: number): void;
  onDead(): void;
}

export class Heartbeat {
  private pingTimer: TimerHandle | undefined;
  private deadTimer: TimerHandle | undefined;
  private lastFrameAt = 0;
  private intervalMs = 0;
  private timeoutMs = 0;
  private running = false;

  constructor(private readonly deps: HeartbeatDeps) {}

  start(intervalMs: number, timeoutMs: number): void {
    this.stop();
    this.running = true;
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.lastFrameAt = this.deps.clock.now();
    this.schedulePing();
    this.scheduleDeadCheck(timeoutMs);
  }

  /** Any frame arrived. Cheap: the dead-peer timer is only re-armed when it fires. */
  frameReceived(): void {
    this.lastFrameAt = this.deps.clock.now();
  }

  pongReceived(t: number): void {
    const rtt = this.deps.clock.now() - t;
    if (Number.isFinite(rtt) && rtt >= 0) this.deps.onRtt(rtt);
  }

  stop(): void {
    this.running = false;
    if (this.pingTimer !== undefined) this.deps.timers.clearTimeout(this.pingTimer);
    if (this.deadTimer !== undefined) this.deps.timers.clearTimeout(this.deadTimer);
    this.pingTimer = undefined;
    this.deadTimer = undefined;
  }

  private schedulePing(): void {
    this.pingTimer = this.deps.timers.setTimeout(() => {
      if (!this.running) return;
      this.deps.sendPing(this.deps.clock.now());
      this.schedulePing();
    }, this.intervalMs);
  }

  private scheduleDeadCheck(inMs: number): void {
    this.deadTimer = this.deps.timers.setTimeout(() => {
      if (!this.running) return;
      const silence = this.deps.clock.now() - this.lastFrameAt;
      if (silence >= this.timeoutMs) {
        this.stop();
        this.deps.onDead();
      } else {
        this.scheduleDeadCheck(this.timeoutMs - silence);
      }
    }, inMs);
  }
}
