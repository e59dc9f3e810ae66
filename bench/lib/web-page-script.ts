/**
 * The script the dashboard benchmark installs in every page before the dashboard's own code runs:
 * a requestAnimationFrame loop that records frame timestamps while a window is open, a
 * PerformanceObserver for long tasks, and the time the chart's first candles were drawn.
 *
 * "Drawn" is honest about rendering: the chart sets `data-candle-count` right after it hands the
 * candles to lightweight-charts, which paints them in its next animation frame; the probe then asks
 * for an animation frame of its own (run after the chart's, in the same frame) and posts a message
 * from it, which is delivered once that frame's rendering steps are done.
 * @module
 */
import type { LongTask } from './web-stats.js';

/** Times since navigation start (performance.now()), ms; absent until they happen. */
export interface LoadTimes {
  /** `data-candle-count` first > 0. */
  firstSet?: number;
  /** …and the frame that drew them done. */
  firstDrawn?: number;
  /** `data-candle-count` first ≥ the full count (1000). */
  fullSet?: number;
  fullDrawn?: number;
}

/** `window.__tdBench`. */
export interface ProbeState {
  recording: boolean;
  frames: number[];
  longTasks: LongTask[];
  load: LoadTimes;
}

/** At most this many frames or long tasks are kept (10 minutes of frames at 60 Hz). */
const MAX_SAMPLES = 36_000;

/** The part of the browser's globals the probe uses (this package has no DOM types). */
interface ProbeGlobals {
  __tdBench?: ProbeState;
  performance: { now(): number };
  requestAnimationFrame(callback: (time: number) => void): number;
  PerformanceObserver: new (
    callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(value: unknown): void };
  };
  MutationObserver: new (callback: () => void) => {
    observe(
      target: unknown,
      options: { subtree: boolean; attributes: boolean; attributeFilter: string[] },
    ): void;
    disconnect(): void;
  };
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
}

/** Runs in the page (serialized with toString(): it must not use anything from outside). */
function installProbe(fullCount: number, maxSamples: number): void {
  const w = globalThis as unknown as ProbeGlobals;
  const state: ProbeState = { recording: false, frames: [], longTasks: [], load: {} };
  w.__tdBench = state;

  const loop = (time: number): void => {
    if (state.recording && state.frames.length < maxSamples) state.frames.push(time);
    w.requestAnimationFrame(loop);
  };
  w.requestAnimationFrame(loop);

  try {
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (state.longTasks.length < maxSamples)
          state.longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the report shows none, and says the browser's version.
  }

  const afterFrame = (done: (time: number) => void): void => {
    w.requestAnimationFrame(() => {
      const channel = new w.MessageChannel();
      channel.port1.onmessage = () => done(w.performance.now());
      channel.port2.postMessage(0);
    });
  };
  const observer = new w.MutationObserver(() => {
    const chart = w.document.querySelector('[data-testid=candle-chart]');
    const count = Number(chart?.getAttribute('data-candle-count') ?? 0);
    const now = w.performance.now();
    const load = state.load;
    if (count > 0 && load.firstSet === undefined) {
      load.firstSet = now;
      afterFrame((t) => (load.firstDrawn = t));
    }
    if (count >= fullCount && load.fullSet === undefined) {
      load.fullSet = now;
      afterFrame((t) => (load.fullDrawn = t));
      observer.disconnect();
    }
  });
  observer.observe(w.document, { subtree: true, attributes: true, attributeFilter: ['data-candle-count'] });
}

/**
 * The init script's source. The `__name` line is for runs from sources: tsx compiles this file
 * with esbuild's keepNames, whose helper would otherwise be missing in the page.
 */
export const probeScript = (fullCount: number): string =>
  `globalThis.__name ??= (f) => f;\n(${installProbe.toString()})(${fullCount}, ${MAX_SAMPLES});`;
