/**
 * The dashboard's URLs: parsing a location into a route and building hrefs. Pure.
 *
 * `/markets`, `/symbol/BTC%2FUSDT?tf=1m`, `/system`, `/portfolio`, `/bots`, `/alerts`; `/` goes to
 * `/markets`.
 * @module
 */
import { SYMBOL_PATTERN, TIMEFRAME_LIST } from '@tickdeck/protocol';
import type { Timeframe } from '@tickdeck/protocol';

export type Route =
  | { page: 'markets' }
  | { page: 'symbol'; symbol: string; tf: Timeframe }
  | { page: 'system' }
  | { page: 'portfolio' }
  | { page: 'bots' }
  | { page: 'alerts' }
  | { page: 'not-found'; path: string };

export type PageName = Route['page'];

/** Timeframe of the symbol page when the URL names none. */
export const DEFAULT_TIMEFRAME: Timeframe = '1m';

const SIMPLE_PAGES = new Set(['markets', 'system', 'portfolio', 'bots', 'alerts']);

export const isTimeframe = (value: string | null | undefined): value is Timeframe =>
  value !== null && value !== undefined && (TIMEFRAME_LIST as string[]).includes(value);

/** A symbol as typed by a person (`btc/usdt`, `BTC-USDT`) in canonical form, or undefined. */
export const normalizeSymbol = (input: string): string | undefined => {
  const upper = input.trim().toUpperCase().replace('-', '/');
  return SYMBOL_PATTERN.test(upper) ? upper : undefined;
};

const safeDecode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
};

/** The route of a pathname and query string. */
export const parseRoute = (pathname: string, search = ''): Route => {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'markets' };
  const parts = path.split('/').slice(1);
  const [first, ...rest] = parts;
  if (first !== undefined && rest.length === 0 && SIMPLE_PAGES.has(first)) {
    return { page: first as 'markets' | 'system' | 'portfolio' | 'bots' | 'alerts' };
  }
  if (first === 'symbol' && rest.length >= 1) {
    // `/symbol/BTC%2FUSDT` and `/symbol/BTC/USDT` both name BTC/USDT.
    const decoded = safeDecode(rest.join('/'));
    const symbol = decoded === undefined ? undefined : normalizeSymbol(decoded);
    if (symbol !== undefined) {
      const tf = new URLSearchParams(search).get('tf');
      return { page: 'symbol', symbol, tf: isTimeframe(tf) ? tf : DEFAULT_TIMEFRAME };
    }
  }
  return { page: 'not-found', path: pathname };
};

/** The href of a route. */
export const hrefOf = (route: Route): string => {
  switch (route.page) {
    case 'symbol':
      return `/symbol/${encodeURIComponent(route.symbol)}?tf=${route.tf}`;
    case 'not-found':
      return route.path;
    default:
      return `/${route.page}`;
  }
};

/** The symbol page's href. */
export const symbolHref = (symbol: string, tf: Timeframe = DEFAULT_TIMEFRAME): string =>
  hrefOf({ page: 'symbol', symbol, tf });
