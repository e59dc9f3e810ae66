/**
 * The contract between the router and a page.
 * @module
 */
import type { LiveData } from '../data/live-data.js';
import type { SymbolDirectory } from '../data/symbol-directory.js';
import type { Route } from '../routing/routes.js';

export interface PageContext {
  live: LiveData;
  symbols: SymbolDirectory;
  /** Go to an in-app URL (pushState unless `replace`). */
  navigate(href: string, options?: { replace?: boolean }): void;
}

export interface Page {
  readonly element: HTMLElement;
  /** The document title. */
  readonly title: string;
  /**
   * The URL changed but still names this page (e.g. another timeframe): adapt in place and return
   * true, or return false to be replaced by a fresh page.
   */
  update?(route: Route): boolean;
  /** Unsubscribe, stop timers, release charts. */
  dispose(): void;
}

export type PageFactory = (route: Route, context: PageContext) => Page;
