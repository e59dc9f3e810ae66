/**
 * The random pieces of the simulator's history backfill: the market-wide volatility regime averaged
 * over a candle, jump counts, and the extremes of a price path between two known points.
 * @module
 */
import { NORMAL_TO_CALM, REGIME_MEAN_MS, REGIME_VOL } from './model-params.js';
import type { Prng } from './prng.js';

/** A 32-bit seed derived from several integers, so each stream of the backfill is independent. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
  }
  return h;
}

/**
 * For each step (durations in ms, walked in order), the time-average of the squared regime multiplier
 * over the step, from the same Markov chain as the live model (calm ×0.5, normal ×1, turbulent ×3).
 * The chain is reversible, so walking it backwards in time is as good as forwards.
 */
export function regimeVariances(durationsMs: readonly number[], rng: Prng): number[] {
  let regime = 1;
  let left = -Math.log(1 - rng.next()) * (REGIME_MEAN_MS[regime] as number);
  return durationsMs.map((d) => {
    let acc = 0;
    let rem = d;
    while (rem > 0) {
      const h = Math.min(left, rem);
      acc += (REGIME_VOL[regime] as number) ** 2 * h;
      left -= h;
      rem -= h;
      if (left <= 0) {
        regime = regime === 1 ? (rng.chance(NORMAL_TO_CALM) ? 0 : 2) : 1;
        left = -Math.log(1 - rng.next()) * (REGIME_MEAN_MS[regime] as number);
      }
    }
    return d > 0 ? acc / d : 1;
  });
}

/** A Poisson count: Knuth's product of uniforms for small means, the normal approximation above 30. */
export function poisson(mean: number, rng: Prng): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/**
 * The highest and lowest log price of a Brownian bridge from `a` to `b` with total variance `v`,
 * drawn exactly: P(max > m) = exp(−2 (m − a)(m − b) / v) for m ≥ max(a, b), and likewise for the min.
 */
export function bridgeExtremes(a: number, b: number, v: number, rng: Prng): { high: number; low: number } {
  const d2 = (b - a) ** 2;
  const up = Math.sqrt(d2 - 2 * v * Math.log(1 - rng.next()));
  const down = Math.sqrt(d2 - 2 * v * Math.log(1 - rng.next()));
  return { high: (a + b + up) / 2, low: (a + b - down) / 2 };
}
