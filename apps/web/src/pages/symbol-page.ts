/**
 * One symbol: candlestick chart with indicators (1000 candles from the `candles:` snapshot, the
 * open candle moving live, older candles from REST when scrolling back), bid/ask header, trades
 * tape and OHLCV table. Loaded on demand (it carries the chart library).
 * @module
 */
import { TIMEFRAMES, TIMEFRAME_LIST } from '@tickdeck/protocol';
import type { Candle, MarketMetrics, Ticker, Timeframe, Trade } from '@tickdeck/protocol';
import { fetchCandles } from '../data/rest.js';
import { classifyError } from '../errors/classify-error.js';
import { symbolHref } from '../routing/routes.js';
import { CandleBook } from '../symbol/candle-book.js';
import { CandleChart } from '../symbol/candle-chart.js';
import { indicatorToggles } from '../symbol/indicator-toggles.js';
import { OhlcvTable } from '../symbol/ohlcv-table.js';
import { QuoteBar } from '../symbol/quote-bar.js';
import { symbolPageChannels } from '../symbol/symbol-channels.js';
import { TradesTape } from '../symbol/trades-tape.js';
import { el } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';
import { Scope } from '../util/scope.js';
import { chartSkeleton, emptyState, errorBox, liveProblem } from '../ui/states.js';
import type { Page, PageFactory } from './page.js';

/** Candles asked per page when scrolling back. */
export const OLDER_PAGE_SIZE = 1000;
/** More changed candles than this in one frame: redraw the series instead of updating the tail. */
const TAIL_LIMIT = 50;

