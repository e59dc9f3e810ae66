/**
 * The Node side of the dashboard benchmark's measurements on one page: installs the in-page probe,
 * counts the page's WebSocket publications, and reads the renderer's main-thread time and JS heap
 * through the DevTools protocol (`Performance.getMetrics`, `HeapProfiler.collectGarbage`).
 * @module
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { cpuUsed, type BrowserCpu, type CpuUsed } from './web-browser-cpu.js';
import { MessageCounts, since, type CountSnapshot } from './web-messages.js';
import { probeScript, type LoadTimes, type ProbeState } from './web-page-script.js';
import type { LongTask } from './web-stats.js';

/** The renderer's counters at one moment (Performance.getMetrics). */
interface RendererMetrics {
  heapUsedBytes: number;
  /** Main-thread busy time since the page started, ms: all tasks, then script, layout, style. */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** Main-thread CPU time (ThreadTime), ms: unlike the durations above, it does not grow when the thread waits for a core. */
  threadCpuMs: number;
  nodes: number;
}

/** What one measured window of a page gave. */
export interface WindowSample {
  wallMs: number;
  /** requestAnimationFrame timestamps, ascending. */
  frames: number[];
  longTasks: LongTask[];
  received: CountSnapshot;
  /** JS heap in use after a full GC, at the start and the end of the window. */
  heapStartBytes: number;
  heapEndBytes: number;
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  threadCpuMs: number;
  nodesEnd: number;
  /** Chromium's CPU time in the window. */
  cpu: CpuUsed;
}

declare const __tdBench: ProbeState;

export class PageProbe {
  private readonly counts = new MessageCounts();

  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => this.counts.addFrame(frame.payload)));
  }

  /**
   * A new page in `context` with the probe installed before any of the dashboard's code.
   * @param cpuThrottle slow the page's main thread this many times (1: not at all)
   */
  static async open(context: BrowserContext, fullCandles: number, cpuThrottle = 1): Promise<PageProbe> {
    const page = await context.newPage();
    await page.addInitScript({ content: probeScript(fullCandles) });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    return new PageProbe(page, cdp);
  }

  /** The main thread's busy time (all tasks) and CPU time since the page opened, ms. */
  async mainThread(): Promise<{ busyMs: number; cpuMs: number }> {
    const m = await this.metrics();
    return { busyMs: m.taskMs, cpuMs: m.threadCpuMs };
  }

  /** Publications received since the page opened. */
  received(): CountSnapshot {
    return this.counts.snapshot();
  }

  /** The first-load times so far. */
  loadTimes(): Promise<LoadTimes> {
    return this.page.evaluate(() => ({ ...__tdBench.load }));
  }

  /** Long tasks reported so far (first load: before the probe was ever reset). */
  longTasks(): Promise<LongTask[]> {
    return this.page.evaluate(() => __tdBench.longTasks.slice());
  }

  /** Navigation timing of the page: response start and DOMContentLoaded, ms since navigation. */
  navigationTimes(): Promise<{ responseStart: number; domContentLoaded: number }> {
    // A string: this package's types are Node's, whose performance has no navigation entries.
    return this.page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { responseStart: nav?.responseStart ?? NaN, domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN };
    })()`);
  }

  /**
   * Measure the page for `ms`: frames, long tasks and messages in the window; heap after a full GC
   * before and after it (the collections are outside the window, so they cost it nothing).
   */
  async measure(ms: number, cpu: BrowserCpu): Promise<WindowSample> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const before = await this.metrics();
    const started = await this.page.evaluate(() => {
      __tdBench.frames = [];
      __tdBench.recording = true;
      return performance.now();
    });
    const countsBefore = this.counts.snapshot();
    const cpuBefore = await cpu.snapshot();
    const wallStart = performance.now();
    await new Promise((r) => setTimeout(r, ms));
    const cpuAfter = await cpu.snapshot();
    const { frames, longTasks, ended } = await this.page.evaluate((from) => {
      __tdBench.recording = false;
      return {
        frames: __tdBench.frames.slice(),
        longTasks: __tdBench.longTasks.filter((t) => t.start >= from),
        ended: performance.now(),
      };
    }, started);
    const received = since(this.counts.snapshot(), countsBefore);
    const wallMs = performance.now() - wallStart;
    const after = await this.metrics();
    await this.cdp.send('HeapProfiler.collectGarbage');
    const heapEnd = (await this.metrics()).heapUsedBytes;
    return {
      wallMs,
      frames,
      longTasks: longTasks.filter((t) => t.start <= ended),
      received,
      heapStartBytes: before.heapUsedBytes,
      heapEndBytes: heapEnd,
      taskMs: after.taskMs - before.taskMs,
      scriptMs: after.scriptMs - before.scriptMs,
      layoutMs: after.layoutMs - before.layoutMs,
      styleMs: after.styleMs - before.styleMs,
      threadCpuMs: after.threadCpuMs - before.threadCpuMs,
      nodesEnd: after.nodes,
      cpu: cpuUsed(cpuBefore, cpuAfter),
    };
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    await this.page.close();
  }

  private async metrics(): Promise<RendererMetrics> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN;
    return {
      heapUsedBytes: get('JSHeapUsedSize'),
      taskMs: get('TaskDuration') * 1000,
      scriptMs: get('ScriptDuration') * 1000,
      layoutMs: get('LayoutDuration') * 1000,
      styleMs: get('RecalcStyleDuration') * 1000,
      threadCpuMs: get('ThreadTime') * 1000,
      nodes: get('Nodes'),
    };
  }
}
