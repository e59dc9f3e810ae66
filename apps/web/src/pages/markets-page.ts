/**
 * Markets: every symbol in a live grid, fed by the `tickers` channel (at most one update per
 * symbol every 250 ms) and each symbol's `metrics:` channel (feed staleness, fallbacks).
 * @module
 */
import { Channels } from '@tickdeck/protocol';
import type { MarketMetrics, Ticker } from '@tickdeck/protocol';
import { MarketGrid } from '../markets/market-grid.js';
import { el, setText } from '../util/dom.js';
import { Scope } from '../util/scope.js';
import { emptyState, errorBox, skeleton } from '../ui/states.js';
import type { PageFactory } from './page.js';

/** The grid asks for at most one ticker per symbol this often, ms. */
export const GRID_MAX_RATE_MS = 250;
/** Metrics change slowly: one per symbol per second is plenty. */
export const METRICS_MAX_RATE_MS = 1000;

const tickersOf = (snapshot: unknown): Ticker[] => {
  if (Array.isArray(snapshot)) return snapshot as Ticker[];
  if (typeof snapshot === 'object' && snapshot !== null)
    return Object.values(snapshot as Record<string, Ticker>);
  return [];
};

export const marketsPage: PageFactory = (_route, { live, symbols }) => {
  const scope = new Scope();
  const grid = new MarketGrid();
  scope.add(() => grid.dispose());
  const filter = el('input', {
    attrs: {
      type: 'search',
      placeholder: 'Filter symbols',
      'aria-label': 'Filter symbols',
      'data-testid': 'market-filter',
    },
  });
  filter.addEventListener('input', () => grid.setFilter(filter.value));
  const count = el('span', { class: 'dim' });
  const body = el('div', {}, skeleton(10, 'Loading markets…'));
  const element = el(
    'section',
    { attrs: { 'data-page': 'markets', 'aria-labelledby': 'markets-title' } },
    el('h1', { class: 'page-title', text: 'Markets', attrs: { id: 'markets-title' } }, count),
    el('div', { class: 'toolbar' }, filter),
    body,
  );

  let shown: 'loading' | 'grid' | 'empty' | 'error' = 'loading';
  let tickersArrived = false;
  let symbolsArrived = false;
  const show = (what: typeof shown, node: Node): void => {
    if (shown === what) return;
    shown = what;
    body.replaceChildren(node);
  };
  const settle = (): void => {
    // Called on every publication: write only a changed count, not once per message.
    setText(count, grid.symbols.length > 0 ? `${grid.symbols.length} symbols` : '');
    if (grid.symbols.length > 0) return show('grid', grid.element);
    if (tickersArrived && symbolsArrived) {
      show(
        'empty',
        emptyState({
          title: 'No markets yet',
          lines: [
            'tickdeck is running but no source has sent market data.',
            'Add a source (simulator, an exchange through ccxt, ZeroMQ or a replay file) to the configuration and restart tickdeck; symbols appear here as soon as data flows.',
          ],
        }),
      );
    }
  };

  const following = new Set<string>();
  const follow = (symbol: string): void => {
    grid.ensure(symbol);
    if (following.has(symbol) || scope.isDisposed) return;
    following.add(symbol);
    live.subscribe<string, MarketMetrics, MarketMetrics>(scope, Channels.metrics(symbol), {
      maxRateMs: METRICS_MAX_RATE_MS,
      onSnapshot: (m) => m && grid.onMetrics(m),
      onPublication: (m) => grid.onMetrics(m),
    });
  };

  live.subscribe(scope, Channels.tickers, {
    maxRateMs: GRID_MAX_RATE_MS,
    onSnapshot: (snapshot) => {
      tickersArrived = true;
      const tickers = tickersOf(snapshot);
      for (const t of tickers) follow(t.symbol);
      grid.setTickers(tickers);
      settle();
    },
    onPublication: (ticker) => {
      follow(ticker.symbol);
      grid.onTicker(ticker);
      settle();
    },
    onError: (error) => {
      if (grid.symbols.length === 0) show('error', errorBox(error));
    },
  });

  const loadSymbols = (): void => {
    symbols.load().then(
      (list) => {
        if (scope.isDisposed) return;
        symbolsArrived = true;
        for (const s of list) follow(s.symbol);
        settle();
      },
      (error: unknown) => {
        if (!scope.isDisposed && grid.symbols.length === 0) show('error', errorBox(error, loadSymbols));
      },
    );
  };
  loadSymbols();
  scope.interval(() => grid.refreshStale(), 1000);

  return { element, title: 'Markets', dispose: () => scope.dispose() };
};
