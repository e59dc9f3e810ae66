import { existsSync, readFileSync } from 'node:fs';
import type { Candle, MarketMetrics, Ticker, Trade } from '@tickdeck/protocol';
import type { DropNotice } from './pipeline.js';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The shared test data folder: beside the repository, or TICKDECK_TESTDATA when that is absent. */
export function testdataDir(): string {
  const beside = fileURLToPath(new URL('../../../../shared/testdata/', import.meta.url));
  if (existsSync(beside)) return beside;
  const env = process.env.TICKDECK_TESTDATA;
  if (env !== undefined && env !== '') return env.endsWith('/') ? env : `${env}/`;
  throw new Error('shared test data not found beside the repository and TICKDECK_TESTDATA is not set');
}

/** `[timestamp_ms, id, type, side, price, amount, cost]` as freqtrade stores trades. */
export type FreqtradeTrade = [number, string, string | null, 'buy' | 'sell', number, number, number];
export type FileCandle = [number, number, number, number, number, number];

export function readXrpEthTrades(): FreqtradeTrade[] {
  const buf = readFileSync(`${testdataDir()}freqtrade-xrp-eth/XRP_ETH-trades.json.gz`);
  return JSON.parse(gunzipSync(buf).toString('utf8')) as FreqtradeTrade[];
}

export function readXrpEthCandles(tf: '1m' | '5m'): FileCandle[] {
  return JSON.parse(
    readFileSync(`${testdataDir()}freqtrade-xrp-eth/XRP_ETH-${tf}.json`, 'utf8'),
  ) as FileCandle[];
}

/** Collects pipeline outputs; `candles` keeps the latest version of each (timeframe, time). */
export function collector() {
  const out = {
    trades: [] as Trade[],
    tickers: [] as Ticker[],
    metrics: [] as MarketMetrics[],
    drops: [] as DropNotice[],
    candleEvents: [] as Candle[],
    candles: new Map<string, Candle>(),
  };
  const output = {
    trade: (t: Trade) => void out.trades.push(t),
    ticker: (t: Ticker) => void out.tickers.push(t),
    metrics: (m: MarketMetrics) => void out.metrics.push(m),
    drop: (d: DropNotice) => void out.drops.push(d),
    candle: (c: Candle) => {
      out.candleEvents.push(c);
      out.candles.set(`${c.symbol}|${c.timeframe}|${c.time}`, c);
    },
  };
  return { out, output };
}