export const symbolPage: PageFactory = (route, { live }) => {
  if (route.page !== 'symbol') throw new Error(`symbolPage cannot show ${route.page}`);
  const { symbol } = route;
  let tf: Timeframe = route.tf;
  const scope = new Scope();
  const book = new CandleBook();
  const quote = new QuoteBar();
  const tape = new TradesTape();
  const table = new OhlcvTable();
  scope.add(() => quote.dispose());
  scope.add(() => tape.dispose());

  const status = el('div', {
    class: 'chart-status',
    attrs: { role: 'status', 'data-testid': 'chart-status' },
  });
  const overlay = el('div', {}, chartSkeleton());
  let loadingOlder = false;
  let exhausted = false;
  let generation = 0;

  const loadOlder = (): void => {
    const oldest = book.first;
    if (loadingOlder || exhausted || oldest === undefined) return;
    loadingOlder = true;
    const gen = generation;
    const frameTf = tf;
    status.textContent = 'Loading older candles…';
    fetchCandles({
      symbol,
      tf: frameTf,
      from: Math.max(0, oldest.time - OLDER_PAGE_SIZE * TIMEFRAMES[frameTf]),
      to: oldest.time,
      limit: OLDER_PAGE_SIZE,
    })
      .then((candles) => {
        if (gen !== generation || scope.isDisposed) return;
        const added = book.prependOlder(candles);
        if (added === 0) exhausted = true;
        else chart.redraw();
        status.textContent = exhausted ? 'Start of the stored history.' : '';
      })
      .catch((error: unknown) => {
        if (gen !== generation || scope.isDisposed) return;
        const c = classifyError(error);
        status.textContent = `Could not load older candles: ${c.title.toLowerCase()} (${c.detail}).`;
      })
      .finally(() => {
        if (gen === generation) loadingOlder = false;
      });
  };

  const chart = new CandleChart(book, loadOlder);
  scope.add(() => chart.dispose());
  // The chart stays hidden behind the skeleton until it has candles: painting an empty chart (its
  // panes, axes and canvases) first cost a long task on the main thread that held back the
  // snapshot (`npm run bench:web`); hidden, it is sized and painted once, with its data.
  const showChart = (visible: boolean): void => {
    chart.element.hidden = !visible;
    overlay.hidden = visible;
  };

  let pending: Candle[] = [];
  const scheduler = new FrameScheduler(() => {
    if (pending.length === 0) return;
    let minTime = Infinity;
    let older = false;
    for (const c of pending) {
      minTime = Math.min(minTime, c.time);
      if (book.upsert(c) === 'older') older = true;
    }
    pending = [];
    const tail = book.countFrom(minTime);
    if (older || tail > TAIL_LIMIT) chart.redraw();
    else chart.updateTail(tail);
    table.render(book.newest(20));
  });
  scope.add(() => scheduler.cancel());

  let candleScope = new Scope();
  const followCandles = (): void => {
    candleScope.dispose();
    candleScope = new Scope();
    generation += 1;
    pending = [];
    loadingOlder = false;
    exhausted = false;
    book.reset([]);
    chart.redraw();
    table.render([]);
    overlay.replaceChildren(chartSkeleton());
    showChart(false);
    status.textContent = '';
    let first = true;
    live.subscribe<string, Candle[], Candle>(candleScope, symbolPageChannels(symbol, tf).candles, {
      onSnapshot: (candles, info) => {
        pending = [];
        exhausted = false;
        book.reset(candles ?? []);
        chart.redraw();
        if (first) chart.scrollToLatest();
        first = false;
        table.render(book.newest(20));
        if (book.size === 0) {
          overlay.replaceChildren(
            emptyState({
              title: `No ${tf} candles for ${symbol} yet`,
              lines: [
                'Candles are built from trades: the first one appears with the next trade.',
                'Try a shorter timeframe, or check the System page if nothing arrives.',
              ],
            }),
          );
        } else {
          showChart(true);
        }
        status.textContent =
          info.cause === 'recovery-failed' ? 'Reloaded after the connection came back.' : '';
      },
      onPublication: (candle) => {
        if (overlay.hidden === false && book.size === 0) showChart(true);
        pending.push(candle);
        scheduler.schedule();
      },
      onError: (error) => {
        overlay.replaceChildren(errorBox(error));
        overlay.hidden = false;
      },
    });
  };
  scope.add(() => candleScope.dispose());

  const channels = symbolPageChannels(symbol, tf);
  live.subscribe<string, Ticker, Ticker>(scope, channels.ticker, {
    onSnapshot: (t) => quote.setTicker(t),
    onPublication: (t) => quote.setTicker(t),
    onError: (error) => quote.setProblem(`Quotes: ${liveProblem(error)}`),
  });
  live.subscribe<string, MarketMetrics, MarketMetrics>(scope, channels.metrics, {
    onSnapshot: (m) => quote.setMetrics(m),
    onPublication: (m) => quote.setMetrics(m),
    onError: (error) => quote.setProblem(`Metrics: ${liveProblem(error)}`),
  });
  live.subscribe<string, Trade[], Trade>(scope, channels.trades, {
    // trades: has no snapshot (the tape keeps what it showed across reconnects).
    onSnapshot: (trades) => {
      if (Array.isArray(trades)) tape.reset(trades);
    },
    onPublication: (trade) => tape.add(trade),
    onError: (error) => tape.setProblem(liveProblem(error)),
  });

  const tfLinks = TIMEFRAME_LIST.map((t) =>
    el('a', { text: t, attrs: { href: symbolHref(symbol, t), 'data-tf': t } }),
  );
  const markTimeframe = (): void => {
    for (const a of tfLinks) a.setAttribute('aria-current', String(a.dataset.tf === tf));
  };
  markTimeframe();

  const element = el(
    'section',
    { attrs: { 'data-page': 'symbol', 'data-symbol': symbol, 'aria-labelledby': 'symbol-title' } },
    el('h1', { class: 'page-title', text: symbol, attrs: { id: 'symbol-title' } }),
    quote.element,
    el(
      'div',
      { class: 'symbol-layout' },
      el(
        'div',
        { class: 'panel' },
        el(
          'div',
          { class: 'chart-toolbar' },
          el('nav', { class: 'tf-switch', attrs: { 'aria-label': 'Timeframe' } }, ...tfLinks),
          indicatorToggles((t) => chart.setToggles(t)),
        ),
        overlay,
        chart.element,
        status,
      ),
      el('div', { class: 'panel symbol-side' }, el('h2', { text: 'Trades' }), tape.element),
      el('div', { class: 'panel' }, el('h2', { text: 'Recent candles' }), table.element),
    ),
  );
  followCandles();

  const page: Page = {
    element,
    get title() {
      return `${symbol} ${tf}`;
    },
    update(next) {
      if (next.page !== 'symbol' || next.symbol !== symbol) return false;
      if (next.tf !== tf) {
        tf = next.tf;
        markTimeframe();
        followCandles();
      }
      return true;
    },
    dispose: () => scope.dispose(),
  };
  return page;
};
