/**
 * Portfolio: equity curve, total and daily P&L, return, positions with live unrealized P&L, paged
 * fills and the statistics, for one bot (`?bot=`) or every bot. Fed by the `portfolio` state
 * channel, the `equity` and `fills` streams, and REST for the history. The chart (uPlot) is loaded
 * on demand.
 * @module
 */
import { AnalyticsChannels } from '@tickdeck/protocol';
import type { EquityPoint, FillUpdate, PortfolioState } from '@tickdeck/protocol';
import { classifyError } from '../errors/classify-error.js';
import { THEME_EVENT } from '../shell/theme.js';
import { BotSelector, botHref, botOfSearch } from '../portfolio/bot-selector.js';
import type { EquityChart } from '../portfolio/equity-chart.js';
import { EquitySeries } from '../portfolio/equity-series.js';
import { FillBook } from '../portfolio/fill-book.js';
import { fetchEquity, fetchFills } from '../portfolio/portfolio-api.js';
import { summarize } from '../portfolio/portfolio-summary.js';
import { fillsTable, positionsTable, statsTable } from '../portfolio/portfolio-tables.js';
import { SummaryCards } from '../portfolio/summary-cards.js';
import '../styles/portfolio.css';
import { el, setText } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';
import { Scope } from '../util/scope.js';
import { chartSkeleton, emptyState, errorBox, skeleton } from '../ui/states.js';
import type { PageFactory } from './page.js';

/** Fills asked per page. */
export const FILL_PAGE_SIZE = 100;
/** Fills shown at most. */
const FILLS_SHOWN = 500;

const statesOf = (snapshot: unknown): PortfolioState[] => {
  if (Array.isArray(snapshot)) return snapshot as PortfolioState[];
  if (typeof snapshot === 'object' && snapshot !== null)
    return Object.values(snapshot as Record<string, PortfolioState>);
  return [];
};

const panel = (title: string, ...children: Node[]): HTMLElement =>
  el('div', { class: 'panel' }, el('h2', { text: title }), ...children);

