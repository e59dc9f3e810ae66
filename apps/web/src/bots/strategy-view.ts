/**
 * A built-in bot's strategy state (`strategy:<botId>`): parameters, indicator values, last signal
 * and position.
 * @module
 */
import type { StrategyState } from '@tickdeck/protocol';
import { formatAmount, formatClock, formatPrice } from '../format/format.js';
import { el } from '../util/dom.js';

const pairs = (title: string, entries: [string, string][], field: string): HTMLElement =>
  el(
    'div',
    { class: 'kv', attrs: { 'data-field': field } },
    el('h3', { text: title }),
    el(
      'dl',
      {},
      ...entries.flatMap(([k, v]) => [
        el('dt', { text: k }),
        el('dd', { class: 'num', text: v, attrs: { 'data-key': k } }),
      ]),
    ),
  );

const num = (v: number | null): string => (v === null ? '—' : formatPrice(v));

/** Render a strategy state (rebuilt on each update: a few dozen nodes). */
export const strategyView = (s: StrategyState): HTMLElement => {
  const signal = s.lastSignal;
  return el(
    'div',
    {
      class: 'strategy',
      attrs: { 'data-testid': 'strategy-state', 'data-running': String(s.running) },
    },
    el(
      'p',
      {},
      el('strong', { text: s.strategy }),
      ` on ${s.symbol} ${s.timeframe} · `,
      el('span', {
        class: `badge`,
        text: s.running ? 'running' : 'paused',
        attrs: { 'data-state': s.running ? 'live' : 'stale' },
      }),
    ),
    el(
      'div',
      { class: 'kv-grid' },
      pairs(
        'Parameters',
        Object.entries(s.params).map(([k, v]) => [k, String(v)]),
        'params',
      ),
      pairs(
        'Indicators',
        Object.entries(s.indicators).map(([k, v]) => [k, num(v)]),
        'indicators',
      ),
      pairs(
        'Last signal',
        signal === null
          ? [['signal', 'none yet']]
          : [
              ['side', signal.side],
              ['at', formatClock(signal.at)],
              ['reason', signal.reason],
            ],
        'signal',
      ),
      pairs(
        'Position',
        [
          ['amount', formatAmount(s.position.amount)],
          ['entry', s.position.amount === 0 ? '—' : formatPrice(s.position.entryPrice)],
          ['stop-loss', num(s.position.stopLoss)],
          ['take-profit', num(s.position.takeProfit)],
        ],
        'position',
      ),
    ),
  );
};
