/**
 * The dashboard's entry: theme, shell, one live connection, and the router that swaps pages.
 * Chart-heavy pages (symbol, system) are loaded on demand to keep the first load small.
 * @module
 */
import './styles/app.css';
import { createLiveData } from './data/live-data.js';
import { SymbolDirectory } from './data/symbol-directory.js';
import { alertsPage } from './pages/alerts-page.js';
import { botsPage } from './pages/bots-page.js';
import { marketsPage } from './pages/markets-page.js';
import { notFoundPage } from './pages/not-found-page.js';
import type { Page, PageContext, PageFactory } from './pages/page.js';
import { portfolioPage } from './pages/portfolio-page.js';
import { Router } from './routing/router.js';
import type { PageName, Route } from './routing/routes.js';
import { appShell } from './shell/app-shell.js';
import { symbolJump } from './shell/symbol-jump.js';
import { initTheme } from './shell/theme.js';
import { errorBox, skeleton } from './ui/states.js';

initTheme();

const live = createLiveData();
const symbols = new SymbolDirectory();
const router = new Router((route) => void show(route));
const context: PageContext = { live, symbols, navigate: (href, options) => router.navigate(href, options) };
const jump = symbolJump(symbols, (href) => router.navigate(href));
const shell = appShell(live, jump.open);
document.querySelector('#app')!.replaceChildren(shell.root, jump.element);

const loaders: Record<PageName, () => Promise<PageFactory>> = {
  markets: async () => marketsPage,
  portfolio: async () => portfolioPage,
  bots: async () => botsPage,
  alerts: async () => alertsPage,
  'not-found': async () => notFoundPage,
  symbol: async () => (await import('./pages/symbol-page.js')).symbolPage,
  system: async () => (await import('./pages/system-page.js')).systemPage,
};

let current: { name: PageName; page: Page } | undefined;
let navigation = 0;

async function show(route: Route): Promise<void> {
  const token = ++navigation;
  shell.setActive(route.page === 'symbol' ? 'markets' : route.page);
  if (current?.name === route.page && current.page.update?.(route)) {
    document.title = `${current.page.title} · tickdeck`;
    return;
  }
  current?.page.dispose();
  current = undefined;
  shell.main.replaceChildren(skeleton(8));
  let factory: PageFactory;
  try {
    factory = await loaders[route.page]();
  } catch (error) {
    if (token === navigation) shell.main.replaceChildren(errorBox(error, () => void show(route)));
    return;
  }
  if (token !== navigation) return;
  const page = factory(route, context);
  current = { name: route.page, page };
  document.title = `${page.title} · tickdeck`;
  shell.main.replaceChildren(page.element);
}

live.client.on('error', (error) => console.warn(`tickdeck client: ${error.code}: ${error.message}`));
router.start();
live.client.connect();
