import { SYMBOL_PATTERN } from '@tickdeck/protocol';
import { describe, expect, it } from 'vitest';
import { normalizeSymbol, SymbolNormalizer } from './symbol.js';

describe('normalizeSymbol', () => {
  it.each([
    ['BTC/USDT', 'BTC/USDT', 'spot'],
    ['btc/usdt', 'BTC/USDT', 'spot'],
    ['BTC/USDT:USDT', 'BTC/USDT', 'swap'],
    ['ETH/USD:ETH', 'ETH/USD', 'swap'],
    ['BTC/USDT:USDT-250328', 'BTC/USDT', 'future'],
    ['BTC/USD:BTC-250328-60000-C', 'BTC/USD', 'option'],
    ['ETH/USDT:USDT-241227-3500.5-p', 'ETH/USDT', 'option'],
    ['1000PEPE/USDT:USDT', '1000PEPE/USDT', 'swap'],
  ])('%s -> %s (%s)', (raw, symbol, type) => {
    expect(normalizeSymbol(raw)).toEqual({ symbol, type });
  });

  it('lets an explicit market type win', () => {
    expect(normalizeSymbol('BTC/USDT:USDT', 'future')).toEqual({ symbol: 'BTC/USDT', type: 'future' });
    expect(normalizeSymbol('BTC/USDT', 'swap')).toEqual({ symbol: 'BTC/USDT', type: 'swap' });
  });

  it.each([
    '',
    'BTCUSDT',
    'BTC/',
    '/USDT',
    'BTC/USDT/EUR',
    'BTC-USDT',
    'BTC/USDT:',
    'BTC/USDT:USDT-2503',
    'BTC/USDT:USDT-250328-1-X',
    ' BTC/USDT',
    'BTC/USDT\u0000',
    'ıBTC/USDT',
    'ÄBC/USDT',
    '<b>BTC</b>/USDT',
    'BTC/USDT"><script>',
    'A'.repeat(21) + '/USDT',
    'A/' + 'B'.repeat(65),
  ])('refuses %j', (raw) => {
    expect(normalizeSymbol(raw)).toBeNull();
  });

  it('only ever returns symbols matching SYMBOL_PATTERN', () => {
    const alphabet = 'aZ09/:-.<>"\'&ıß\u0130 ';
    let seed = 5;
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = 3 + (i % 14);
      for (let k = 0; k < n; k++) {
        seed = (seed * 48271) % 2147483647;
        s += alphabet[seed % alphabet.length];
      }
      const r = normalizeSymbol(s);
      if (r !== null) expect(r.symbol).toMatch(SYMBOL_PATTERN);
    }
  });
});

describe('SymbolNormalizer', () => {
  it('memoizes successes, applies explicit types and empties itself when full', () => {
    const n = new SymbolNormalizer(2);
    expect(n.normalize('a/b')).toEqual({ symbol: 'A/B', type: 'spot' });
    expect(n.normalize('a/b')).toBe(n.normalize('a/b'));
    expect(n.normalize('a/b', 'margin')).toEqual({ symbol: 'A/B', type: 'margin' });
    expect(n.normalize('c/d:D', 'future')).toEqual({ symbol: 'C/D', type: 'future' });
    expect(n.normalize('e/f')).toEqual({ symbol: 'E/F', type: 'spot' });
    expect(n.normalize('<x>')).toBeNull();
    expect(n.normalize('a/b')).toEqual({ symbol: 'A/B', type: 'spot' });
  });
});
