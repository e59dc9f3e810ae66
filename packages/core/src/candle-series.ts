/**
 * The candles of one (symbol, timeframe): the open candle, the recently closed ones a late trade may
 * still amend, and the boundary up to which backfilled candles are final.
 * @module
 */
import type { Candle, OHLCV, Timeframe } from '@tickdeck/protocol';

interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: number;
  /** Exchange time of the print that set `open` (earliest) and `close` (latest). */
  openTs: number;
  closeTs: number;
}

export type CandleSink = (candle: Candle) => void;

const bar = (time: number, ts: number, price: number, amount: number, count: number): Bar => ({
  time,
  open: price,
  high: price,
  low: price,
  close: price,
  volume: amount,
  trades: count,
  openTs: ts,
  closeTs: ts,
});

/**
 * Builds candles from prints. Bucket = floor(ts / interval) × interval. Open is the price of the
 * earliest print and close of the latest, by exchange timestamp; prints with equal timestamps count
 * in arrival order (the first one stays the open, the last one becomes the close).
 */
export class CandleSeries {
  private openBar: Bar | null = null;
  /** Closed candles still inside the late grace. Short: grace is normally below one interval. */
  private recent: Bar[] = [];
  /** Open time of the newest backfilled closed candle; nothing at or before it is rebuilt. */
  private sealedThrough = -Infinity;

  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    readonly interval: number,
  ) {}

  /**
   * Adds a print (a trade, or a ticker's last price with amount 0 and count 0). The caller has
   * already refused prints beyond the late grace.
   */
  add(ts: number, price: number, amount: number, count: number, now: number, emit: CandleSink): void {
    const time = ts - (ts % this.interval);
    if (time <= this.sealedThrough) return;
    const open = this.openBar;
    if (open !== null) {
      if (time === open.time) {
        update(open, ts, price, amount, count);
        emit(this.candle(open, false));
        return;
      }
      if (time < open.time) {
        this.amend(time, ts, price, amount, count, emit);
        return;
      }
      this.closeOpen(emit);
    }
    if (time + this.interval > now) {
      this.openBar = bar(time, ts, price, amount, count);
      emit(this.candle(this.openBar, false));
    } else {
      this.amend(time, ts, price, amount, count, emit);
    }
  }

  /** Closes the open candle if its interval has ended on the clock; forgets candles past the grace. */
  closeDue(now: number, grace: number, emit: CandleSink): void {
    if (this.openBar !== null && this.openBar.time + this.interval <= now) this.closeOpen(emit);
    if (this.recent.length > 0) {
      this.recent = this.recent.filter((b) => b.time + this.interval + grace > now);
    }
  }

  /**
   * Takes a backfilled candle. One whose interval has ended is emitted closed and becomes final: the
   * live builder never rebuilds or amends it. One still running seeds the open candle, which later
   * prints extend.
   */
  backfill(ohlcv: OHLCV, now: number, emit: CandleSink): void {
    const [time, open, high, low, close, volume] = ohlcv;
    const b: Bar = { time, open, high, low, close, volume, trades: 0, openTs: -Infinity, closeTs: -Infinity };
    if (time + this.interval <= now) {
      if (time > this.sealedThrough) this.sealedThrough = time;
      if (this.openBar !== null && this.openBar.time <= time) this.openBar = null;
      this.recent = this.recent.filter((r) => r.time > this.sealedThrough);
      emit(this.candle(b, true));
      return;
    }
    if (this.openBar !== null && this.openBar.time < time) this.closeOpen(emit);
    if (this.openBar !== null && this.openBar.time > time) return;
    this.openBar = b;
    emit(this.candle(b, false));
  }

  private amend(
    time: number,
    ts: number,
    price: number,
    amount: number,
    count: number,
    emit: CandleSink,
  ): void {
    let b = this.recent.find((r) => r.time === time);
    if (b === undefined) {
      b = bar(time, ts, price, amount, count);
      this.recent.push(b);
    } else {
      update(b, ts, price, amount, count);
    }
    emit(this.candle(b, true));
  }

  private closeOpen(emit: CandleSink): void {
    const b = this.openBar as Bar;
    this.openBar = null;
    this.recent.push(b);
    emit(this.candle(b, true));
  }

  private candle(b: Bar, closed: boolean): Candle {
    return {
      symbol: this.symbol,
      timeframe: this.timeframe,
      time: b.time,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
      trades: b.trades,
      closed,
    };
  }
}

function update(b: Bar, ts: number, price: number, amount: number, count: number): void {
  if (ts < b.openTs) {
    b.open = price;
    b.openTs = ts;
  }
  if (ts >= b.closeTs) {
    b.close = price;
    b.closeTs = ts;
  }
  if (price > b.high) b.high = price;
  if (price < b.low) b.low = price;
  b.volume += amount;
  b.trades += count;
}
