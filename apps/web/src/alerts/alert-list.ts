/**
 * The live list of alerts: firing first, then resolved; each with its severity, message (plain
 * text), times, acknowledgement, and an Acknowledge button (traders and admins) while nobody has.
 * @module
 */
import type { Alert } from '@tickdeck/protocol';
import { requireRole } from '../auth/role-gate.js';
import { formatClock, formatDateTime } from '../format/format.js';
import { el } from '../util/dom.js';

const when = (ms: number): string =>
  new Date(ms).toDateString() === new Date().toDateString() ? formatClock(ms) : formatDateTime(ms);

const SEVERITY_STATE = { info: 'live', warning: 'stale', critical: 'failed' } as const;

const item = (a: Alert, busy: boolean, onAck: (id: string) => void): HTMLElement => {
  const times = [`fired ${when(a.firedAt)}`];
  if (a.resolvedAt !== null) times.push(`resolved ${when(a.resolvedAt)}`);
  if (a.acknowledged) times.push(`acknowledged by ${a.acknowledged.by} ${when(a.acknowledged.at)}`);
  const row = el(
    'li',
    {
      class: 'alert-item',
      attrs: {
        'data-alert-id': a.id,
        'data-rule': a.ruleId,
        'data-state': a.state,
        'data-acknowledged': String(a.acknowledged !== null),
      },
    },
    el(
      'div',
      { class: 'alert-head' },
      el('span', { class: 'badge', text: a.severity, attrs: { 'data-state': SEVERITY_STATE[a.severity] } }),
      el('span', {
        class: 'badge',
        text: a.state,
        attrs: { 'data-state': a.state === 'firing' ? 'down' : 'up' },
      }),
      el('strong', { class: 'alert-rule', text: a.ruleName }),
      el('span', { class: 'dim', text: a.subject }),
    ),
    el('p', { class: 'alert-message', text: a.message }),
    el('p', { class: 'dim alert-times', text: times.join(' · ') }),
  );
  if (a.acknowledged === null) {
    const ack = el('button', {
      text: busy ? 'Acknowledging…' : 'Acknowledge',
      attrs: { type: 'button', 'data-action': 'ack' },
    });
    ack.disabled = busy;
    ack.addEventListener('click', () => onAck(a.id));
    row.append(requireRole(ack, 'trader'));
  }
  return row;
};

/** The list element for `alerts` (already in display order). */
export const alertList = (
  alerts: readonly Alert[],
  busy: ReadonlySet<string>,
  onAck: (id: string) => void,
): HTMLElement =>
  el(
    'ul',
    { class: 'alert-list', attrs: { 'data-testid': 'alert-list' } },
    ...alerts.map((a) => item(a, busy.has(a.id), onAck)),
  );
