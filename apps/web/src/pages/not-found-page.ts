import { el } from '../util/dom.js';
import { emptyState } from '../ui/states.js';
import type { PageFactory } from './page.js';

/** An unknown URL (or a symbol that is not a valid `BASE/QUOTE`). */
export const notFoundPage: PageFactory = (route) => {
  const path = route.page === 'not-found' ? route.path : '';
  const element = el(
    'section',
    { attrs: { 'data-page': 'not-found' } },
    el('h1', { class: 'page-title', text: 'Page not found' }),
    emptyState({
      title: 'Nothing here',
      lines: [`tickdeck has no page at ${path}.`, 'Symbols look like BTC/USDT: press / to jump to one.'],
      action: { label: 'Go to the markets', href: '/markets' },
    }),
  );
  return { element, title: 'Not found', dispose: () => undefined };
};
