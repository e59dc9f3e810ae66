/**
 * Round-trip time readings: the latest and a small rolling window.
 * @module
 */

/** RTT figures in ms, over the last `samples` readings. */
export interface RttStats {
  latest: number;
  average: number;
  min: number;
  max: number;
  samples: number;
}

export const DEFAULT_RTT_WINDOW = 10;

export class RttWindow {
  private readonly readings: number[] = [];

  constructor(private readonly size: number = DEFAULT_RTT_WINDOW) {}

  add(ms: number): RttStats {
    this.readings.push(ms);
    if (this.readings.length > this.size) this.readings.shift();
    return this.stats() as RttStats;
  }

  /** The latest reading, or undefined before the first. */
  get latest(): number | undefined {
    return this.readings.at(-1);
  }

  stats(): RttStats | undefined {
    const latest = this.readings.at(-1);
    if (latest === undefined) return undefined;
    let sum = 0;
    for (const r of this.readings) sum += r;
    return {
      latest,
      average: sum / this.readings.length,
      min: Math.min(...this.readings),
      max: Math.max(...this.readings),
      samples: this.readings.length,
    };
  }
}
