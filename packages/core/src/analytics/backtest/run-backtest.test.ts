import { describe, expect, it } from 'vitest';
import type { Candle } from '@tickdeck/protocol';
import { RsiReversionStrategy } from '../strategies/rsi-reversion.js';
import { runBacktest } from './run-backtest.js';

const candle = (i: number, close: number): Candle => ({
  symbol: 'BTC/USDT',
  timeframe: '1m',
  time: i * 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
  trades: 1,
  closed: true,
});

describe('runBacktest with a quote series', () => {
  it('executes at the latest quote up to the candle close and marks to the close', () => {
    const closes = [100, 99, 98, 97, 96];
    const candles = closes.map((c, i) => candle(i, c));
    // One quote per candle, 10 s before its close, with a 1-dollar half spread.
    const quotes = closes.map((c, i) => ({ bid: c - 1, ask: c + 1, time: (i + 1) * 60_000 - 10_000 }));
    const r = runBacktest({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      candles,
      quotes,
      strategy: new RsiReversionStrategy({ period: 2 }),
      orderQuote: 97,
      feeRate: 0,
      stats: { startingCash: 1000 },
    });
    // RSI(2) needs 3 closes; only losses → RSI 0 → buy at the third candle's quote ask 98 + 1 = 99.
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ side: 'buy', price: 99, amount: 97 / 99, timestamp: 170_000 });
    expect(r.signals.filter((s) => s.side === 'buy').length).toBe(3);
    // Marked to the last close 96: (96 − 99) × 97/99.
    expect(r.stats.totalPnl).toBeCloseTo(((96 - 99) * 97) / 99, 9);
    expect(r.equity.at(-1)).toMatchObject({ t: 300_000, cause: 'sample' });
    expect(r.orders).toHaveLength(1);
    expect(r.trades).toEqual([]);
  });
});
