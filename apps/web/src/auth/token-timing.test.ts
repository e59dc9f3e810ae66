import { describe, expect, it } from 'vitest';
import { REFRESH_LEAD_MS, delayUntil, isExpired, tokenTimes } from './token-timing.js';

const HOUR = 3_600_000;

describe('tokenTimes', () => {
  it('refreshes a minute before expiry when the clocks agree', () => {
    const t = tokenTimes(10_000 + HOUR, 10_000);
    expect(t).toEqual({ expiresAt: 10_000 + HOUR, refreshAt: 10_000 + HOUR - REFRESH_LEAD_MS });
    expect(isExpired(t, t.expiresAt - 1)).toBe(false);
    expect(isExpired(t, t.expiresAt)).toBe(true);
  });

  it('refreshes half way through a token shorter than two leads', () => {
    const t = tokenTimes(60_000, 0);
    expect(t.refreshAt).toBe(30_000);
  });

  it('takes out the difference between the clocks, erring early by at most a second', () => {
    // The browser's clock is 10 minutes ahead of the server's.
    const ahead = 600_000;
    const serverNow = 1_000_000;
    const t = tokenTimes(serverNow + HOUR, serverNow + ahead, serverNow);
    expect(t.expiresAt).toBe(serverNow + ahead + HOUR - 1000);
    expect(isExpired(t, serverNow + ahead + 1)).toBe(false);
    // …and 10 minutes behind.
    const behind = tokenTimes(serverNow + HOUR, serverNow - ahead, serverNow);
    expect(behind.expiresAt).toBe(serverNow - ahead + HOUR - 1000);
  });

  it('calls a token that expired already expired, with nothing left to wait for', () => {
    const t = tokenTimes(5_000, 10_000);
    expect(isExpired(t, 10_000)).toBe(true);
    expect(t.refreshAt).toBeLessThanOrEqual(10_000);
  });
});

describe('delayUntil', () => {
  it('is never negative and never beyond what setTimeout keeps', () => {
    expect(delayUntil(5, 10)).toBe(0);
    expect(delayUntil(15, 10)).toBe(5);
    expect(delayUntil(Number.MAX_SAFE_INTEGER, 0)).toBe(2 ** 31 - 1);
  });
});
