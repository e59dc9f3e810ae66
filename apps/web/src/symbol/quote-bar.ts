/**
 * The symbol page's header figures: last, bid, ask, spread, 24h change, volume and feed latency,
 * from the `ticker:` and `metrics:` channels.
 * @module
 */
import type { MarketMetrics, Ticker } from '@tickdeck/protocol';
import { formatBps, formatCompact, formatMs, formatPct, formatPrice, spreadBps } from '../format/format.js';
import { el, setText } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';

/**
 * The header is rewritten at most this often, ms: each rewrite is a relayout and repaint of the
 * page, and tickers can come faster than anyone reads them (the server sends every one).
 */
export const QUOTE_MIN_INTERVAL_MS = 100;

type Field = 'last' | 'bid' | 'ask' | 'spread' | 'change' | 'volume' | 'latency';

const LABELS: [Field, string][] = [
  ['last', 'Last'],
  ['bid', 'Bid'],
  ['ask', 'Ask'],
  ['spread', 'Spread'],
  ['change', '24h'],
  ['volume', 'Volume 24h'],
  ['latency', 'Feed latency'],
];

export class QuoteBar {
  readonly element: HTMLElement;
  private readonly values = new Map<Field, HTMLElement>();
  private readonly staleBadge = el('span', {
    class: 'badge',
    text: 'feed stale',
    attrs: { 'data-state': 'stale' },
  });
  private readonly problem = el('p', { class: 'quote-problem', attrs: { 'data-testid': 'quote-problem' } });
  private ticker: Ticker | undefined;
  private metrics: MarketMetrics | undefined;
  private readonly scheduler = new FrameScheduler(() => this.render(), QUOTE_MIN_INTERVAL_MS);

  constructor() {
    this.element = el('div', { class: 'quote-bar live', attrs: { 'data-testid': 'quote-bar' } });
    for (const [field, label] of LABELS) {
      const value = el('span', { class: 'value', text: '—', attrs: { 'data-field': field } });
      this.values.set(field, value);
      this.element.append(el('div', { class: 'quote' }, el('span', { class: 'label', text: label }), value));
    }
    this.staleBadge.hidden = true;
    this.problem.hidden = true;
    this.element.append(this.staleBadge, this.problem);
  }

  /** A channel of the bar failed for good (e.g. not permitted): say so beside the dashes. */
  setProblem(text: string): void {
    setText(this.problem, text);
    this.problem.hidden = false;
  }

  setTicker(ticker: Ticker | undefined): void {
    this.ticker = ticker;
    this.scheduler.schedule();
  }

  setMetrics(metrics: MarketMetrics | undefined): void {
    this.metrics = metrics;
    this.scheduler.schedule();
  }

  dispose(): void {
    this.scheduler.cancel();
  }

  private render(): void {
    const t = this.ticker;
    const m = this.metrics;
    const bid = t?.bid ?? m?.bid ?? null;
    const ask = t?.ask ?? m?.ask ?? null;
    const change = t?.percentage ?? m?.change24hPct ?? null;
    const set = (field: Field, text: string): void => void setText(this.values.get(field)!, text);
    set('last', formatPrice(t?.last ?? m?.last ?? null));
    set('bid', formatPrice(bid));
    set('ask', formatPrice(ask));
    set('spread', formatBps(spreadBps(bid, ask) ?? m?.spreadBps ?? null));
    set('change', formatPct(change));
    set('volume', formatCompact(t?.baseVolume ?? m?.volume24h ?? null));
    set('latency', formatMs(m?.feedLatencyMs ?? null));
    const changeEl = this.values.get('change')!;
    changeEl.classList.toggle('up', (change ?? 0) > 0);
    changeEl.classList.toggle('down', (change ?? 0) < 0);
    this.staleBadge.hidden = !(m?.stale ?? false);
  }
}
