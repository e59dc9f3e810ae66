/**
 * Frame of the pages fed by a bot (portfolio, bots, alerts) until the server publishes their
 * channels: a title and an empty state that says what is needed. Nothing is faked.
 * @module
 */
import { el } from '../util/dom.js';
import { emptyState } from '../ui/states.js';
import type { Page } from './page.js';

export interface BotFeatureOptions {
  name: 'portfolio' | 'bots' | 'alerts';
  title: string;
  emptyTitle: string;
  lines: string[];
}

export const botFeaturePage = (options: BotFeatureOptions): Page => {
  const element = el(
    'section',
    { attrs: { 'data-page': options.name, 'aria-labelledby': `${options.name}-title` } },
    el('h1', { class: 'page-title', text: options.title, attrs: { id: `${options.name}-title` } }),
    emptyState({
      title: options.emptyTitle,
      lines: options.lines,
      action: { label: 'Watch the markets meanwhile', href: '/markets' },
    }),
  );
  return { element, title: options.title, dispose: () => undefined };
};
