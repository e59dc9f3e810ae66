/**
 * Time sources the client uses, injectable so that tests can drive them.
 * @module
 */

/** Opaque handle returned by {@link Timers.setTimeout}. */
export type TimerHandle = unknown;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface Clock {
  /** Milliseconds since the epoch (or any monotonic origin: only differences are used). */
  now(): number;
}

/** The platform's timers (`globalThis.setTimeout`). */
export const platformTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

/** `Date.now()`. */
export const platformClock: Clock = { now: () => Date.now() };
