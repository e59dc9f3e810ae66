import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle } from '@tickdeck/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLiveState } from '../live/memory/memory-live-state.js';
import { openPgliteHistoryStore } from './pglite/pglite-history-store.js';
import { warmLiveState } from './warm-live-state.js';

const T0 = Date.UTC(2024, 0, 1);

function series(symbol: string, timeframe: '1m' | '1h', n: number, step: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({
    symbol,
    timeframe,
    time: T0 + i * step,
    open: 1 + i / 7,
    high: 2 + i / 7,
    low: 0.5 + i / 7,
    close: 1.5 + i / 7,
    volume: i,
    trades: i * 2,
    closed: i < n - 1,
  }));
}

describe('warmLiveState', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tickdeck-warm-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('after a restart, a fresh LiveState holds the same last 1000 candles per (symbol, timeframe)', async () => {
    const btc1m = series('BTC/USDT', '1m', 1300, 60_000);
    const btc1h = series('BTC/USDT', '1h', 40, 3_600_000);
    const eth1m = series('ETH/USDT', '1m', 1000, 60_000);
    const before = await openPgliteHistoryStore({ dataDir: join(dir, 'db') });
    await before.upsertCandles([...btc1m, ...btc1h, ...eth1m]);
    await before.close();

    const history = await openPgliteHistoryStore({ dataDir: join(dir, 'db') });
    const live = new MemoryLiveState();
    try {
      const result = await warmLiveState(history, live, [
        { symbol: 'BTC/USDT' },
        { symbol: 'ETH/USDT' },
        { symbol: 'SOL/USDT' },
      ]);
      expect(result).toEqual({ rings: 3, candles: 2040 });
      expect(await live.candles('BTC/USDT', '1m')).toEqual(btc1m.slice(300));
      expect(await live.candles('BTC/USDT', '1h')).toEqual(btc1h);
      expect(await live.candles('ETH/USDT', '1m')).toEqual(eth1m);
      expect(await live.candles('SOL/USDT', '1m')).toEqual([]);
      expect(await live.candles('BTC/USDT', '5m')).toEqual([]);
    } finally {
      await history.close();
    }
  });
});
