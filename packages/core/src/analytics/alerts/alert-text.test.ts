import type { AlertRule } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { describeObservation, fmt } from './alert-text.js';

const base = { id: 'r', name: 'r', severity: 'warning', enabled: true } as const;

describe('describeObservation', () => {
  it('rounds measured spreads, moves, latencies and drawdowns, and keeps the thresholds as given', () => {
    const spread: AlertRule = { ...base, kind: 'spread', symbol: 'BTC/USDT', bps: 0.01 };
    expect(describeObservation(spread, 'BTC/USDT', 0.51625676, true)).toBe(
      'BTC/USDT spread 0.52 bps reached 0.01 bps',
    );
    expect(describeObservation(spread, 'BTC/USDT', 0.004, false)).toBe('BTC/USDT spread back to 0 bps');
    const move: AlertRule = {
      ...base,
      kind: 'pct_move',
      symbol: 'ETH/USDT',
      windowMs: 300_000,
      pct: 2,
      direction: 'up',
    };
    expect(describeObservation(move, 'ETH/USDT', 2.3456, true)).toBe(
      'ETH/USDT moved +2.35% within 5 min (limit 2%)',
    );
    const latency: AlertRule = { ...base, kind: 'feed_latency', symbol: 'BTC/USDT', ms: 250 };
    expect(describeObservation(latency, 'BTC/USDT', 312.46, true)).toBe(
      'BTC/USDT feed latency 312.5 ms reached 250 ms',
    );
    const stale: AlertRule = { ...base, kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 10 };
    expect(describeObservation(stale, 'BTC/USDT', 12.345, true)).toBe(
      'BTC/USDT feed silent for 12.3 s (limit 10 s)',
    );
    const drawdown: AlertRule = { ...base, kind: 'drawdown', botId: 'paper', pct: 5 };
    expect(describeObservation(drawdown, 'paper', 5.123456, true)).toBe(
      'bot paper drawdown 5.12% reached 5%',
    );
  });

  it('keeps prices and amounts at 8 significant digits', () => {
    const cross: AlertRule = {
      ...base,
      kind: 'price_cross',
      symbol: 'SHIB/USDT',
      direction: 'above',
      price: 0.00001,
    };
    expect(describeObservation(cross, 'SHIB/USDT', 0.0000123456789, true)).toBe(
      'SHIB/USDT price 0.000012345679 crossed above 0.00001',
    );
    expect(fmt(64123.456789)).toBe('64123.457');
  });
});
