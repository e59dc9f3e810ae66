import { describe, expect, it } from 'vitest';
import { hrefOf, normalizeSymbol, parseRoute, symbolHref } from './routes.js';

describe('parseRoute', () => {
  it('maps the simple pages and sends / to markets', () => {
    expect(parseRoute('/')).toEqual({ page: 'markets' });
    expect(parseRoute('/markets')).toEqual({ page: 'markets' });
    expect(parseRoute('/system/')).toEqual({ page: 'system' });
    expect(parseRoute('/portfolio')).toEqual({ page: 'portfolio' });
    expect(parseRoute('/bots')).toEqual({ page: 'bots' });
    expect(parseRoute('/alerts')).toEqual({ page: 'alerts' });
  });

  it('reads an encoded or plain symbol and the timeframe, defaulting to 1m', () => {
    expect(parseRoute('/symbol/BTC%2FUSDT', '?tf=4h')).toEqual({
      page: 'symbol',
      symbol: 'BTC/USDT',
      tf: '4h',
    });
    expect(parseRoute('/symbol/eth/usdt', '')).toEqual({ page: 'symbol', symbol: 'ETH/USDT', tf: '1m' });
    expect(parseRoute('/symbol/BTC%2FUSDT', '?tf=7m')).toEqual({
      page: 'symbol',
      symbol: 'BTC/USDT',
      tf: '1m',
    });
  });

  it('refuses symbols that could carry markup, bad encodings and unknown pages', () => {
    expect(parseRoute('/symbol/%3Cimg%20src%3Dx%3E%2FUSDT').page).toBe('not-found');
    expect(parseRoute('/symbol/%E0%A4%A').page).toBe('not-found');
    expect(parseRoute('/nope')).toEqual({ page: 'not-found', path: '/nope' });
    expect(parseRoute('/markets/extra').page).toBe('not-found');
  });
});

describe('hrefOf', () => {
  it('round-trips through parseRoute', () => {
    const href = symbolHref('BTC/USDT', '15m');
    expect(href).toBe('/symbol/BTC%2FUSDT?tf=15m');
    const url = new URL(href, 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual({ page: 'symbol', symbol: 'BTC/USDT', tf: '15m' });
    expect(hrefOf({ page: 'system' })).toBe('/system');
  });
});

describe('normalizeSymbol', () => {
  it('accepts what a person types', () => {
    expect(normalizeSymbol(' btc-usdt ')).toBe('BTC/USDT');
    expect(normalizeSymbol('sol/usdt')).toBe('SOL/USDT');
    expect(normalizeSymbol('BTC')).toBeUndefined();
  });
});
