/**
 * Candles and indicators as lightweight-charts data points (times in seconds). Pure.
 * @module
 */
import type { Candle } from '@tickdeck/protocol';
import type {
  CandlestickData,
  HistogramData,
  LineData,
  UTCTimestamp,
  WhitespaceData,
} from 'lightweight-charts';
import { bollinger } from '../indicators/bollinger.js';
import { macd } from '../indicators/macd.js';
import { ema } from '../indicators/moving-average.js';
import { rsi } from '../indicators/rsi.js';

export type LinePoint = LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;
export type HistogramPoint = HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;

/** Indicator settings of the chart. */
export const INDICATOR_SETTINGS = {
  emaFast: 20,
  emaSlow: 50,
  bollinger: { period: 20, multiplier: 2 },
  rsi: 14,
  macd: { fast: 12, slow: 26, signal: 9 },
} as const;

export const toSeconds = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

export const toBar = (c: Candle): CandlestickData<UTCTimestamp> => ({
  time: toSeconds(c.time),
  open: c.open,
  high: c.high,
  low: c.low,
  close: c.close,
});

export const toVolume = (c: Candle, up: string, down: string): HistogramData<UTCTimestamp> => ({
  time: toSeconds(c.time),
  value: c.volume,
  color: c.close >= c.open ? up : down,
});

const line = (times: readonly UTCTimestamp[], values: readonly (number | null | undefined)[]): LinePoint[] =>
  times.map((time, i) => {
    const value = values[i];
    return value === null || value === undefined ? { time } : { time, value };
  });

/** Every indicator line of the chart, aligned with the candles. */
export interface IndicatorLines {
  emaFast: LinePoint[];
  emaSlow: LinePoint[];
  bbUpper: LinePoint[];
  bbMiddle: LinePoint[];
  bbLower: LinePoint[];
  rsi: LinePoint[];
  macd: LinePoint[];
  macdSignal: LinePoint[];
  macdHistogram: HistogramPoint[];
}

export type IndicatorLineName = keyof IndicatorLines;

/** Compute every indicator over `candles` (oldest first). */
export const indicatorLines = (
  candles: readonly Candle[],
  colors: { up: string; down: string },
): IndicatorLines => {
  const s = INDICATOR_SETTINGS;
  const closes = candles.map((c) => c.close);
  const times = candles.map((c) => toSeconds(c.time));
  const bb = bollinger(closes, s.bollinger.period, s.bollinger.multiplier);
  const m = macd(closes, s.macd.fast, s.macd.slow, s.macd.signal);
  return {
    emaFast: line(times, ema(closes, s.emaFast)),
    emaSlow: line(times, ema(closes, s.emaSlow)),
    bbUpper: line(
      times,
      bb.map((p) => p?.upper),
    ),
    bbMiddle: line(
      times,
      bb.map((p) => p?.middle),
    ),
    bbLower: line(
      times,
      bb.map((p) => p?.lower),
    ),
    rsi: line(times, rsi(closes, s.rsi)),
    macd: line(
      times,
      m.map((p) => p?.macd),
    ),
    macdSignal: line(
      times,
      m.map((p) => p?.signal),
    ),
    macdHistogram: times.map((time, i) => {
      const h = m[i]?.histogram;
      return h === undefined ? { time } : { time, value: h, color: h >= 0 ? colors.up : colors.down };
    }),
  };
};
