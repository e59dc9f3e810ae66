/**
 * The last candles as a table, newest first; rows are reused and only changed cells written.
 * @module
 */
import type { Candle } from '@tickdeck/protocol';
import { formatCompact, formatDateTime, formatPrice } from '../format/format.js';
import { el, scrollBox, setText } from '../util/dom.js';

export const OHLCV_ROWS = 20;

export class OhlcvTable {
  readonly element: HTMLElement;
  private readonly tbody = el('tbody');
  private readonly rows: HTMLTableCellElement[][] = [];

  constructor() {
    const head = el(
      'tr',
      {},
      el('th', { text: 'Open time' }),
      ...['Open', 'High', 'Low', 'Close', 'Volume'].map((h) => el('th', { class: 'num', text: h })),
    );
    this.element = scrollBox(
      'table-wrap',
      'Candles',
      el(
        'table',
        { class: 'data live', attrs: { 'data-testid': 'ohlcv-table' } },
        el('thead', {}, head),
        this.tbody,
      ),
    );
  }

  /** Show `candles` (newest first, at most {@link OHLCV_ROWS}). */
  render(candles: readonly Candle[]): void {
    const shown = candles.slice(0, OHLCV_ROWS);
    while (this.rows.length < shown.length) {
      const cells = [
        el('td', { class: 'num dim' }),
        ...Array.from({ length: 5 }, () => el('td', { class: 'num' })),
      ];
      this.rows.push(cells);
      this.tbody.append(el('tr', {}, ...cells));
    }
    while (this.rows.length > shown.length) {
      this.rows.pop();
      this.tbody.lastElementChild?.remove();
    }
    shown.forEach((c, i) => {
      const cells = this.rows[i]!;
      const texts = [
        formatDateTime(c.time),
        formatPrice(c.open),
        formatPrice(c.high),
        formatPrice(c.low),
        formatPrice(c.close),
        formatCompact(c.volume),
      ];
      texts.forEach((text, j) => setText(cells[j]!, text));
      cells[4]!.classList.toggle('up', c.close > c.open);
      cells[4]!.classList.toggle('down', c.close < c.open);
    });
  }
}