export const portfolioPage: PageFactory = (_route, { live, navigate }) => {
  const scope = new Scope();
  let selected = botOfSearch(location.search);
  const states = new Map<string, PortfolioState>();
  let arrived = false;

  const selector = new BotSelector(selected, (botId) => navigate(botHref('/portfolio', botId)));
  const cards = new SummaryCards();
  const stats = statsTable();
  const positions = positionsTable();
  const fills = fillsTable();
  const chartHost = el(
    'div',
    { class: 'uplot-host', attrs: { 'data-testid': 'equity-chart' } },
    chartSkeleton(),
  );
  const chartNote = el('p', { class: 'dim' });
  const positionsNote = el('p', { class: 'dim' });
  const fillsNote = el('p', { class: 'dim', attrs: { role: 'status' } });
  const moreFills = el('button', {
    text: 'Load more fills',
    attrs: { type: 'button', 'data-testid': 'more-fills' },
  });

  const content = el(
    'div',
    { class: 'portfolio' },
    cards.element,
    panel('Equity', chartHost, chartNote),
    panel('Positions', positions.element, positionsNote),
    panel('Statistics', stats.element),
    panel('Fills', fills.element, fillsNote, moreFills),
  );
  const body = el('div', {}, skeleton(8, 'Loading the portfolio…'));
  const element = el(
    'section',
    { attrs: { 'data-page': 'portfolio', 'aria-labelledby': 'portfolio-title' } },
    el('h1', { class: 'page-title', text: 'Portfolio', attrs: { id: 'portfolio-title' } }),
    el('div', { class: 'toolbar' }, selector.element),
    body,
  );

  const selectedIds = (): string[] => (selected === null ? [...states.keys()].sort() : [selected]);

  // Equity curve and fills of the selected bots; reloaded when the selection changes.
  const series = new EquitySeries();
  let chart: EquityChart | undefined;
  let loadedIds = '';
  let generation = 0;
  let book = new FillBook([]);
  let loadingFills = false;
  const buffered: EquityPoint[] = [];
  let chartDirty = true;

  const loadChart = (): void => {
    if (chart !== undefined) return;
    import('../portfolio/equity-chart.js').then(
      ({ EquityChart: Chart }) => {
        if (scope.isDisposed) return;
        chartHost.replaceChildren();
        chart = new Chart(chartHost);
        chartDirty = true;
        scheduler.schedule();
      },
      (error: unknown) => !scope.isDisposed && chartHost.replaceChildren(errorBox(error)),
    );
  };

  const loadEquity = (ids: string[]): void => {
    const gen = generation;
    buffered.length = 0;
    for (const botId of ids) {
      fetchEquity(botId).then(
        (points) => {
          if (gen !== generation || scope.isDisposed) return;
          series.set(botId, points);
          chartDirty = true;
          for (const p of buffered) if (p.botId === botId) series.add(p);
          scheduler.schedule();
        },
        (error: unknown) => {
          if (gen === generation && !scope.isDisposed)
            setText(
              chartNote,
              `Could not load the equity history: ${classifyError(error).title.toLowerCase()}.`,
            );
        },
      );
    }
  };

  const loadFills = (): void => {
    if (loadingFills || !book.hasMore) return;
    loadingFills = true;
    const gen = generation;
    moreFills.disabled = true;
    setText(fillsNote, 'Loading fills…');
    Promise.all(
      book.nextRequests().map(async ({ botId, cursor }) => {
        const page = await fetchFills(botId, cursor, FILL_PAGE_SIZE);
        if (gen === generation) book.addPage(botId, page.fills, page.nextCursor);
      }),
    )
      .then(
        () => gen === generation && setText(fillsNote, ''),
        (error: unknown) =>
          gen === generation &&
          setText(fillsNote, `Could not load fills: ${classifyError(error).title.toLowerCase()}.`),
      )
      .finally(() => {
        if (gen !== generation || scope.isDisposed) return;
        loadingFills = false;
        scheduler.schedule();
      });
  };
  moreFills.addEventListener('click', loadFills);

  const reload = (ids: string[]): void => {
    generation += 1;
    loadedIds = ids.join();
    loadingFills = false;
    book = new FillBook(ids);
    for (const id of ids) series.set(id, []);
    chartDirty = true;
    setText(chartNote, '');
    loadEquity(ids);
    loadFills();
  };

  const render = (): void => {
    if (!arrived) return;
    const ids = selectedIds();
    selector.setBots([...states.keys()]);
    element.dataset.bot = selected ?? 'all';
    const shown = ids.map((id) => states.get(id)).filter((s): s is PortfolioState => s !== undefined);
    if (shown.length === 0) {
      element.dataset.ready = 'true';
      body.replaceChildren(
        emptyState(
          selected === null
            ? {
                title: 'No portfolio yet',
                lines: [
                  'The portfolio is built from the orders and fills your bots send to tickdeck.',
                  'Connect a bot to the ingest API; its equity, P&L, positions and statistics appear here as soon as it reports.',
                ],
              }
            : {
                title: `No portfolio for bot ${selected}`,
                lines: ['This bot has not reported to tickdeck (yet).'],
                action: { label: 'Show every bot', href: '/portfolio' },
              },
        ),
      );
      return;
    }
    if (body.firstChild !== content) {
      body.replaceChildren(content);
      loadChart();
    }
    if (ids.join() !== loadedIds) reload(ids);
    cards.render(summarize(shown));
    stats.render(shown);
    const open = shown.flatMap((s) =>
      s.positions.filter((p) => p.amount !== 0).map((position) => ({ botId: s.botId, position })),
    );
    positions.render(open);
    setText(positionsNote, open.length === 0 ? 'No open position.' : '');
    fills.render(book.newest(FILLS_SHOWN));
    moreFills.hidden = !book.hasMore;
    moreFills.disabled = loadingFills;
    if (!loadingFills && book.size === 0 && !book.hasMore) setText(fillsNote, 'No fill yet.');
    if (chart !== undefined && chartDirty) {
      chartDirty = false;
      chart.setData(ids, series.aligned(ids));
      const points = ids.reduce((n, id) => n + series.count(id), 0);
      if (chartNote.textContent === '' || points > 0)
        setText(
          chartNote,
          points === 0 ? 'No equity point yet: one comes with every fill and every minute.' : '',
        );
    }
    element.dataset.ready = 'true';
  };
  const scheduler = new FrameScheduler(render);
  scope.add(() => scheduler.cancel());
  scope.add(() => chart?.dispose());

  live.subscribe<string, unknown, PortfolioState>(scope, AnalyticsChannels.portfolio, {
    onSnapshot: (snapshot) => {
      arrived = true;
      states.clear();
      for (const s of statesOf(snapshot)) states.set(s.botId, s);
      scheduler.schedule();
    },
    onPublication: (state) => {
      states.set(state.botId, state);
      scheduler.schedule();
    },
    onError: (error) => {
      if (!arrived) body.replaceChildren(errorBox(error));
    },
  });
  live.subscribe<string, unknown, EquityPoint>(scope, AnalyticsChannels.equity, {
    onPublication: (point) => {
      if (!selectedIds().includes(point.botId)) return;
      buffered.push(point);
      if (buffered.length > 100) buffered.shift();
      series.add(point);
      chartDirty = true;
      scheduler.schedule();
    },
  });
  live.subscribe<string, unknown, FillUpdate>(scope, AnalyticsChannels.fills, {
    onPublication: (update) => {
      if (book.addLive({ botId: update.botId, fill: update.fill })) scheduler.schedule();
    },
  });
  scope.listen(window, THEME_EVENT as keyof WindowEventMap, () => chart?.restyle());

  return {
    element,
    title: 'Portfolio',
    update: (route) => {
      if (route.page !== 'portfolio') return false;
      const next = botOfSearch(location.search);
      if (next !== selected) {
        selected = next;
        selector.select(next);
        scheduler.schedule();
      }
      return true;
    },
    dispose: () => scope.dispose(),
  };
};
