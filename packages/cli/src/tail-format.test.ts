import { describe, expect, it } from 'vitest';
import type { MarketMetrics, Ticker } from '@tickdeck/protocol';
import { clockTime, formatData, formatPublication, formatSnapshot } from './tail-format.js';

const t0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
const ticker: Ticker = {
  symbol: 'ETH/USDT',
  type: 'spot',
  timestamp: t0,
  last: 2500.5,
  bid: 2500,
  ask: 2501,
  percentage: -1.234,
};
const metrics: MarketMetrics = {
  symbol: 'ETH/USDT',
  type: 'spot',
  last: 2500,
  bid: 2499,
  ask: 2501,
  spread: 2,
  spreadBps: 8,
  change24hPct: 1,
  volume24h: 10,
  msgsPerSec: 12.5,
  feedLatencyMs: 40,
  silenceMs: 100,
  stale: true,
  uptimeMs: 1000,
  asOf: t0,
};

describe('tail formatting', () => {
  it('formats each built-in kind on one line', () => {
    expect(clockTime(t0)).toBe('03:04:05.678');
    expect(clockTime(undefined)).toBe('-');
    expect(formatData('ticker:ETH/USDT', ticker)).toBe(
      '03:04:05.678 ETH/USDT last 2500.5 bid 2500 ask 2501 24h -1.23%',
    );
    expect(formatData('tickers', { ...ticker, percentage: 2, bid: undefined })).toBe(
      '03:04:05.678 ETH/USDT last 2500.5 bid - ask 2501 24h +2.00%',
    );
    expect(formatData('trades:ETH/USDT', { symbol: 'ETH/USDT', timestamp: t0, price: 1, amount: 2 })).toBe(
      '03:04:05.678 ETH/USDT ? 2 @ 1',
    );
    expect(formatData('metrics:ETH/USDT', metrics)).toBe(
      '03:04:05.678 ETH/USDT last 2500 spread 8 bps 12.5 msg/s latency 40 ms STALE',
    );
    expect(formatData('system', { ok: true })).toBe('{"ok":true}');
    expect(formatData('system', 5)).toBe('5');
    expect(formatPublication(ticker, { channel: 'ticker:ETH/USDT', epoch: 'e', seq: 9 })).toMatch(
      /^#9 03:04:05.678/,
    );
  });

  it('summarises snapshots', () => {
    const info = {
      channel: 'trades:ETH/USDT',
      epoch: 'e1',
      seq: 4,
      kind: 'stream',
      cause: 'initial',
    } as const;
    expect(formatSnapshot(undefined, info)).toBe('snapshot trades:ETH/USDT @ e1:4 (stream) — empty');
    expect(formatSnapshot([], info)).toBe('snapshot trades:ETH/USDT @ e1:4 (stream) — 0 trades');
    expect(
      formatSnapshot([{ symbol: 'ETH/USDT', timestamp: t0, price: 3, amount: 1, side: 'sell' }], {
        ...info,
        cause: 'recovery-failed',
      }),
    ).toBe(
      'snapshot (reloaded: recovery impossible) trades:ETH/USDT @ e1:4 (stream) — 1 trades, last: 03:04:05.678 ETH/USDT SELL 1 @ 3',
    );
    expect(
      formatSnapshot(
        [
          { ...ticker, symbol: 'B' },
          { ...ticker, symbol: 'A' },
        ],
        { ...info, channel: 'tickers', kind: 'state' },
      ),
    ).toBe('snapshot tickers @ e1:4 (state) — 2 symbols: A B');
    expect(formatSnapshot(ticker, { ...info, channel: 'ticker:ETH/USDT', kind: 'state' })).toContain(
      'last 2500.5',
    );
    expect(formatSnapshot([1, 2], { ...info, channel: 'x:y' })).toBe(
      'snapshot x:y @ e1:4 (stream) — 2 items, last: 2',
    );
  });
});
