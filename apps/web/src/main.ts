/**
 * The dashboard's entry: theme, the session (sign-in screen or dashboard), shell, one live
 * connection, and the router that swaps pages. Chart-heavy pages (symbol, system) are loaded on
 * demand to keep the first load small.
 * @module
 */
import './styles/app.css';
import { restAuthApi } from './auth/auth-api.js';
import { SIGN_OUT_NOTICE } from './auth/auth-messages.js';
import { AuthSession } from './auth/auth-session.js';
import type { AuthState } from './auth/auth-session.js';
import { liveAuth } from './auth/live-auth.js';
import { loginScreen } from './auth/login-screen.js';
import { installRoleGate } from './auth/role-gate.js';
import { pageTokenStore } from './auth/token-store.js';
import { createLiveData } from './data/live-data.js';
import { useRequestAuth } from './data/rest.js';
import { SymbolDirectory } from './data/symbol-directory.js';
import { alertsPage } from './pages/alerts-page.js';
import { botsPage } from './pages/bots-page.js';
import { marketsPage } from './pages/markets-page.js';
import { notFoundPage } from './pages/not-found-page.js';
import type { Page, PageContext, PageFactory } from './pages/page.js';
import { portfolioPage } from './pages/portfolio-page.js';
import { Router } from './routing/router.js';
import { parseRoute } from './routing/routes.js';
import type { PageName, Route } from './routing/routes.js';
import { appShell } from './shell/app-shell.js';
import { symbolPageChannels } from './symbol/symbol-channels.js';
import { symbolJump } from './shell/symbol-jump.js';
import { initTheme } from './shell/theme.js';
import { userMenu } from './shell/user-menu.js';
import { errorBox, skeleton } from './ui/states.js';
import { el } from './util/dom.js';

initTheme();

const auth = new AuthSession({ api: restAuthApi, store: pageTokenStore() });
useRequestAuth(auth);
installRoleGate(auth);
const wsAuth = liveAuth(auth);
const live = createLiveData(() => wsAuth.token());
const symbols = new SymbolDirectory();
const router = new Router((route) => void show(route));
const context: PageContext = { live, symbols, navigate: (href, options) => router.navigate(href, options) };
const jump = symbolJump(symbols, (href) => router.navigate(href));
const shell = appShell(
  live,
  jump.open,
  userMenu(auth, () => auth.logout()),
);
const app = document.querySelector('#app')!;

const loaders: Record<PageName, () => Promise<PageFactory>> = {
  markets: async () => marketsPage,
  portfolio: async () => portfolioPage,
  bots: async () => botsPage,
  alerts: async () => alertsPage,
  'not-found': async () => notFoundPage,
  symbol: async () => (await import('./pages/symbol-page.js')).symbolPage,
  system: async () => (await import('./pages/system-page.js')).systemPage,
};

/**
 * On a first load of a chart page, fetch its code now, beside the session check, and (once inside)
 * subscribe to its channels before the code has run: the snapshot and the chunk then arrive
 * together instead of one after the other (`npm run bench:web`, docs/benchmarks.md).
 */
const firstRoute = parseRoute(location.pathname, location.search);
if (firstRoute.page === 'symbol' || firstRoute.page === 'system')
  void loaders[firstRoute.page]().catch(() => {});
let prefetched = false;
const prefetchFirstPage = (): void => {
  if (prefetched) return;
  prefetched = true;
  const route = parseRoute(location.pathname, location.search);
  if (route.page === 'symbol') live.prefetch(Object.values(symbolPageChannels(route.symbol, route.tf)));
};

let current: { name: PageName; page: Page } | undefined;
let navigation = 0;
/** The dashboard is on screen (authentication off, or someone signed in). */
let inside = false;
let routerStarted = false;

async function show(route: Route): Promise<void> {
  if (!inside) return;
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

/** Show the dashboard at the current URL and connect (again, after a sign-in). */
const enter = (): void => {
  if (!inside) {
    inside = true;
    const fromSignIn = app.querySelector('[data-testid=login-form]') !== null;
    app.replaceChildren(shell.root, jump.element);
    // Keyboard and screen reader users land on the page, not on <body>.
    if (fromSignIn) shell.main.focus();
    prefetchFirstPage();
    if (routerStarted) void show(parseRoute(location.pathname, location.search));
    else {
      routerStarted = true;
      router.start();
    }
  }
  live.client.connect();
};

/** Drop the page and the live connection, and show the sign-in screen. */
const leave = (state: Extract<AuthState, { status: 'signed-out' }>): void => {
  if (!inside && app.querySelector('[data-testid=login-form]')) return;
  inside = false;
  navigation += 1;
  current?.page.dispose();
  current = undefined;
  live.dropPrefetched();
  live.client.close();
  const screen = loginScreen({
    loginEnabled: state.loginEnabled,
    notice: state.reason === undefined ? undefined : SIGN_OUT_NOTICE[state.reason],
    login: (username, password) => auth.login(username, password),
    useToken: (token) => auth.useToken(token),
  });
  app.replaceChildren(screen.element);
  document.title = 'Sign in · tickdeck';
  screen.focus();
};

auth.onChange((state) => {
  if (state.status === 'off' || state.status === 'signed-in') enter();
  else if (state.status === 'signed-out') leave(state);
});

live.client.on('error', (error) => console.warn(`tickdeck client: ${error.code}: ${error.message}`));
// 4501: the token was refused. Retry once with a fresh one; otherwise the session ends (sign-in).
live.client.on('state', (state) => {
  void wsAuth.onState(state)?.then((again) => again && live.client.reconnectNow());
});

const boot = (): void => {
  app.replaceChildren(
    el('main', { class: 'app-main', attrs: { id: 'main' } }, skeleton(6, 'Loading tickdeck…')),
  );
  auth
    .start()
    .catch((error: unknown) =>
      app.replaceChildren(el('main', { class: 'app-main', attrs: { id: 'main' } }, errorBox(error, boot))),
    );
};
boot();
