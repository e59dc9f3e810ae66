/**
 * Exponential backoff with full jitter and a cap: the delay before retry n is uniform in
 * [0, min(maxMs, initialMs × factor^n)], which spreads reconnecting clients apart instead of having
 * them retry in step.
 * @module
 */

/** Backoff settings. */
export interface BackoffOptions {
  /** Upper bound of the first delay, ms. Default 500. */
  initialMs?: number;
  /** Cap on any delay, ms. Default 30,000. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
}

/** The delay before retry `attempt` (0-based), given a uniform random number in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random()): number {
  const { initialMs = 500, maxMs = 30_000, factor = 2 } = options;
  const ceiling = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt));
  return Math.floor(random * ceiling);
}

/** Counts attempts since the last success and hands out the next delay. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts since the last {@link reset}. */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next retry, ms; each call grows the ceiling. */
  next(): number {
    return backoffDelay(this.attempt++, this.options, this.random());
  }

  /** Call after a success: the next failure starts from the first delay again. */
  reset(): void {
    this.attempt = 0;
  }
}
