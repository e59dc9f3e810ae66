/**
 * The dashboard benchmark's figures, from the raw samples of its scenarios, and the targets of the
 * dashboard's issue with pass or fail.
 * @module
 */
import type { LoadSample } from './web-first-load.js';
import type { StepResult } from './web-live.js';
import { totalPublications } from './web-messages.js';
import {
  frameStats,
  longTaskStats,
  spread,
  type FrameStats,
  type LongTaskStats,
  type Spread,
} from './web-stats.js';

/** First candles drawn within this long of navigation start, ms. */
export const FIRST_CANDLES_TARGET_MS = 1000;
/** "A steady 60 frames/s": at least this mean rate, and no long task. */
export const STEADY_FPS = 59;

/** Figures of the first loads of one kind (cold with the feed idle or live, or cached reloads). */
export interface LoadFigures {
  live: boolean;
  cached: boolean;
  loads: number;
  responseStart: Spread;
  domContentLoaded: Spread;
  firstDrawn: Spread;
  fullDrawn: Spread;
  /** From `data-candle-count` set to the frame that drew the candles done. */
  setToDrawn: Spread;
  longTasksPerLoad: number;
  longestTaskMs: number;
  /** Total blocking time per load until the full chart was drawn. */
  blocking: Spread;
  /** Chromium CPU time per load until the full chart was drawn, ms: renderer, and all processes. */
  rendererCpuMs: Spread;
  totalCpuMs: Spread;
  /** The main thread until the full chart was drawn: busy (wall time of its tasks) and CPU, ms. */
  mainBusyMs: Spread;
  mainCpuMs: Spread;
}

export function loadFigures(samples: readonly LoadSample[], live: boolean, cached = false): LoadFigures {
  const mine = samples.filter((s) => s.live === live && s.cached === cached);
  const pick = (f: (s: LoadSample) => number | undefined): Spread =>
    spread(mine.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x)));
  const tasks = mine.map((s) => longTaskStats(s.longTasks));
  return {
    live,
    cached,
    loads: mine.length,
    responseStart: pick((s) => s.responseStart),
    domContentLoaded: pick((s) => s.domContentLoaded),
    firstDrawn: pick((s) => s.times.firstDrawn),
    fullDrawn: pick((s) => s.times.fullDrawn),
    setToDrawn: pick((s) =>
      s.times.firstDrawn !== undefined && s.times.firstSet !== undefined
        ? s.times.firstDrawn - s.times.firstSet
        : undefined,
    ),
    longTasksPerLoad: mine.length === 0 ? NaN : tasks.reduce((a, t) => a + t.count, 0) / mine.length,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.maxMs)),
    blocking: spread(tasks.map((t) => t.blockingMs)),
    rendererCpuMs: spread(mine.map((s) => s.cpu.rendererMs)),
    totalCpuMs: spread(mine.map((s) => s.cpu.totalMs)),
    mainBusyMs: spread(mine.map((s) => s.mainThread.busyMs)),
    mainCpuMs: spread(mine.map((s) => s.mainThread.cpuMs)),
  };
}

/** Figures of one live step. */
export interface StepFigures {
  name: string;
  /** Symbols that the feed sent tickers to, and trades to. */
  tickerSymbols: number;
  tradeSymbols: number;
  /** Sent by the feed per symbol per second during the window (the rate achieved, not the plan). */
  sentTickersPerSec: number;
  sentTradesPerSec: number;
  /** Events the feed's schedule skipped (it fell over a second behind): should be 0. */
  skipped: number;
  /** Publications the page received per second, by channel prefix, and all of them. */
  receivedPerSec: Record<string, number>;
  receivedTotalPerSec: number;
  framesPerSec: number;
  frames: FrameStats;
  longTasks: LongTaskStats;
  /** Renderer main thread busy, % of the window: all tasks, and script, layout, style. */
  busyPct: number;
  scriptPct: number;
  layoutPct: number;
  stylePct: number;
  /** Main-thread CPU time, % of the window. */
  mainCpuPct: number;
  heapGrowthMb: number;
  heapEndMb: number;
  domNodes: number;
  /** Chromium CPU time, % of one core: renderer processes, and all processes. */
  rendererCpuPct: number;
  totalCpuPct: number;
}

const MB = 1024 * 1024;

export function stepFigures(r: StepResult): StepFigures {
  const s = r.sample;
  const seconds = s.wallMs / 1000;
  const sentSeconds = r.sentOverMs / 1000;
  const tickerSymbols = r.step.rates.filter((x) => x.tickersPerSec > 0).length;
  const tradeSymbols = r.step.rates.filter((x) => x.tradesPerSec > 0).length;
  const receivedPerSec: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.received.byPrefix)) receivedPerSec[k] = v / seconds;
  const pct = (ms: number): number => (100 * ms) / s.wallMs;
  return {
    name: r.step.name,
    tickerSymbols,
    tradeSymbols,
    sentTickersPerSec: tickerSymbols === 0 ? 0 : r.sent.tickers / tickerSymbols / sentSeconds,
    sentTradesPerSec: tradeSymbols === 0 ? 0 : r.sent.trades / tradeSymbols / sentSeconds,
    skipped: r.sent.skipped,
    receivedPerSec,
    receivedTotalPerSec: totalPublications(s.received) / seconds,
    framesPerSec: s.received.frames / seconds,
    frames: frameStats(s.frames),
    longTasks: longTaskStats(s.longTasks),
    busyPct: pct(s.taskMs),
    scriptPct: pct(s.scriptMs),
    layoutPct: pct(s.layoutMs),
    stylePct: pct(s.styleMs),
    mainCpuPct: pct(s.threadCpuMs),
    heapGrowthMb: (s.heapEndBytes - s.heapStartBytes) / MB,
    heapEndMb: s.heapEndBytes / MB,
    domNodes: s.nodesEnd,
    rendererCpuPct: pct(s.cpu.rendererMs),
    totalCpuPct: pct(s.cpu.totalMs),
  };
}

/** Whether a step meets "a steady 60 frames/s, no long task over 50 ms". */
export const isSteady = (f: StepFigures): boolean =>
  f.longTasks.count === 0 && f.frames.fpsMean >= STEADY_FPS;

/** Whether every load drew its first candles within the target. */
export const loadsInTime = (f: LoadFigures): boolean =>
  f.loads > 0 && f.firstDrawn.max <= FIRST_CANDLES_TARGET_MS;
