import { describe, expect, it } from 'vitest';
import { parseWebOptions } from './web-options.js';

describe('parseWebOptions', () => {
  it('has the documented defaults', () => {
    expect(parseWebOptions([])).toEqual({
      scenarios: ['load', 'grid', 'symbol'],
      seconds: 10,
      warmup: 2,
      loads: 10,
      symbols: 20,
      candles: 1000,
      gridRate: 10,
      symbolTickers: 10,
      symbolTrades: 10,
      heavy: 2,
      cpuThrottle: 1,
      out: undefined,
      help: false,
    });
  });

  it('reads every option', () => {
    const o = parseWebOptions([
      '--seconds',
      '5',
      '--loads',
      '3',
      '--grid-rate',
      '20',
      '--heavy',
      '0',
      '--cpu-throttle',
      '4',
      '--out',
      'r.md',
    ]);
    expect(o).toMatchObject({ seconds: 5, loads: 3, gridRate: 20, heavy: 0, cpuThrottle: 4, out: 'r.md' });
  });

  it('runs the scenarios asked for, in their usual order', () => {
    expect(parseWebOptions(['--scenarios', 'symbol,load']).scenarios).toEqual(['load', 'symbol']);
    expect(() => parseWebOptions(['--scenarios', 'grid,nope'])).toThrow(/unknown scenario "nope"/);
  });

  it('names the wrong option', () => {
    expect(() => parseWebOptions(['--seconds', 'x'])).toThrow(/--seconds/);
    expect(() => parseWebOptions(['--seconds', '0'])).toThrow(/--seconds must be a number >= 1/);
    expect(() => parseWebOptions(['--seconds', '500'])).toThrow(/at most 120/);
    expect(() => parseWebOptions(['--cpu-throttle', '0.5'])).toThrow(/--cpu-throttle must be a number >= 1/);
    expect(() => parseWebOptions(['--cpu-throttle', '50'])).toThrow(/at most 20/);
    expect(() => parseWebOptions(['--nope'])).toThrow(/nope/);
  });
});
