import { describe, expect, it } from 'vitest';
import type { EquityPoint } from '@tickdeck/protocol';
import { EquitySeries, MAX_EQUITY_POINTS } from './equity-series.js';

const point = (botId: string, t: number, equity: number): EquityPoint => ({
  botId,
  t,
  equity,
  realizedPnl: 0,
  unrealizedPnl: 0,
  fees: 0,
  cause: 'sample',
});

describe('EquitySeries', () => {
  it('aligns bots on one time axis in seconds, null where a bot has no point', () => {
    const s = new EquitySeries();
    s.set('a', [point('a', 1000, 10), point('a', 3000, 30)]);
    s.add(point('b', 2000, 200));
    s.add(point('a', 2000, 20)); // out of order: inserted in place
    s.add(point('a', 3000, 31)); // same time: replaces
    expect(s.aligned(['a', 'b'])).toEqual({
      times: [1, 2, 3],
      columns: [
        [10, 20, 31],
        [null, 200, null],
      ],
    });
  });

  it('keeps at most MAX_EQUITY_POINTS per bot, dropping the oldest', () => {
    const s = new EquitySeries();
    for (let i = 0; i < MAX_EQUITY_POINTS + 10; i += 1) s.add(point('a', i * 1000, i));
    expect(s.count('a')).toBe(MAX_EQUITY_POINTS);
    expect(s.aligned(['a']).columns[0]![0]).toBe(10);
  });
});
