import { describe, expect, it } from 'vitest';
import { CcxtSource } from './ccxt/ccxt-source.js';
import { createSource } from './create-source.js';
import { ReplaySource } from './replay/replay-source.js';
import { SimulatorSource } from './simulator/simulator-source.js';
import { parseSourceConfig, type SourceConfigError } from './source-config.js';
import { ZeromqSource } from './zeromq/zeromq-source.js';

describe('createSource and parseSourceConfig', () => {
  it('builds each kind of source', () => {
    expect(createSource({ kind: 'simulator' })).toBeInstanceOf(SimulatorSource);
    expect(createSource({ kind: 'replay', path: 'x.jsonl' })).toBeInstanceOf(ReplaySource);
    expect(createSource({ kind: 'ccxt', exchange: 'binance', symbols: ['BTC/USDT'] })).toBeInstanceOf(
      CcxtSource,
    );
    expect(createSource({ kind: 'zeromq', endpoint: 'tcp://127.0.0.1:5556' })).toBeInstanceOf(ZeromqSource);
  });

  it('fills in the documented defaults', () => {
    expect(parseSourceConfig({ kind: 'simulator' })).toEqual({
      kind: 'simulator',
      name: 'simulator',
      seed: 1,
      rate: 200,
      intervalMs: 20,
      burstProbability: 0.02,
      burstMultiplier: 5,
      burstDurationMs: 2000,
      backfill: 1000,
    });
    expect(parseSourceConfig({ kind: 'replay', path: 'a.csv' })).toEqual({
      kind: 'replay',
      name: 'replay',
      path: 'a.csv',
      format: 'auto',
      speed: 1,
      maxGapMs: 60_000,
      loop: false,
      timestamps: 'original',
    });
    expect(parseSourceConfig({ kind: 'ccxt', exchange: 'binance', symbols: ['BTC/USDT'] })).toEqual({
      kind: 'ccxt',
      exchange: 'binance',
      symbols: ['BTC/USDT'],
      timeframe: '1m',
      backfill: 1000,
      streams: { trades: true, ticker: true, ohlcv: true, book: true },
      staleAfterMs: 30_000,
      reconnectMinMs: 1000,
      reconnectMaxMs: 30_000,
    });
    expect(parseSourceConfig({ kind: 'zeromq', endpoint: 'tcp://127.0.0.1:1' })).toMatchObject({
      topics: [],
      staleAfterMs: 10_000,
      maxDecodeErrors: 20,
    });
  });

  it('names the bad setting', () => {
    const err = (raw: unknown) => {
      try {
        parseSourceConfig(raw, 'sources.0');
      } catch (e) {
        return e as SourceConfigError;
      }
      throw new Error('accepted');
    };
    expect(err({ kind: 'nope' })).toMatchObject({ code: 'SOURCE_CONFIG_INVALID', setting: 'sources.0.kind' });
    expect(err({ kind: 'simulator', rate: 0 }).setting).toBe('sources.0.rate');
    expect(err({ kind: 'simulator', rat: 5 }).message).toMatch(/unknown setting \["rat"\]/);
    expect(err({ kind: 'replay' }).message).toMatch(/path/);
    expect(err({ kind: 'replay', path: 'a', speed: 'fast' }).setting).toBe('sources.0.speed');
    expect(err({ kind: 'zeromq', endpoint: 'http://x' }).setting).toBe('sources.0.endpoint');
    // Numbers from environment variables arrive as text and are converted.
    expect(parseSourceConfig({ kind: 'simulator', rate: '20000' })).toMatchObject({ rate: 20_000 });
  });
});
