import { describe, expect, it } from 'vitest';
import { ChannelRegistry } from './channel-registry.js';

describe('ChannelRegistry', () => {
  const registry = new ChannelRegistry();
  registry.declare({ prefix: 'ticker', kind: 'state', args: 1 });
  registry.declare({ prefix: 'tickers', kind: 'state', key: (d) => (d as { symbol: string }).symbol });
  registry.declare({
    prefix: 'candles',
    kind: 'state',
    args: 2,
    accepts: ([, tf]) => tf === '1m' || tf === '1h',
  });

  it('resolves declared channels with their arguments', () => {
    expect(registry.resolve('ticker:BTC/USDT')).toMatchObject({
      name: 'ticker:BTC/USDT',
      args: ['BTC/USDT'],
    });
    expect(registry.resolve('tickers').decl.kind).toBe('state');
    expect(registry.resolve('candles:ETH/USDT:1m').args).toEqual(['ETH/USDT', '1m']);
  });

  it.each([
    ['not a string', 42, 'INVALID_CHANNEL'],
    ['bad grammar', 'Ticker:BTC', 'INVALID_CHANNEL'],
    ['markup', 'ticker:<b>', 'INVALID_CHANNEL'],
    ['too long', 'ticker:' + 'A'.repeat(200), 'INVALID_CHANNEL'],
    ['wrong argument count', 'ticker', 'INVALID_CHANNEL'],
    ['unknown prefix', 'nope:x', 'UNKNOWN_CHANNEL'],
    ['refused arguments', 'candles:BTC/USDT:7m', 'UNKNOWN_CHANNEL'],
  ])('refuses %s', (_why, name, code) => {
    expect(() => registry.resolve(name)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses duplicate, malformed and keyed-stream declarations', () => {
    expect(() => registry.declare({ prefix: 'ticker', kind: 'state' })).toThrow(/already/);
    expect(() => registry.declare({ prefix: 'Bad', kind: 'state' })).toThrow(/Invalid/);
    expect(() => registry.declare({ prefix: 'tr', kind: 'stream', key: () => 1 })).toThrow(/keyed/);
  });
});
