/**
 * The frame around every page: header (brand, navigation, jump-to-symbol, theme, connection, the
 * signed-in user), the offline banner, and the main area the router fills.
 * @module
 */
import type { LiveData } from '../data/live-data.js';
import type { PageName } from '../routing/routes.js';
import { el } from '../util/dom.js';
import { connectionIndicator } from './connection-indicator.js';
import { staleBanner } from './stale-banner.js';
import { themeToggle } from './theme.js';

const NAV: [PageName, string, string][] = [
  ['markets', '/markets', 'Markets'],
  ['portfolio', '/portfolio', 'Portfolio'],
  ['bots', '/bots', 'Bots'],
  ['alerts', '/alerts', 'Alerts'],
  ['system', '/system', 'System'],
];

export interface AppShell {
  root: HTMLElement;
  main: HTMLElement;
  /** Mark the navigation entry of the current page. */
  setActive(page: PageName): void;
}

/**
 * @param live the connection the indicator shows
 * @param openJump opens the jump-to-symbol dialog
 * @param user the signed-in user's menu (user-menu.ts)
 */
export const appShell = (live: LiveData, openJump: () => void, user: HTMLElement): AppShell => {
  const links = NAV.map(([page, href, label]) => {
    const a = el('a', { text: label, attrs: { href, 'data-nav': page } });
    return a;
  });
  const jump = el('button', {
    text: 'Symbol…',
    attrs: { type: 'button', title: 'Jump to a symbol (/ or Ctrl+K)', 'aria-keyshortcuts': '/ Control+K' },
  });
  jump.addEventListener('click', openJump);
  const header = el(
    'header',
    { class: 'app-header' },
    el('a', { class: 'brand', text: 'tickdeck', attrs: { href: '/markets' } }),
    el('nav', { class: 'nav', attrs: { 'aria-label': 'Pages' } }, ...links),
    el('div', { class: 'header-tools' }, jump, themeToggle(), connectionIndicator(live), user),
  );
  const main = el('main', { class: 'app-main', attrs: { id: 'main', tabindex: '-1' } });
  const root = el('div', { class: 'app' }, header, staleBanner(live), main);
  return {
    root,
    main,
    setActive(page) {
      for (const a of links) {
        if (a.dataset.nav === page) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
  };
};
