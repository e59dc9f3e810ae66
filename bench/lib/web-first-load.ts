/**
 * Scenario 1 of the dashboard benchmark: fresh loads of the symbol page (a new browser context
 * each, so nothing is cached), timed from navigation start to the chart's first candles drawn and
 * to its full 1000, alternating loads with the feed idle and with it live; then as many reloads
 * with the feed live, each in a context that loaded the page once before (the assets cached, as
 * for a trader who comes back to the page).
 * @module
 */
import type { Browser } from 'playwright-core';
import { cpuUsed, type BrowserCpu, type CpuUsed } from './web-browser-cpu.js';
import { PageProbe } from './web-page-probe.js';
import type { LoadTimes } from './web-page-script.js';
import type { LongTask } from './web-stats.js';

/** One load: times are ms since navigation start. */
export interface LoadSample {
  live: boolean;
  /** A reload in a context that had loaded the page (cached assets), not a cold load. */
  cached: boolean;
  responseStart: number;
  domContentLoaded: number;
  times: LoadTimes;
  /** Long tasks from navigation to the full chart drawn. */
  longTasks: LongTask[];
  /** Chromium's CPU time from opening the context (a reload: from its navigation) to the full chart drawn. */
  cpu: CpuUsed;
  /** The page's main thread from navigation to the full chart drawn: busy (tasks) and CPU ms. */
  mainThread: { busyMs: number; cpuMs: number };
}

export interface LoadPlan {
  browser: Browser;
  cpu: BrowserCpu;
  url: string;
  viewport: { width: number; height: number };
  /** Loads of each kind (idle feed, live feed). */
  loads: number;
  fullCandles: number;
  /** The page's main thread slowed this many times (1: not at all). */
  cpuThrottle: number;
  /** Switch the feed for the next load. */
  setLive(live: boolean): void;
  /** Settling time after switching the feed, ms. */
  settleMs: number;
  /** Longest wait for the full chart, ms. */
  timeoutMs: number;
}

declare const __tdBench: { load: LoadTimes };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function loadOnce(plan: LoadPlan, live: boolean, cached: boolean): Promise<LoadSample> {
  let cpuBefore = await plan.cpu.snapshot();
  const context = await plan.browser.newContext({ viewport: plan.viewport });
  try {
    const probe = await PageProbe.open(context, plan.fullCandles, plan.cpuThrottle);
    const load = async (): Promise<void> => {
      await probe.page.goto(plan.url, { waitUntil: 'commit', timeout: plan.timeoutMs });
      await probe.page.waitForFunction(() => __tdBench.load.fullDrawn !== undefined, undefined, {
        timeout: plan.timeoutMs,
        polling: 50,
      });
    };
    // A reload counts from its navigation (the renderer's main-thread counters start again with each
    // document); a cold load from opening its context.
    if (cached) {
      await load();
      cpuBefore = await plan.cpu.snapshot();
    }
    await load();
    const cpu = cpuUsed(cpuBefore, await plan.cpu.snapshot());
    const mainThread = await probe.mainThread();
    // Long-task entries are delivered a little after the task; let the last ones arrive.
    await sleep(300);
    const times = await probe.loadTimes();
    const nav = await probe.navigationTimes();
    const longTasks = (await probe.longTasks()).filter((t) => t.start <= (times.fullDrawn ?? Infinity));
    return { live, cached, ...nav, times, longTasks, cpu, mainThread };
  } finally {
    await context.close();
  }
}

/** Run the cold loads, idle and live alternating (so drift on a shared machine hits both alike), then the cached reloads. */
export async function measureFirstLoads(plan: LoadPlan): Promise<LoadSample[]> {
  const samples: LoadSample[] = [];
  for (let i = 0; i < plan.loads * 2; i += 1) {
    const live = i % 2 === 1;
    plan.setLive(live);
    await sleep(plan.settleMs);
    samples.push(await loadOnce(plan, live, false));
  }
  plan.setLive(true);
  await sleep(plan.settleMs);
  for (let i = 0; i < plan.loads; i += 1) samples.push(await loadOnce(plan, true, true));
  plan.setLive(false);
  return samples;
}
