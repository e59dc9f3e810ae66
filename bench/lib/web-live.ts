/**
 * Scenarios 2 and 3 of the dashboard benchmark: one page kept open while the feed steps through
 * rates (idle, then loaded, then heavier), each step settled and then measured for a window.
 * @module
 */
import type { Browser } from 'playwright-core';
import type { BrowserCpu } from './web-browser-cpu.js';
import type { FeedCounts, SymbolRate, WebFeed } from './web-feed.js';
import { PageProbe, type WindowSample } from './web-page-probe.js';

/** One rate step. */
export interface LiveStep {
  name: string;
  rates: SymbolRate[];
}

/** A measured step: what the feed sent in the window and what the page did. */
export interface StepResult {
  step: LiveStep;
  /** Events the feed sent during the window, and over how long it counted them, ms. */
  sent: FeedCounts;
  sentOverMs: number;
  sample: WindowSample;
}

export interface LivePlan {
  browser: Browser;
  cpu: BrowserCpu;
  url: string;
  viewport: { width: number; height: number };
  feed: WebFeed;
  steps: LiveStep[];
  fullCandles: number;
  /** The page's main thread slowed this many times (1: not at all). */
  cpuThrottle: number;
  /** Resolves once the page shows what is measured (e.g. the grid's rows); bounded by the caller. */
  ready(probe: PageProbe): Promise<void>;
  warmupMs: number;
  measureMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const minus = (a: FeedCounts, b: FeedCounts): FeedCounts => ({
  tickers: a.tickers - b.tickers,
  trades: a.trades - b.trades,
  skipped: a.skipped - b.skipped,
});

/** Open the page, then measure it at every step in order; the feed is idle again at the end. */
export async function runLiveSteps(plan: LivePlan): Promise<StepResult[]> {
  const context = await plan.browser.newContext({ viewport: plan.viewport });
  const results: StepResult[] = [];
  try {
    plan.feed.setRates([]);
    const probe = await PageProbe.open(context, plan.fullCandles, plan.cpuThrottle);
    await probe.page.goto(plan.url, { waitUntil: 'load', timeout: 30_000 });
    await plan.ready(probe);
    for (const step of plan.steps) {
      plan.feed.setRates(step.rates);
      await sleep(plan.warmupMs);
      const before = plan.feed.counts();
      const from = performance.now();
      const sample = await probe.measure(plan.measureMs, plan.cpu);
      const sent = minus(plan.feed.counts(), before);
      results.push({ step, sent, sentOverMs: performance.now() - from, sample });
    }
    await probe.close();
  } finally {
    plan.feed.setRates([]);
    await context.close();
  }
  return results;
}
