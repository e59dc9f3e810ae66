/**
 * The market grid: one row per symbol, updated in place. Incoming tickers only mark rows dirty;
 * one flush per animation frame writes the cells whose text changed, flashes changed prices,
 * redraws changed sparklines and reorders rows when the sort says so (at most once a second, so
 * rows do not jump under the pointer). The flush never reads layout: sparkline sizes come from a
 * ResizeObserver.
 * @module
 */
import type { MarketMetrics, Ticker } from '@tickdeck/protocol';
import { formatBps, formatCompact, formatPct, formatPrice } from '../format/format.js';
import { symbolHref } from '../routing/routes.js';
import { THEME_EVENT, cssVar } from '../shell/theme.js';
import { el, scrollBox, setText } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';
import { RingBuffer } from '../util/ring-buffer.js';
import { buildRow, filterRows, isRowStale, nextSort, sortRows } from './market-rows.js';
import type { MarketRow, SortKey, SortSpec } from './market-rows.js';
import { PriceFlashes } from './price-flashes.js';
import { drawSparkline, type CssSize } from './sparkline.js';

/** Prices kept per sparkline. */
export const SPARK_POINTS = 60;
/** Rows are re-sorted at most this often, ms. */
export const RESORT_INTERVAL_MS = 1000;

interface RowView {
  tr: HTMLTableRowElement;
  last: HTMLTableCellElement;
  change: HTMLTableCellElement;
  spread: HTMLTableCellElement;
  volume: HTMLTableCellElement;
  spark: HTMLCanvasElement;
  /** The sparkline's CSS size, from the ResizeObserver; undefined until it first reports. */
  sparkSize: CssSize | undefined;
  staleMark: HTMLElement;
  model: MarketRow;
  prices: RingBuffer<number>;
  dirty: boolean;
  sparkDirty: boolean;
}

const COLUMNS: [SortKey | 'spark', string, string][] = [
  ['symbol', 'Symbol', ''],
  ['last', 'Last', 'num'],
  ['changePct', '24h %', 'num'],
  ['spreadBps', 'Spread', 'num'],
  ['volume', 'Volume', 'num col-volume'],
  ['spark', 'Trend', 'col-spark'],
];

