/**
 * Bots: each bot's status and last heartbeat, controls behind a confirmation, the built-in bot's
 * strategy state (`strategy:<botId>`), and the command audit trail. Statuses come from
 * `/api/v1/bots` (refreshed) and the `bots` channel. A command is sent only while the dashboard is
 * connected: it is never queued to fire later.
 * @module
 */
import type { StrategyState } from '@tickdeck/protocol';
import { AnalyticsChannels } from '@tickdeck/protocol';
import { roleNote } from '../auth/role-gate.js';
import { auditTable } from '../bots/audit-table.js';
import { BotCard } from '../bots/bot-card.js';
import type { ControlKind } from '../bots/bot-card.js';
import { fetchBots, fetchCommandAudit, sendCommand } from '../bots/bots-api.js';
import type { BotStatus } from '../bots/bots-api.js';
import { COMMAND_LABEL, confirmText, outcomeText } from '../bots/command-text.js';
import { confirmAction } from '../bots/confirm-dialog.js';
import { classifyError } from '../errors/classify-error.js';
import '../styles/bots.css';
import { el, setText } from '../util/dom.js';
import { Scope } from '../util/scope.js';
import { emptyState, errorBox, skeleton } from '../ui/states.js';
import type { PageFactory } from './page.js';

/** How often statuses and the audit trail are fetched again, ms. */
export const BOTS_REFRESH_MS = 5000;

/** Said when a command is refused for want of a connection. */
export const OFFLINE_REFUSAL =
  'Not sent: the dashboard is not connected to tickdeck. Commands are never queued to fire later; send it again once the connection indicator is green.';

const statusesOf = (snapshot: unknown): BotStatus[] => {
  if (Array.isArray(snapshot)) return snapshot as BotStatus[];
  if (typeof snapshot === 'object' && snapshot !== null)
    return Object.values(snapshot as Record<string, BotStatus>);
  return [];
};

export const botsPage: PageFactory = (_route, { live }) => {
  const scope = new Scope();
  const cards = new Map<string, BotCard>();
  const audit = auditTable();
  const auditNote = el('p', { class: 'dim' });
  const list = el('div', { class: 'bot-list' });
  const body = el('div', {}, skeleton(6, 'Loading bots…'));
  const element = el(
    'section',
    { attrs: { 'data-page': 'bots', 'aria-labelledby': 'bots-title' } },
    el('h1', { class: 'page-title', text: 'Bots', attrs: { id: 'bots-title' } }),
    roleNote('trader', 'Read only: sending commands to bots needs the trader role.'),
    body,
    el('div', { class: 'panel' }, el('h2', { text: 'Command audit' }), audit.element, auditNote),
  );
  let loaded = false;

  const connected = (): boolean => live.connection.state.status === 'connected';

  const command = async (botId: string, kind: ControlKind): Promise<void> => {
    const card = cards.get(botId);
    if (card === undefined) return;
    if (!connected()) return card.setResult(OFFLINE_REFUSAL, 'bad');
    const ok = await confirmAction({
      title: `${COMMAND_LABEL[kind]} ${botId}?`,
      message: confirmText(botId, kind),
      confirmLabel: COMMAND_LABEL[kind],
      danger: kind === 'stop' || kind === 'close_all',
    });
    if (!ok || scope.isDisposed) return;
    // The connection may have dropped while the dialog was open.
    if (!connected()) return card.setResult(OFFLINE_REFUSAL, 'bad');
    card.setBusy(true);
    card.setResult(`Sending ${COMMAND_LABEL[kind].toLowerCase()}…`);
    try {
      const rec = await sendCommand(botId, kind);
      card.setResult(outcomeText(rec), rec.status === 'failed' ? 'bad' : 'ok');
      refresh();
    } catch (error) {
      const c = classifyError(error);
      card.setResult(`Not sent: ${c.title.toLowerCase()} (${c.detail}).`, 'bad');
    } finally {
      card.setBusy(false);
    }
  };

  const show = (statuses: readonly BotStatus[]): void => {
    loaded = true;
    for (const status of statuses) {
      let card = cards.get(status.botId);
      if (card === undefined) {
        const botId = status.botId;
        card = new BotCard(status, (kind) => void command(botId, kind));
        cards.set(botId, card);
        live.subscribe<string, StrategyState, StrategyState>(scope, AnalyticsChannels.strategy(botId), {
          onSnapshot: (s) => cards.get(botId)?.setStrategy(s),
          onPublication: (s) => cards.get(botId)?.setStrategy(s),
          onError: () => undefined,
        });
        list.append(card.element);
      } else {
        card.setStatus(status);
      }
    }
    element.dataset.ready = 'true';
    if (cards.size > 0) {
      if (body.firstChild !== list) body.replaceChildren(list);
    } else {
      body.replaceChildren(
        emptyState({
          title: 'No bot is reporting',
          lines: [
            'Bots appear here when they report to tickdeck: status, last heartbeat, controls and strategy state.',
            'Point your bot at the ingest API (see the README’s integration section) to see it here.',
          ],
        }),
      );
    }
  };

  const refreshAudit = (): void => {
    fetchCommandAudit(50).then(
      (commands) => {
        if (scope.isDisposed) return;
        audit.render(commands);
        setText(auditNote, commands.length === 0 ? 'No command sent yet.' : '');
      },
      (error: unknown) =>
        !scope.isDisposed &&
        setText(auditNote, `Could not load the audit trail: ${classifyError(error).title.toLowerCase()}.`),
    );
  };

  const refresh = (): void => {
    fetchBots().then(
      (statuses) => !scope.isDisposed && show(statuses),
      (error: unknown) => {
        if (!scope.isDisposed && !loaded) body.replaceChildren(errorBox(error, refresh));
      },
    );
    refreshAudit();
  };

  live.subscribe<string, unknown, BotStatus>(scope, 'bots', {
    onSnapshot: (snapshot) => snapshot !== undefined && show(statusesOf(snapshot)),
    onPublication: (status) => show([status]),
    onError: () => undefined,
  });
  refresh();
  scope.interval(refresh, BOTS_REFRESH_MS);
  scope.interval(() => {
    const now = Date.now();
    for (const card of cards.values()) card.tick(now);
  }, 1000);

  return { element, title: 'Bots', dispose: () => scope.dispose() };
};
