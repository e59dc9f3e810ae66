/**
 * Alerts: the live list (firing, resolved, acknowledged) with an Acknowledge button, the rules
 * editor, and "send a test notification" (those three for traders and admins only). Seeded from `/api/v1/alerts/history` and `/api/v1/alerts`,
 * then kept live by the `alerts` stream (delivered ahead of every other channel).
 * @module
 */
import { AnalyticsChannels } from '@tickdeck/protocol';
import type { AlertRule, AlertTransition } from '@tickdeck/protocol';
import { AlertBook } from '../alerts/alert-book.js';
import { requireRole, roleNote } from '../auth/role-gate.js';
import { alertList } from '../alerts/alert-list.js';
import {
  acknowledgeAlert,
  deleteRule,
  fetchActiveAlerts,
  fetchAlertHistory,
  fetchRules,
  sendTestNotification,
} from '../alerts/alerts-api.js';
import { RuleEditor } from '../alerts/rule-editor.js';
import { rulesTable } from '../alerts/rules-table.js';
import { confirmAction } from '../bots/confirm-dialog.js';
import { HttpError } from '../errors/classify-error.js';
import { classifyError } from '../errors/classify-error.js';
import '../styles/alerts.css';
import { el, setText } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';
import { Scope } from '../util/scope.js';
import { emptyState, errorBox, liveProblem, skeleton } from '../ui/states.js';
import type { PageFactory } from './page.js';

const describe = (error: unknown): string => {
  const c = classifyError(error);
  return error instanceof HttpError && error.status < 500 ? error.message : `${c.title} (${c.detail})`;
};

export const alertsPage: PageFactory = (_route, { live }) => {
  const scope = new Scope();
  const book = new AlertBook();
  const acking = new Set<string>();
  let loaded = false;

  const listBox = el('div', {}, skeleton(4, 'Loading alerts…'));
  const listNote = el('p', { class: 'dim', attrs: { role: 'status', 'data-testid': 'alert-note' } });
  const rulesBox = el('div', {}, skeleton(3, 'Loading rules…'));
  const rulesNote = el('p', { class: 'dim', attrs: { role: 'status' } });
  const editor = new RuleEditor(() => loadRules());

  const testUrl = el('input', {
    attrs: {
      type: 'url',
      placeholder: 'https://… (optional: the configured webhooks otherwise)',
      'aria-label': 'Webhook URL for the test',
    },
  });
  const testButton = el('button', {
    text: 'Send a test notification',
    attrs: { type: 'button', 'data-action': 'test-notification' },
  });
  const testNote = el('p', { class: 'dim', attrs: { role: 'status', 'data-testid': 'test-note' } });

  const element = el(
    'section',
    { attrs: { 'data-page': 'alerts', 'aria-labelledby': 'alerts-title' } },
    el('h1', { class: 'page-title', text: 'Alerts', attrs: { id: 'alerts-title' } }),
    roleNote('trader', 'Read only: acknowledging alerts and changing rules needs the trader role.'),
    el('div', { class: 'panel' }, el('h2', { text: 'Alerts' }), listBox, listNote),
    el('div', { class: 'panel' }, el('h2', { text: 'Rules' }), rulesBox, rulesNote),
    requireRole(editor.element, 'trader'),
    requireRole(
      el(
        'div',
        { class: 'panel', attrs: { 'data-testid': 'notifications' } },
        el('h2', { text: 'Notifications' }),
        el('div', { class: 'toolbar' }, testUrl, testButton),
        testNote,
      ),
      'trader',
    ),
  );

  const acknowledge = (id: string): void => {
    acking.add(id);
    scheduler.schedule();
    acknowledgeAlert(id)
      .then(
        (t) => {
          book.apply(t);
          setText(listNote, '');
        },
        (error: unknown) => setText(listNote, `Could not acknowledge: ${describe(error)}.`),
      )
      .finally(() => {
        acking.delete(id);
        scheduler.schedule();
      });
  };

  const render = (): void => {
    if (!loaded) return;
    const alerts = book.list();
    element.dataset.ready = 'true';
    listBox.replaceChildren(
      alerts.length > 0
        ? alertList(alerts, acking, acknowledge)
        : emptyState({
            title: 'No alert',
            lines: [
              'Alerts fire from rules on prices, spreads, feeds and your bots’ P&L.',
              'Create a rule below; when it fires, the alert shows here at once.',
            ],
          }),
    );
  };
  const scheduler = new FrameScheduler(render);
  scope.add(() => scheduler.cancel());

  const loadAlerts = (): void => {
    Promise.all([fetchAlertHistory(200), fetchActiveAlerts()]).then(
      ([history, active]) => {
        if (scope.isDisposed) return;
        for (const t of history) book.apply(t);
        for (const a of active) book.put(a);
        loaded = true;
        scheduler.schedule();
      },
      (error: unknown) =>
        !scope.isDisposed && !loaded && listBox.replaceChildren(errorBox(error, loadAlerts)),
    );
  };

  const remove = async (rule: AlertRule): Promise<void> => {
    const ok = await confirmAction({
      title: `Delete rule ${rule.id}?`,
      message: `Rule “${rule.name}” stops watching; its firing alerts resolve.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteRule(rule.id);
      setText(rulesNote, `Deleted rule ${rule.id}.`);
    } catch (error) {
      setText(rulesNote, `Could not delete rule ${rule.id}: ${describe(error)}.`);
    }
    loadRules();
  };

  function loadRules(): void {
    fetchRules().then(
      (rules) =>
        !scope.isDisposed &&
        rulesBox.replaceChildren(
          rulesTable(
            rules,
            (r) => editor.edit(r),
            (r) => void remove(r),
          ),
        ),
      (error: unknown) => !scope.isDisposed && rulesBox.replaceChildren(errorBox(error, loadRules)),
    );
  }

  testButton.addEventListener('click', () => {
    testButton.disabled = true;
    setText(testNote, 'Sending…');
    sendTestNotification(testUrl.value.trim() || undefined)
      .then(
        (queued) =>
          setText(
            testNote,
            queued === 0
              ? 'No webhook to send to: configure analytics.webhooks, or give a URL above.'
              : `Test notification queued for ${queued} webhook${queued === 1 ? '' : 's'}.`,
          ),
        (error: unknown) => setText(testNote, `Not sent: ${describe(error)}.`),
      )
      .finally(() => (testButton.disabled = false));
  });

  live.subscribe<string, unknown, AlertTransition>(scope, AnalyticsChannels.alerts, {
    onPublication: (t) => {
      book.apply(t);
      scheduler.schedule();
    },
    // A snapshot after a failed recovery: what was missed is in the REST history.
    onSnapshot: (_s, info) => info.cause === 'recovery-failed' && loadAlerts(),
    onError: (error) => setText(listNote, `Live updates: ${liveProblem(error)}`),
  });
  loadAlerts();
  loadRules();

  return { element, title: 'Alerts', dispose: () => scope.dispose() };
};
