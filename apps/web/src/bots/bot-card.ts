/**
 * One bot: status, connection, last heartbeat, controls (each behind a confirmation; traders and
 * admins only), the outcome of the last command, and its strategy state when it has one.
 * @module
 */
import type { StrategyState } from '@tickdeck/protocol';
import { requireRole } from '../auth/role-gate.js';
import { formatAge } from '../format/format.js';
import { el, setText } from '../util/dom.js';
import type { BotStatus } from './bots-api.js';
import { COMMAND_LABEL } from './command-text.js';
import { strategyView } from './strategy-view.js';

export type ControlKind = keyof typeof COMMAND_LABEL;

const KINDS: ControlKind[] = ['pause', 'resume', 'stop', 'close_all'];

export class BotCard {
  readonly element: HTMLElement;
  private readonly stateBadge = el('span', { class: 'badge' });
  private readonly linkBadge = el('span', { class: 'badge' });
  private readonly heartbeat = el('span', { class: 'dim live', attrs: { 'data-field': 'heartbeat' } });
  private readonly result = el('p', {
    class: 'command-result',
    attrs: { role: 'status', 'data-testid': 'command-result' },
  });
  private readonly strategy = el('div');
  private readonly buttons = new Map<ControlKind, HTMLButtonElement>();
  private status: BotStatus;

  constructor(status: BotStatus, onCommand: (kind: ControlKind) => void) {
    this.status = status;
    const controls = requireRole(
      el('div', { class: 'controls', attrs: { role: 'group', 'aria-label': `Control ${status.botId}` } }),
      'trader',
    );
    for (const kind of KINDS) {
      const button = el('button', {
        text: COMMAND_LABEL[kind],
        class: kind === 'stop' || kind === 'close_all' ? 'danger' : '',
        attrs: { type: 'button', 'data-command': kind },
      });
      button.addEventListener('click', () => onCommand(kind));
      this.buttons.set(kind, button);
      controls.append(button);
    }
    this.element = el(
      'article',
      { class: 'panel bot-card', attrs: { 'data-bot-card': status.botId } },
      el(
        'h2',
        {},
        el('span', { class: 'bot-name', text: status.botId }),
        ' ',
        this.stateBadge,
        ' ',
        this.linkBadge,
      ),
      el('p', {}, this.heartbeat),
      controls,
      this.result,
      this.strategy,
    );
    this.setStatus(status);
  }

  setStatus(status: BotStatus): void {
    this.status = status;
    this.element.dataset.state = status.state;
    this.element.dataset.connected = String(status.connected);
    setText(this.stateBadge, status.state);
    this.stateBadge.dataset.state =
      status.state === 'running' ? 'live' : status.state === 'paused' ? 'stale' : 'stopped';
    setText(this.linkBadge, status.connected ? 'connected' : 'not connected');
    this.linkBadge.dataset.state = status.connected ? 'up' : 'down';
    this.buttons.get('pause')!.disabled = status.state === 'paused';
    this.buttons.get('resume')!.disabled = status.state === 'running';
    this.tick(Date.now());
  }

  /** Refresh the ages. */
  tick(now: number): void {
    const { lastHeartbeat, lastSeen } = this.status;
    const parts = [
      lastHeartbeat === null ? 'no heartbeat yet' : `last heartbeat ${formatAge(now - lastHeartbeat)} ago`,
      lastSeen === null ? 'never heard from' : `last heard from ${formatAge(now - lastSeen)} ago`,
    ];
    setText(this.heartbeat, parts.join(' · '));
  }

  setBusy(busy: boolean): void {
    for (const b of this.buttons.values()) b.toggleAttribute('aria-busy', busy);
    this.element.toggleAttribute('data-busy', busy);
  }

  setResult(text: string, tone: 'ok' | 'bad' | '' = ''): void {
    setText(this.result, text);
    this.result.dataset.tone = tone;
  }

  setStrategy(state: StrategyState | undefined): void {
    this.strategy.replaceChildren(...(state ? [strategyView(state)] : []));
  }
}
