/**
 * The dashboard benchmark's report: markdown tables of the first loads and of every live step with
 * its ratio to the idle step of the same page, and the targets with pass or fail.
 * @module
 */
import {
  FIRST_CANDLES_TARGET_MS,
  STEADY_FPS,
  isSteady,
  loadsInTime,
  type LoadFigures,
  type StepFigures,
} from './web-figures.js';
import { ratio, type Spread } from './web-stats.js';
import { f0, f1, f2, table } from './markdown.js';

/** The initial-JS figure of apps/web/scripts/check-size.mjs. */
export interface SizeFigure {
  totalKb: number;
  budgetKb: number;
  ok: boolean;
}

export interface WebResults {
  loads: LoadFigures[];
  grid: StepFigures[];
  symbol: StepFigures[];
  size: SizeFigure | undefined;
  symbolName: string;
  gridSymbols: number;
}

const spreadText = (s: Spread): string => `${f0(s.p50)} / ${f0(s.p95)} / ${f0(s.max)}`;

/** Scenario 1: one row per kind of load. */
export function loadTable(loads: readonly LoadFigures[]): string {
  return table(
    [
      'feed during load',
      'loads',
      'response start p50 ms',
      'DOMContentLoaded p50 ms',
      'first candles drawn p50 / p95 / max ms',
      '1000 candles drawn p50 / p95 / max ms',
      'candles set → frame done p50 ms',
      'long tasks per load',
      'longest task ms',
      'blocking time p50 / max ms',
      'main thread until drawn p50: busy / CPU ms',
      'Chromium CPU ms p50 (renderer / all)',
    ],
    loads.map((l) => [
      l.cached ? 'live, reload with cached assets' : l.live ? 'live' : 'idle',
      String(l.loads),
      f0(l.responseStart.p50),
      f0(l.domContentLoaded.p50),
      spreadText(l.firstDrawn),
      spreadText(l.fullDrawn),
      f1(l.setToDrawn.p50),
      f1(l.longTasksPerLoad),
      f0(l.longestTaskMs),
      `${f0(l.blocking.p50)} / ${f0(l.blocking.max)}`,
      `${f0(l.mainBusyMs.p50)} / ${f0(l.mainCpuMs.p50)}`,
      `${f0(l.rendererCpuMs.p50)} / ${f0(l.totalCpuMs.p50)}`,
    ]),
  );
}

