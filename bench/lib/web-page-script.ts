/**
 * The script the dashboard benchmark installs in every page before the dashboard's own code runs:
 * a requestAnimationFrame loop that records frame timestamps while a window is open, a
 * PerformanceObserver for long tasks, and the time the chart's first candles were drawn.
 *
 * "Drawn" is honest about rendering: the chart sets `data-candle-count` when it hands candles to
 * lightweight-charts, which paints them later, in an animation frame of its own (after a resize,
 * if the chart was just shown). So the probe watches the 2D-canvas calls of the chart's canvases:
 * the first one after the count was set marks the frame that draws the candles, and a message
 * posted then is delivered once that frame's rendering steps are done: that is "drawn". The hooks
 * cost a few calls to performance.now() per paint and are removed once the full count was drawn.
 * @module
 */
import type { LongTask } from './web-stats.js';

/** Times since navigation start (performance.now()), ms; absent until they happen. */
export interface LoadTimes {
  /** `data-candle-count` first > 0. */
  firstSet?: number;
  /** …and the frame in which the chart's canvases drew them done rendering. */
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
  CanvasRenderingContext2D: { prototype: Record<string, (...args: unknown[]) => unknown> };
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

  const load = state.load;
  // Waiting for the chart to draw what was set: 'first' and/or 'full'.
  const waiting = new Set<'first' | 'full'>();
  const afterThisFrame = (done: (time: number) => void): void => {
    const channel = new w.MessageChannel();
    channel.port1.onmessage = () => done(w.performance.now());
    channel.port2.postMessage(0);
  };
  const proto = w.CanvasRenderingContext2D.prototype;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  const unhook = (): void => {
    for (const [name, fn] of originals) proto[name] = fn;
    originals.clear();
  };
  const onDraw = (canvas: { closest(selector: string): unknown }): void => {
    if (waiting.size === 0 || canvas.closest('[data-testid=candle-chart]') === null) return;
    const kinds = [...waiting];
    waiting.clear();
    afterThisFrame((t) => {
      for (const k of kinds) {
        if (k === 'first') load.firstDrawn = t;
        else load.fullDrawn = t;
      }
      if (load.fullDrawn !== undefined) unhook();
    });
  };
  for (const name of ['clearRect', 'fillRect', 'fill', 'stroke', 'drawImage', 'fillText']) {
    const original = proto[name]!;
    originals.set(name, original);
    proto[name] = function (this: { canvas: { closest(selector: string): unknown } }, ...args: unknown[]) {
      onDraw(this.canvas);
      return original.apply(this, args);
    };
  }
  const observer = new w.MutationObserver(() => {
    const chart = w.document.querySelector('[data-testid=candle-chart]');
    const count = Number(chart?.getAttribute('data-candle-count') ?? 0);
    const now = w.performance.now();
    if (count > 0 && load.firstSet === undefined) {
      load.firstSet = now;
      waiting.add('first');
    }
    if (count >= fullCount && load.fullSet === undefined) {
      load.fullSet = now;
      waiting.add('full');
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
