/**
 * Exponential backoff with full jitter: the n-th delay (n from 0) is uniform in
 * [0, min(capMs, baseMs × 2^n)). Full jitter spreads a crowd of clients that lost the same server.
 * @module
 */

export interface BackoffOptions {
  /** First ceiling, ms. Default 500. */
  baseMs?: number | undefined;
  /** Largest ceiling, ms. Default 30,000. */
  capMs?: number | undefined;
  /** A source of uniform numbers in [0, 1). Default `Math.random`. */
  random?: (() => number) | undefined;
}

export const DEFAULT_BACKOFF_BASE_MS = 500;
export const DEFAULT_BACKOFF_CAP_MS = 30_000;

export class Backoff {
  readonly baseMs: number;
  readonly capMs: number;
  private readonly random: () => number;
  private attempts = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
    this.capMs = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
    this.random = options.random ?? Math.random;
  }

  /** How many delays were taken since the last reset. */
  get attempt(): number {
    return this.attempts;
  }

  /** The ceiling of the next delay. */
  ceiling(): number {
    return Math.min(this.capMs, this.baseMs * 2 ** this.attempts);
  }

  /** The next delay, ms; counts an attempt. */
  next(): number {
    const delay = this.random() * this.ceiling();
    this.attempts += 1;
    return delay;
  }

  reset(): void {
    this.attempts = 0;
  }
}
