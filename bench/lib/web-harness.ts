/**
 * The browser-test harness (apps/web/e2e/harness.ts: start a real server process, launch Chromium),
 * reused by the dashboard benchmark. It is TypeScript outside this package's build, so it is loaded
 * from its source through tsx (`npm run bench:web` runs node with `--import tsx`), and this file
 * states the part of its API the benchmark uses.
 * @module
 */
import type { Browser } from 'playwright-core';

/** A running server, as the harness's `startServer` returns it. */
export interface HarnessServer {
  baseUrl: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
  logs(): string;
}

/** The harness functions the benchmark calls. */
export interface Harness {
  CHROMIUM: string;
  CHROMIUM_ARGS: readonly string[];
  REPO_ROOT: string;
  /** Why a browser run cannot happen here (Chromium or the build missing), or undefined. */
  e2eSkipReason(): string | undefined;
  freePort(): Promise<number>;
  startServer(options: { startTimeoutMs?: number; config?: Record<string, unknown> }): Promise<HarnessServer>;
  launchBrowser(options: { args?: readonly string[] }): Promise<Browser>;
}

const NAMES = ['e2eSkipReason', 'freePort', 'startServer', 'launchBrowser'] as const;

/** Import the harness; fails with what to do when tsx is not loaded or the harness changed. */
export async function loadHarness(): Promise<Harness> {
  // From bench/lib (sources) or bench/dist/lib (built): the repository root is two or three levels up.
  const up = import.meta.url.includes('/bench/dist/') ? '../../../' : '../../';
  const url = new URL(`${up}apps/web/e2e/harness.ts`, import.meta.url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `cannot load ${url.pathname} (${(error as Error).message}); run through "npm run bench:web", ` +
        'which starts node with --import tsx',
      { cause: error },
    );
  }
  for (const name of NAMES) {
    if (typeof mod[name] !== 'function') throw new Error(`the e2e harness no longer exports ${name}()`);
  }
  return mod as unknown as Harness;
}
