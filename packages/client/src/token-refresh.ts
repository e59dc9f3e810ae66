/**
 * In-band token refresh: after each `authenticated` carrying `expiresAt`, ask for a fresh token a
 * little before that time, so a long-lived connection is never closed with TokenExpired (4004).
 * @module
 */
import type { Clock, TimerHandle, Timers } from './timers.js';

export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 30_000;

export class TokenRefresh {
  private timer: TimerHandle | undefined;
  private lastExpiresAt = -Infinity;

  constructor(
    private readonly o: {
      timers: Timers;
      clock: Clock;
      /** How long before expiry to refresh, ms; at most half the token's remaining life. */
      leadMs: number;
      /** Get a fresh token and send it in an `auth`. */
      refresh: () => void;
    },
  ) {}

  /**
   * The server accepted a token expiring at `expiresAt`. A token that does not expire later than the
   * previous one schedules nothing (the token function gave the same token: the server will close
   * with 4004 and the client reconnects).
   */
  accepted(expiresAt: number | undefined): void {
    if (expiresAt === undefined || expiresAt <= this.lastExpiresAt) return;
    this.lastExpiresAt = expiresAt;
    this.cancelTimer();
    const remaining = expiresAt - this.o.clock.now();
    const lead = Math.min(this.o.leadMs, remaining / 2);
    this.timer = this.o.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.o.refresh();
      },
      Math.max(0, remaining - lead),
    );
  }

  /** The connection ended: forget the schedule (the next connection authenticates afresh). */
  reset(): void {
    this.cancelTimer();
    this.lastExpiresAt = -Infinity;
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.o.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
