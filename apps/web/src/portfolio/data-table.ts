/**
 * A small table rebuilt from rows on each render (tens of rows at most), inside a `.table-wrap` (a
 * focusable region named `label`) so that it scrolls sideways on a narrow screen instead of overflowing.
 * @module
 */
import { el, scrollBox } from '../util/dom.js';

export interface Column<R> {
  label: string;
  /** The cell's text (always text, never markup). */
  text: (row: R) => string;
  numeric?: boolean;
  /** Extra class names of the cell, e.g. `up` / `down`. */
  tone?: (row: R) => string;
  /** `data-field` of the cell, for tests and styling. */
  field?: string;
}

export class DataTable<R> {
  readonly element: HTMLElement;
  private readonly body = el('tbody');

  constructor(
    testid: string,
    label: string,
    private readonly columns: readonly Column<R>[],
    private readonly rowAttrs: (row: R) => Record<string, string> = () => ({}),
  ) {
    const head = el(
      'tr',
      {},
      ...columns.map((c) =>
        el('th', { text: c.label, class: c.numeric ? 'num' : '', attrs: { scope: 'col' } }),
      ),
    );
    this.element = scrollBox(
      'table-wrap',
      label,
      el('table', { class: 'data live', attrs: { 'data-testid': testid } }, el('thead', {}, head), this.body),
    );
  }

  render(rows: readonly R[]): void {
    this.body.replaceChildren(
      ...rows.map((row) =>
        el(
          'tr',
          { attrs: this.rowAttrs(row) },
          ...this.columns.map((c) =>
            el('td', {
              text: c.text(row),
              class: [c.numeric ? 'num' : '', c.tone?.(row) ?? ''].join(' ').trim(),
              attrs: c.field ? { 'data-field': c.field } : {},
            }),
          ),
        ),
      ),
    );
  }
}
