/** Real Binance XRP/ETH candles from the shared test data (freqtrade's test files). */
import { readFileSync } from 'node:fs';
import type { Candle } from '@tickdeck/protocol';

const dir = process.env['TICKDECK_TESTDATA']
  ? new URL(`file://${process.env['TICKDECK_TESTDATA']}/`)
  : new URL('../../../../../../shared/testdata/', import.meta.url);

export function xrpEthCandles(tf: '1m' | '5m'): Candle[] {
  const rows = JSON.parse(
    readFileSync(new URL(`freqtrade-xrp-eth/XRP_ETH-${tf}.json`, dir), 'utf8'),
  ) as number[][];
  return rows.map(([time, open, high, low, close, volume]) => ({
    symbol: 'XRP/ETH',
    timeframe: tf,
    time: time!,
    open: open!,
    high: high!,
    low: low!,
    close: close!,
    volume: volume!,
    trades: 0,
    closed: true,
  }));
}