const received = (f: StepFigures): string => {
  const parts = Object.entries(f.receivedPerSec)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${f1(v)}`);
  return parts.length === 0 ? '0' : `${f1(f.receivedTotalPerSec)} (${parts.join(', ')})`;
};

const sent = (f: StepFigures): string => {
  const parts: string[] = [];
  if (f.tickerSymbols > 0) parts.push(`${f2(f.sentTickersPerSec)} tickers × ${f.tickerSymbols}`);
  if (f.tradeSymbols > 0) parts.push(`${f2(f.sentTradesPerSec)} trades × ${f.tradeSymbols}`);
  if (f.skipped > 0) parts.push(`${f.skipped} skipped`);
  return parts.length === 0 ? 'idle' : parts.join(' + ');
};

/** Scenarios 2 and 3: one row per step, ratios against the first (idle) step. */
export function stepTable(steps: readonly StepFigures[]): string {
  const idle = steps[0];
  return table(
    [
      'step',
      'feed sent /s per symbol',
      'page received pub/s (by channel)',
      'frames/s mean',
      '1 % low fps',
      'frame p50 / p99 / max ms',
      'dropped frames (long frames)',
      'long tasks: n / total / max ms',
      'main thread busy % (script / layout / style)',
      'main thread CPU %',
      'Chromium CPU % of a core (renderer / all)',
      'heap after GC MB (growth)',
      'busy ÷ idle',
      'fps ÷ idle',
    ],
    steps.map((f) => [
      f.name,
      sent(f),
      received(f),
      f1(f.frames.fpsMean),
      f1(f.frames.fpsLow),
      `${f1(f.frames.p50Ms)} / ${f1(f.frames.p99Ms)} / ${f1(f.frames.maxMs)}`,
      `${f.frames.droppedFrames} (${f.frames.longFrames})`,
      `${f.longTasks.count} / ${f0(f.longTasks.totalMs)} / ${f0(f.longTasks.maxMs)}`,
      `${f1(f.busyPct)} (${f1(f.scriptPct)} / ${f1(f.layoutPct)} / ${f1(f.stylePct)})`,
      f1(f.mainCpuPct),
      `${f1(f.rendererCpuPct)} / ${f1(f.totalCpuPct)}`,
      `${f1(f.heapEndMb)} (${f.heapGrowthMb >= 0 ? '+' : ''}${f2(f.heapGrowthMb)})`,
      idle ? f2(ratio(f.busyPct, idle.busyPct)) : '–',
      idle ? f2(ratio(f.frames.fpsMean, idle.frames.fpsMean)) : '–',
    ]),
  );
}

const steadyText = (f: StepFigures | undefined): string =>
  f === undefined
    ? 'not run'
    : `${f1(f.frames.fpsMean)} fps mean, 1 % low ${f1(f.frames.fpsLow)}, ${f.frames.droppedFrames} dropped frames, ` +
      `${f.longTasks.count} long tasks${f.longTasks.count > 0 ? ` (max ${f0(f.longTasks.maxMs)} ms)` : ''}; ` +
      `received ${f1(f.receivedTotalPerSec)} pub/s`;

const mark = (ok: boolean | undefined): string => (ok === undefined ? '–' : ok ? 'pass' : 'fail');

/** The targets of the dashboard's issue, with what was measured. */
export function targetTable(r: WebResults): string {
  const cold = r.loads.find((l) => l.live && !l.cached && l.loads > 0);
  const gridLoaded = r.grid[1];
  const symbolLoaded = r.symbol[1];
  const rows: string[][] = [
    [
      `first candles drawn ≤ ${FIRST_CANDLES_TARGET_MS} ms after navigation (symbol page, 1000 candles, localhost; every cold load, feed live)`,
      cold
        ? `p50 ${f0(cold.firstDrawn.p50)}, p95 ${f0(cold.firstDrawn.p95)}, max ${f0(cold.firstDrawn.max)} ms (${cold.loads} loads)`
        : 'not run',
      mark(cold && loadsInTime(cold)),
    ],
    [
      `markets grid, ${r.gridSymbols} symbols × ${gridLoaded ? f1(gridLoaded.sentTickersPerSec) : '?'} updates/s: ≥ ${STEADY_FPS} fps mean, no long task`,
      steadyText(gridLoaded),
      mark(gridLoaded && isSteady(gridLoaded)),
    ],
    [
      `symbol page (${r.symbolName}) at ${symbolLoaded ? f1(symbolLoaded.sentTickersPerSec + symbolLoaded.sentTradesPerSec) : '?'} updates/s: ≥ ${STEADY_FPS} fps mean, no long task`,
      steadyText(symbolLoaded),
      mark(symbolLoaded && isSteady(symbolLoaded)),
    ],
    [
      `initial JS ≤ ${r.size ? f0(r.size.budgetKb) : 250} KB gzip (apps/web/scripts/check-size.mjs)`,
      r.size ? `${f1(r.size.totalKb)} KB` : 'not measured (build missing?)',
      mark(r.size?.ok),
    ],
  ];
  return table(['target', 'measured', 'result'], rows);
}

/** The whole report: header lines first, then the tables. */
export function renderReport(header: readonly string[], r: WebResults): string {
  const section = (title: string, body: string, rows: number): string[] =>
    rows === 0 ? [] : [`### ${title}`, '', body, ''];
  return [
    ...header,
    '',
    ...section('First load of the symbol page', loadTable(r.loads), r.loads.length),
    ...section(`Markets grid (${r.gridSymbols} symbols)`, stepTable(r.grid), r.grid.length),
    ...section(`Symbol page (${r.symbolName} 1m)`, stepTable(r.symbol), r.symbol.length),
    '### Targets',
    '',
    targetTable(r),
    '',
  ].join('\n');
}
