/**
 * When to refresh a token and when it is over, on this browser's clock. The server states `expiresAt`
 * on its own clock; when the answer's `Date` header gives the server's time, the difference between
 * the two clocks is taken out, so a browser whose clock is minutes off neither signs out at once nor
 * keeps a dead token. Pure.
 * @module
 */

/** Refresh this long before expiry (at most half the token's life), ms. */
export const REFRESH_LEAD_MS = 60_000;

/** After a refresh failed for want of the network, try again this much later, ms. */
export const REFRESH_RETRY_MS = 10_000;

/** Longest delay setTimeout keeps (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A token's times on the local clock, ms since the epoch. */
export interface TokenTimes {
  expiresAt: number;
  refreshAt: number;
}

/**
 * The local times of a token the server says expires at `expiresAt` (its clock).
 * @param receivedAt local time the answer arrived
 * @param serverDate the answer's `Date` header, ms (whole seconds, so the server's time is taken as up
 *   to a second later: the token is thought to expire a little early, never late); undefined: the
 *   clocks are taken to agree
 * @example tokenTimes(3_600_000, 0) // { expiresAt: 3_600_000, refreshAt: 3_540_000 }
 */
export const tokenTimes = (
  expiresAt: number,
  receivedAt: number,
  serverDate?: number,
  leadMs = REFRESH_LEAD_MS,
): TokenTimes => {
  const offset = serverDate === undefined ? 0 : serverDate + 1000 - receivedAt;
  const local = expiresAt - offset;
  const life = Math.max(0, local - receivedAt);
  return { expiresAt: local, refreshAt: local - Math.min(leadMs, life / 2) };
};

/** Whether the token is past its expiry at `now`. */
export const isExpired = (times: TokenTimes, now: number): boolean => now >= times.expiresAt;

/** A setTimeout delay until `at`: never negative, never past what timers keep. */
export const delayUntil = (at: number, now: number): number => Math.min(MAX_TIMER_MS, Math.max(0, at - now));
