/**
 * A seeded pseudo-random generator. `Math.random` cannot be seeded, and the simulator must give the same
 * sequence for the same seed on every machine; mulberry32 is a well-known 32-bit generator (Tommy
 * Ettinger) of five lines, fast, with a full 2^32 period and good enough statistics for synthetic market
 * data. It is not for anything that needs unpredictability.
 * @module
 */

/** mulberry32: returns a function giving uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from the distributions the simulator needs, all from one seeded stream. */
export class Prng {
  private readonly u: () => number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.u = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u();
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.u() < p;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const u1 = 1 - this.u();
    const u2 = this.u();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Pareto with minimum 1 and tail index `alpha`: heavy-tailed, mean alpha/(alpha-1) for alpha > 1. */
  pareto(alpha: number): number {
    return (1 - this.u()) ** (-1 / alpha);
  }
}
