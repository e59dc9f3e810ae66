/**
 * The chart's indicators against the `trading-signals` library, an independent implementation, on
 * real closes (Binance XRP/ETH 1m candles from the shared test data) and on a synthetic series.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BollingerBands, EMA, MACD, RSI, SMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { bollinger } from './bollinger.js';
import { macd } from './macd.js';
import { ema, sma } from './moving-average.js';
import { rsi } from './rsi.js';

const testdata = (name: string): string =>
  process.env.TICKDECK_TESTDATA
    ? `${process.env.TICKDECK_TESTDATA}/${name}`
    : fileURLToPath(new URL(`../../../../../shared/testdata/${name}`, import.meta.url));

const realCloses: number[] = (
  JSON.parse(readFileSync(testdata('freqtrade-xrp-eth/XRP_ETH-1m.json'), 'utf8')) as number[][]
)
  .slice(0, 600)
  .map((row) => row[4]!);

const synthetic: number[] = Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 7) + (i % 5) - 2);

const cases: [string, number[]][] = [
  ['real XRP/ETH closes', realCloses],
  ['a synthetic wave', synthetic],
];

const close = (a: number, b: number): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
};

describe.each(cases)('indicators on %s', (_name, closes) => {
  it('has real data to test on', () => {
    expect(closes.length).toBeGreaterThan(200);
  });

  it('SMA and EMA match trading-signals from their first stable value', () => {
    const ours = { sma: sma(closes, 20), ema: ema(closes, 21) };
    const refSma = new SMA(20);
    const refEma = new EMA(21);
    closes.forEach((c, i) => {
      refSma.update(c, false);
      refEma.update(c, false);
      expect(ours.sma[i] === null).toBe(!refSma.isStable);
      expect(ours.ema[i] === null).toBe(!refEma.isStable);
      if (refSma.isStable) close(ours.sma[i]!, refSma.getResultOrThrow());
      if (refEma.isStable) close(ours.ema[i]!, refEma.getResultOrThrow());
    });
  });

  it('Bollinger(20, 2) matches trading-signals', () => {
    const ours = bollinger(closes, 20, 2);
    const ref = new BollingerBands(20, 2);
    closes.forEach((c, i) => {
      const r = ref.update(c, false);
      if (r === null) return expect(ours[i]).toBeNull();
      close(ours[i]!.middle, r.middle);
      close(ours[i]!.upper, r.upper);
      close(ours[i]!.lower, r.lower);
    });
  });

  it('RSI(14) matches trading-signals (Wilder smoothing)', () => {
    const ours = rsi(closes, 14);
    const ref = new RSI(14);
    closes.forEach((c, i) => {
      const r = ref.update(c, false);
      if (r === null) return expect(ours[i]).toBeNull();
      close(ours[i]!, r);
    });
  });

  it('MACD(12, 26, 9) matches trading-signals once the signal line is warm', () => {
    const ours = macd(closes, 12, 26, 9);
    const ref = new MACD(new EMA(12), new EMA(26), new EMA(9));
    let compared = 0;
    closes.forEach((c, i) => {
      const r = ref.update(c, false);
      if (r === null) return expect(ours[i]).toBeNull();
      close(ours[i]!.macd, r.macd);
      if (ours[i]!.signal === undefined) return;
      close(ours[i]!.signal!, r.signal);
      close(ours[i]!.histogram!, r.histogram);
      compared += 1;
    });
    // MACD from index 25, the signal after 9 MACD values: index 33 on.
    expect(compared).toBe(closes.length - 33);
  });
});
