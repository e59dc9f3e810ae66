/**
 * The header's connection indicator: a coloured dot and label driven by the SDK's state events,
 * a countdown while waiting to reconnect, and a reconnect button.
 * @module
 */
import type { LiveData } from '../data/live-data.js';
import { el, setText } from '../util/dom.js';
import { connectionView } from './connection-view.js';

export const connectionIndicator = (live: LiveData): HTMLElement => {
  const dot = el('span', { class: 'conn-dot', attrs: { 'aria-hidden': 'true' } });
  const label = el('span', { class: 'conn-label' });
  const button = el('button', { text: 'Reconnect', attrs: { type: 'button' } });
  // Screen readers hear status changes only, not every tick of the countdown.
  const announce = el('span', { class: 'visually-hidden', attrs: { role: 'status' } });
  const root = el(
    'div',
    { class: 'conn', attrs: { 'data-testid': 'connection' } },
    dot,
    label,
    button,
    announce,
  );
  button.addEventListener('click', () => live.reconnect());

  const render = (): void => {
    const view = connectionView(live.connection, Date.now());
    const status = live.connection.state.status;
    if (root.dataset.status !== status) setText(announce, `Connection: ${status}. ${view.detail}`);
    root.dataset.tone = view.tone;
    root.dataset.status = status;
    setText(label, view.label);
    root.title = view.detail;
    button.hidden = !view.canReconnect;
  };

  // The countdown and the offline age move every second even without events.
  let ticking: number | undefined;
  live.onConnection((info) => {
    render();
    const needsTick = info.state.status !== 'connected';
    if (needsTick && ticking === undefined) ticking = window.setInterval(render, 500);
    if (!needsTick && ticking !== undefined) {
      clearInterval(ticking);
      ticking = undefined;
    }
  });
  return root;
};
