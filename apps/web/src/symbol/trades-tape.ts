/**
 * The live trades tape: newest first, bounded to {@link TAPE_ROWS} rows; trades arriving within
 * {@link TAPE_MIN_INTERVAL_MS} are written together, in one frame.
 * @module
 */
import type { Trade } from '@tickdeck/protocol';
import { formatClock, formatCompact, formatPrice } from '../format/format.js';
import { el, scrollBox, setText } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';

export const TAPE_ROWS = 100;
/**
 * The tape is rewritten at most this often, ms. Each rewrite moves every row, a relayout and
 * repaint of the whole tape; once per frame, at 20 trades/s that was the costliest part of the
 * symbol page (`npm run bench:web`). Ten times a second still reads as a live tape.
 */
export const TAPE_MIN_INTERVAL_MS = 100;

export class TradesTape {
  readonly element: HTMLElement;
  private readonly tbody = el('tbody');
  private readonly empty = el('p', {
    class: 'dim',
    text: 'Waiting for the first trade…',
    attrs: { 'data-testid': 'tape-note' },
  });
  private pending: Trade[] = [];
  private readonly scheduler = new FrameScheduler(() => this.flush(), TAPE_MIN_INTERVAL_MS);

  constructor() {
    const table = el(
      'table',
      { class: 'data live', attrs: { 'data-testid': 'trades-tape' } },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { text: 'Time' }),
          el('th', { class: 'num', text: 'Price' }),
          el('th', { class: 'num', text: 'Amount' }),
        ),
      ),
      this.tbody,
    );
    this.element = scrollBox('tape', 'Recent trades', this.empty, table);
  }

  /** Replace the tape (a snapshot: oldest first). */
  reset(trades: readonly Trade[]): void {
    this.tbody.replaceChildren();
    this.pending = trades.slice(-TAPE_ROWS);
    this.scheduler.schedule();
  }

  add(trade: Trade): void {
    this.pending.push(trade);
    if (this.pending.length > TAPE_ROWS) this.pending = this.pending.slice(-TAPE_ROWS);
    this.scheduler.schedule();
  }

  /** The trades channel failed for good (e.g. not permitted): say so instead of waiting. */
  setProblem(text: string): void {
    setText(this.empty, text);
    this.empty.dataset.problem = 'true';
    this.empty.hidden = false;
  }

  dispose(): void {
    this.scheduler.cancel();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending.map((t) => {
      const side = t.side === 'buy' ? 'up' : t.side === 'sell' ? 'down' : '';
      return el(
        'tr',
        {},
        el('td', { class: 'num dim', text: formatClock(t.timestamp) }),
        el('td', { class: `num ${side}`, text: formatPrice(t.price) }),
        el('td', { class: 'num', text: formatCompact(t.amount) }),
      );
    });
    this.pending = [];
    this.tbody.prepend(...rows.reverse());
    while (this.tbody.childElementCount > TAPE_ROWS) this.tbody.lastElementChild?.remove();
    this.empty.hidden = true;
  }
}
