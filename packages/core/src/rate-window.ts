/** Event rate over a sliding window of whole clock seconds (bounded: one counter per second). */
export class RateWindow {
  private readonly second: Float64Array;
  private readonly count: Float64Array;

  /** @param seconds window length in seconds (default 10) */
  constructor(readonly seconds = 10) {
    this.second = new Float64Array(seconds).fill(-1);
    this.count = new Float64Array(seconds);
  }

  /** Counts one event received at clock time `now` (ms). */
  hit(now: number): void {
    const s = Math.floor(now / 1000);
    const i = s % this.seconds;
    if (this.second[i] !== s) {
      this.second[i] = s;
      this.count[i] = 0;
    }
    this.count[i] = (this.count[i] as number) + 1;
  }

  /**
   * Events per second at `now`: events received in the clock seconds s with
   * s > floor(now / 1000) − seconds (the current partial second included), divided by `seconds`.
   */
  perSecond(now: number): number {
    const from = Math.floor(now / 1000) - this.seconds;
    let n = 0;
    for (let i = 0; i < this.seconds; i++)
      if ((this.second[i] as number) > from) n += this.count[i] as number;
    return n / this.seconds;
  }
}
