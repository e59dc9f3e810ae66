/**
 * The System page's tables of sources and stores, rebuilt from each reading (a handful of rows).
 * @module
 */
import { el, scrollBox } from '../util/dom.js';
import type { SystemSource, SystemStore } from './system-status.js';

const badge = (state: string): HTMLElement =>
  el('span', { class: 'badge', text: state, attrs: { 'data-state': state } });

const table = (
  testid: string,
  label: string,
  headers: string[],
  rows: HTMLTableRowElement[],
  empty: string,
): HTMLElement => {
  if (rows.length === 0) return el('p', { class: 'dim', text: empty });
  return scrollBox(
    'table-wrap',
    label,
    el(
      'table',
      { class: 'data live', attrs: { 'data-testid': testid } },
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { text: h })))),
      el('tbody', {}, ...rows),
    ),
  );
};

export const sourcesTable = (
  sources: readonly SystemSource[],
  latency: Record<string, number>,
): HTMLElement =>
  table(
    'sources-table',
    'Sources',
    ['Source', 'Kind', 'State', 'Latency', 'Reason'],
    sources.map((s) =>
      el(
        'tr',
        {},
        el('td', { text: s.name }),
        el('td', { class: 'dim', text: s.kind }),
        el('td', {}, badge(s.state)),
        el('td', {
          class: 'num',
          text: latency[s.name] === undefined ? '—' : `${Math.round(latency[s.name]!)} ms`,
        }),
        el('td', { class: 'dim', text: s.reason ?? '' }),
      ),
    ),
    'No source reported yet. Configure a market data source (simulator, ccxt, ZeroMQ or replay).',
  );

export const storesTable = (stores: readonly SystemStore[]): HTMLElement =>
  table(
    'stores-table',
    'Stores',
    ['Store', 'State', 'Detail'],
    stores.map((s) =>
      el(
        'tr',
        {},
        el('td', { text: s.name }),
        el('td', {}, badge(s.state)),
        el('td', { class: 'dim', text: s.detail ?? '' }),
      ),
    ),
    'No store reported yet.',
  );
