/**
 * Client-side navigation with the History API: in-app links and back/forward render the matching
 * page without a reload, and every page has a URL that can be bookmarked or shared.
 * @module
 */
import { parseRoute } from './routes.js';
import type { Route } from './routes.js';

/** Paths the server answers itself: links to them load normally. */
const SERVER_PATHS = ['/api/', '/docs', '/metrics', '/health', '/ready', '/ws'];

export class Router {
  constructor(private readonly onRoute: (route: Route) => void) {}

  /** Listen to links and history, and render the current URL. */
  start(): void {
    window.addEventListener('popstate', () => this.render());
    document.addEventListener('click', (event) => this.onClick(event));
    if (location.pathname === '/' || location.pathname === '') history.replaceState(null, '', '/markets');
    this.render();
  }

  navigate(href: string, options: { replace?: boolean } = {}): void {
    const url = new URL(href, location.href);
    if (url.href === location.href) return;
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.render();
  }

  private render(): void {
    this.onRoute(parseRoute(location.pathname, location.search));
  }

  private onClick(event: MouseEvent): void {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || SERVER_PATHS.some((p) => url.pathname.startsWith(p))) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}
