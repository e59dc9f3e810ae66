/**
 * The headline figures: equity, total and daily P&L, return, realized, unrealized, fees, exposure.
 * @module
 */
import { formatPct } from '../format/format.js';
import { el, setText } from '../util/dom.js';
import { formatMoney, toneOf } from './money.js';
import type { PortfolioSummary } from './portfolio-summary.js';

interface Card {
  field: keyof PortfolioSummary;
  label: string;
  format: (s: PortfolioSummary) => string;
  signed?: boolean;
}

const money =
  (field: keyof PortfolioSummary, signed = false) =>
  (s: PortfolioSummary): string =>
    formatMoney(s[field] as number | null, signed);

const CARDS: Card[] = [
  { field: 'equity', label: 'Equity', format: money('equity') },
  { field: 'totalPnl', label: 'Total P&L', format: money('totalPnl', true), signed: true },
  { field: 'dailyPnl', label: 'Today', format: money('dailyPnl', true), signed: true },
  { field: 'returnPct', label: 'Return', format: (s) => formatPct(s.returnPct), signed: true },
  { field: 'unrealizedPnl', label: 'Unrealized', format: money('unrealizedPnl', true), signed: true },
  { field: 'realizedPnl', label: 'Realized', format: money('realizedPnl', true), signed: true },
  { field: 'fees', label: 'Fees', format: money('fees') },
  { field: 'grossExposure', label: 'Exposure', format: money('grossExposure') },
];

export class SummaryCards {
  readonly element: HTMLElement;
  private readonly values = new Map<Card, HTMLElement>();
  private readonly currency = el('span', { class: 'dim' });

  constructor() {
    this.element = el('div', { class: 'stat-cards', attrs: { 'data-testid': 'portfolio-summary' } });
    for (const card of CARDS) {
      const value = el('div', { class: 'stat-value num live', attrs: { 'data-field': card.field } });
      this.values.set(card, value);
      this.element.append(
        el('div', { class: 'stat-card' }, el('div', { class: 'dim', text: card.label }), value),
      );
    }
    this.element.append(
      el('div', { class: 'stat-card' }, el('div', { class: 'dim', text: 'Currency' }), this.currency),
    );
  }

  render(s: PortfolioSummary): void {
    for (const [card, node] of this.values) {
      setText(node, card.format(s));
      if (card.signed)
        node.className = `stat-value num live ${toneOf(s[card.field] as number | null)}`.trim();
    }
    setText(this.currency, s.currency ?? 'mixed: totals need one currency');
  }
}
