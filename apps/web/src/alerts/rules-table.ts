/**
 * The alert rules with Edit and Delete buttons (their column is for traders and admins only).
 * @module
 */
import type { AlertRule } from '@tickdeck/protocol';
import { requireRole } from '../auth/role-gate.js';
import { el, scrollBox } from '../util/dom.js';
import { KIND_FIELDS } from './rule-fields.js';

/** The rule's condition in a few words, e.g. `BTC/USDT above 70000`. */
export const ruleSummary = (rule: AlertRule): string => {
  const r = rule as unknown as Record<string, unknown>;
  return KIND_FIELDS[rule.kind]
    .filter((f) => r[f.name] !== undefined)
    .map((f) => `${f.label.toLowerCase()} ${String(r[f.name])}`)
    .join(', ');
};

export const rulesTable = (
  rules: readonly AlertRule[],
  onEdit: (rule: AlertRule) => void,
  onDelete: (rule: AlertRule) => void,
): HTMLElement => {
  if (rules.length === 0) return el('p', { class: 'dim', text: 'No rule yet: create one below.' });
  const rows = rules.map((rule) => {
    const edit = el('button', { text: 'Edit', attrs: { type: 'button', 'data-action': 'edit' } });
    const del = el('button', {
      text: 'Delete',
      class: 'danger',
      attrs: { type: 'button', 'data-action': 'delete' },
    });
    edit.addEventListener('click', () => onEdit(rule));
    del.addEventListener('click', () => onDelete(rule));
    return el(
      'tr',
      { attrs: { 'data-rule-id': rule.id } },
      el('td', { text: rule.id }),
      el('td', { text: rule.name }),
      el('td', { text: rule.kind }),
      el('td', { text: ruleSummary(rule) }),
      el('td', { text: rule.severity }),
      el('td', { text: rule.enabled ? 'yes' : 'no' }),
      requireRole(el('td', { class: 'row-actions' }, edit, del), 'trader'),
    );
  });
  return scrollBox(
    'table-wrap',
    'Alert rules',
    el(
      'table',
      { class: 'data', attrs: { 'data-testid': 'rules-table' } },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Id', 'Name', 'Kind', 'Condition', 'Severity', 'Enabled'].map((h) =>
            el('th', { text: h, attrs: { scope: 'col' } }),
          ),
          requireRole(
            el('th', { attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden', text: 'Actions' })),
            'trader',
          ),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
};