export class MarketGrid {
  readonly element: HTMLElement;
  private readonly tbody = el('tbody');
  private readonly headers = new Map<SortKey, HTMLTableCellElement>();
  private readonly noMatch = el('p', { class: 'empty-state' });
  private readonly rows = new Map<string, RowView>();
  private readonly tickers = new Map<string, Ticker>();
  private readonly metrics = new Map<string, MarketMetrics>();
  private readonly scheduler = new FrameScheduler(() => this.flush());
  private readonly flashes = new PriceFlashes<HTMLElement>(() => this.scheduler.schedule());
  private sort: SortSpec = { key: 'symbol', dir: 'asc' };
  private filter = '';
  private orderDirty = true;
  private lastResort = 0;
  private resortTimer: number | undefined;
  private colors = { up: '', down: '', flat: '' };
  private readonly sparkRows = new WeakMap<Element, RowView>();
  private readonly sparkSizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const row = this.sparkRows.get(entry.target);
      if (!row) continue;
      const { width, height } = entry.contentRect;
      if (row.sparkSize?.width === width && row.sparkSize.height === height) continue;
      row.sparkSize = { width, height };
      row.sparkDirty = true;
      this.scheduler.schedule();
    }
  });
  private readonly onTheme = (): void => {
    this.readColors();
    for (const row of this.rows.values()) row.sparkDirty = true;
    this.scheduler.schedule();
  };

  constructor(private readonly onSortChange?: (sort: SortSpec) => void) {
    const headRow = el('tr');
    for (const [key, label, cls] of COLUMNS) {
      const th = el('th', { class: cls, attrs: { scope: 'col' } });
      if (key === 'spark') {
        th.textContent = label;
      } else {
        const button = el('button', { class: 'sort-button', text: label, attrs: { type: 'button' } });
        button.addEventListener('click', () => this.setSort(nextSort(this.sort, key)));
        th.append(button);
        this.headers.set(key, th);
      }
      headRow.append(th);
    }
    const table = el(
      'table',
      { class: 'data live', attrs: { 'data-testid': 'market-grid' } },
      el('thead', {}, headRow),
      this.tbody,
    );
    this.noMatch.hidden = true;
    this.element = scrollBox('table-wrap', 'Markets', table, this.noMatch);
    this.readColors();
    this.renderSortHeaders();
    window.addEventListener(THEME_EVENT, this.onTheme);
  }

  get symbols(): string[] {
    return [...this.rows.keys()];
  }

  /** Make sure a row exists for `symbol` (known from the symbol list, no ticker yet). */
  ensure(symbol: string): void {
    if (!this.rows.has(symbol)) this.addRow(symbol);
  }

  /** Replace every ticker (a snapshot). */
  setTickers(tickers: Iterable<Ticker>): void {
    for (const t of tickers) this.onTicker(t);
  }

  onTicker(ticker: Ticker): void {
    this.tickers.set(ticker.symbol, ticker);
    this.touch(ticker.symbol);
  }

  onMetrics(metrics: MarketMetrics): void {
    this.metrics.set(metrics.symbol, metrics);
    this.touch(metrics.symbol);
  }

  setFilter(text: string): void {
    this.filter = text;
    this.orderDirty = true;
    this.scheduler.schedule();
  }

  setSort(sort: SortSpec): void {
    this.sort = sort;
    this.orderDirty = true;
    this.renderSortHeaders();
    this.onSortChange?.(sort);
    this.scheduler.schedule();
  }

  /** Re-evaluate the stale markers (call every second or so). */
  refreshStale(now = Date.now()): void {
    for (const row of this.rows.values()) {
      const stale = isRowStale(row.model, now);
      if (row.tr.classList.contains('row-stale') !== stale) {
        row.tr.classList.toggle('row-stale', stale);
        row.staleMark.hidden = !stale;
      }
    }
  }

  dispose(): void {
    this.scheduler.cancel();
    this.flashes.dispose();
    this.sparkSizes.disconnect();
    if (this.resortTimer !== undefined) clearTimeout(this.resortTimer);
    window.removeEventListener(THEME_EVENT, this.onTheme);
  }

  private touch(symbol: string): void {
    const row = this.rows.get(symbol) ?? this.addRow(symbol);
    row.dirty = true;
    this.scheduler.schedule();
  }

  private addRow(symbol: string): RowView {
    const link = el('a', { text: symbol, attrs: { href: symbolHref(symbol) } });
    const staleMark = el('span', {
      class: 'badge stale-mark',
      text: 'stale',
      attrs: { 'data-state': 'stale', title: 'No update for a while' },
    });
    staleMark.hidden = true;
    const cell = (cls: string, field: string): HTMLTableCellElement =>
      el('td', { class: cls, text: '—', attrs: { 'data-field': field } });
    const spark = el('canvas', { class: 'spark', attrs: { 'aria-hidden': 'true' } });
    const row: RowView = {
      tr: el('tr', { class: 'market-row', attrs: { 'data-symbol': symbol } }),
      last: cell('num', 'last'),
      change: cell('num', 'change'),
      spread: cell('num', 'spread'),
      volume: cell('num col-volume', 'volume'),
      spark,
      sparkSize: undefined,
      staleMark,
      model: buildRow(symbol, undefined, undefined, Date.now()),
      prices: new RingBuffer<number>(SPARK_POINTS),
      dirty: true,
      sparkDirty: false,
    };
    row.tr.append(
      el('th', { attrs: { scope: 'row' } }, link, staleMark),
      row.last,
      row.change,
      row.spread,
      row.volume,
      el('td', { class: 'col-spark' }, spark),
    );
    this.rows.set(symbol, row);
    this.sparkRows.set(spark, row);
    this.sparkSizes.observe(spark);
    this.orderDirty = true;
    return row;
  }

  private flush(): void {
    const now = Date.now();
    this.flashes.expire(now);
    let sortValueChanged = false;
    for (const row of this.rows.values()) {
      if (row.dirty) sortValueChanged = this.updateRow(row, now) || sortValueChanged;
      if (row.sparkDirty && row.sparkSize !== undefined) {
        drawSparkline(row.spark, row.prices.toArray(), this.colors, row.sparkSize);
        row.sparkDirty = false;
      }
    }
    if (sortValueChanged && this.sort.key !== 'symbol') {
      if (now - this.lastResort >= RESORT_INTERVAL_MS) this.orderDirty = true;
      else this.scheduleResort(now);
    }
    if (this.orderDirty) this.reorder(now);
  }

  private scheduleResort(now: number): void {
    if (this.resortTimer !== undefined) return;
    this.resortTimer = window.setTimeout(
      () => {
        this.resortTimer = undefined;
        this.orderDirty = true;
        this.scheduler.schedule();
      },
      RESORT_INTERVAL_MS - (now - this.lastResort),
    );
  }

  /** Write the row's changed cells; returns whether its sort value changed. */
  private updateRow(row: RowView, now: number): boolean {
    row.dirty = false;
    const before = row.model;
    const model = buildRow(
      row.model.symbol,
      this.tickers.get(row.model.symbol),
      this.metrics.get(row.model.symbol),
      now,
    );
    row.model = model;
    if (
      setText(row.last, formatPrice(model.last)) &&
      before.last !== null &&
      model.last !== null &&
      model.last !== before.last
    ) {
      this.flashes.flash(row.last, model.last > before.last ? 'up' : 'down', now);
    }
    if (model.last !== null && model.last !== before.last) {
      row.prices.push(model.last);
      row.sparkDirty = true;
    }
    setText(row.change, formatPct(model.changePct));
    row.change.classList.toggle('up', (model.changePct ?? 0) > 0);
    row.change.classList.toggle('down', (model.changePct ?? 0) < 0);
    setText(row.spread, formatBps(model.spreadBps));
    setText(row.volume, formatCompact(model.volume));
    const stale = isRowStale(model, now);
    row.tr.classList.toggle('row-stale', stale);
    row.staleMark.hidden = !stale;
    const key = this.sort.key;
    return key !== 'symbol' && before[key] !== model[key];
  }

  private reorder(now: number): void {
    this.orderDirty = false;
    this.lastResort = now;
    const all = [...this.rows.values()].map((r) => r.model);
    const visible = new Set(filterRows(all, this.filter).map((r) => r.symbol));
    const ordered = sortRows(all, this.sort);
    const children = this.tbody.children;
    let same = children.length === ordered.length;
    for (let i = 0; same && i < ordered.length; i += 1) {
      same = (children[i] as HTMLElement).dataset.symbol === ordered[i]!.symbol;
    }
    if (!same) this.tbody.append(...ordered.map((m) => this.rows.get(m.symbol)!.tr));
    for (const [symbol, row] of this.rows) row.tr.hidden = !visible.has(symbol);
    const noMatch = this.rows.size > 0 && visible.size === 0;
    this.noMatch.hidden = !noMatch;
    if (noMatch)
      setText(
        this.noMatch,
        `No symbol matches “${this.filter}”. Clear the filter to see all ${this.rows.size}.`,
      );
  }

  private renderSortHeaders(): void {
    for (const [key, th] of this.headers) {
      if (key === this.sort.key)
        th.setAttribute('aria-sort', this.sort.dir === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  }

  private readColors(): void {
    this.colors = { up: cssVar('--up'), down: cssVar('--down'), flat: cssVar('--text-dim') };
  }
}
