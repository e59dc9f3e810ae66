/**
 * System: live charts of the last 15 minutes (CPU, memory, event-loop lag, messages/s, connections,
 * feed latency per source) and the state of sources and stores, from the `system` channel.
 * Loaded on demand (it carries uPlot).
 * @module
 */
import { Channels } from '@tickdeck/protocol';
import { fetchReadiness } from '../data/rest.js';
import { formatBytes, formatCompact, formatMs } from '../format/format.js';
import { THEME_EVENT } from '../shell/theme.js';
import { MetricChart } from '../system/metric-chart.js';
import type { MetricSeries } from '../system/metric-chart.js';
import { sourcesTable, storesTable } from '../system/status-tables.js';
import { SystemHistory } from '../system/system-history.js';
import type { ScalarMetric } from '../system/system-history.js';
import { readSystemStatus } from '../system/system-status.js';
import type { SystemStatus } from '../system/system-status.js';
import { el, setText } from '../util/dom.js';
import { FrameScheduler } from '../util/frame-scheduler.js';
import { Scope } from '../util/scope.js';
import { errorBox, skeleton } from '../ui/states.js';
import type { PageFactory } from './page.js';

interface Panel {
  title: string;
  metrics: ScalarMetric[];
  series: MetricSeries[];
  format: (v: number) => string;
  /** Whole numbers, or shown as such: axis ticks at integers only. */
  integer?: boolean;
}

const PANELS: Panel[] = [
  {
    title: 'CPU',
    metrics: ['cpuPct'],
    series: [{ label: 'CPU %', colorVar: '--accent' }],
    format: (v) => `${v.toFixed(0)}%`,
    integer: true,
  },
  {
    title: 'Memory',
    metrics: ['rssBytes', 'heapUsedBytes'],
    series: [
      { label: 'RSS', colorVar: '--accent' },
      { label: 'Heap used', colorVar: '--up' },
    ],
    format: formatBytes,
  },
  {
    title: 'Event-loop lag',
    metrics: ['eventLoopLagMs'],
    series: [{ label: 'lag', colorVar: '--warn' }],
    format: formatMs,
  },
  {
    title: 'Messages per second',
    metrics: ['msgsInPerSec', 'msgsOutPerSec'],
    series: [
      { label: 'in', colorVar: '--accent' },
      { label: 'out', colorVar: '--up' },
    ],
    format: formatCompact,
  },
  {
    title: 'Connections',
    metrics: ['connections'],
    series: [{ label: 'connections', colorVar: '--accent' }],
    format: (v) => v.toFixed(0),
    integer: true,
  },
];

const LATENCY_COLORS = ['--accent', '--up', '--warn', '--down', '--text-dim'];

export const systemPage: PageFactory = (_route, { live }) => {
  const scope = new Scope();
  const history = new SystemHistory();
  let latest: SystemStatus | undefined;
  const grid = el('div', { class: 'chart-grid' });
  const sourcesBox = el('div', {}, skeleton(3));
  const storesBox = el('div', {}, skeleton(2));
  const body = el('div', {}, skeleton(8, 'Loading system health…'));
  const content = el(
    'div',
    {},
    grid,
    el(
      'div',
      { class: 'chart-grid' },
      el('div', { class: 'panel' }, el('h2', { text: 'Sources' }), sourcesBox),
      el('div', { class: 'panel' }, el('h2', { text: 'Stores' }), storesBox),
    ),
  );
  const element = el(
    'section',
    { attrs: { 'data-page': 'system', 'aria-labelledby': 'system-title' } },
    el(
      'h1',
      { class: 'page-title', text: 'System', attrs: { id: 'system-title' } },
      el('span', { class: 'dim', text: 'last 15 minutes' }),
    ),
    body,
  );

  const charts: { chart: MetricChart; panel: Panel; now: HTMLElement }[] = [];
  let latencyChart: { chart: MetricChart; sources: string[]; host: HTMLElement } | undefined;
  const latencyPanel = el('div', { class: 'panel' }, el('h2', { text: 'Feed latency by source' }));

  const buildCharts = (): void => {
    for (const c of charts) c.chart.dispose();
    charts.length = 0;
    grid.replaceChildren();
    for (const panel of PANELS) {
      const host = el('div', { class: 'uplot-host' });
      const now = el('span', { class: 'stat-now' });
      grid.append(
        el(
          'div',
          { class: 'panel', attrs: { 'data-chart': panel.metrics.join(',') } },
          el('h2', {}, `${panel.title} `, now),
          host,
        ),
      );
      charts.push({ chart: new MetricChart(host, panel.series, panel.format, panel.integer), panel, now });
    }
    grid.append(latencyPanel);
    latencyChart?.chart.dispose();
    latencyChart = undefined;
  };

  const renderLatency = (): void => {
    const sources = history.sources;
    if (latencyChart === undefined || latencyChart.sources.join() !== sources.join()) {
      latencyChart?.chart.dispose();
      latencyChart?.host.remove();
      const host = el('div', { class: 'uplot-host' });
      latencyPanel.append(host);
      const series = sources.map((name, i) => ({
        label: name,
        colorVar: LATENCY_COLORS[i % LATENCY_COLORS.length]!,
      }));
      latencyChart = { chart: new MetricChart(host, series, formatMs), sources, host };
    }
    latencyChart.chart.setData(
      history.times(),
      sources.map((s) => history.latency(s)),
    );
  };

  const scheduler = new FrameScheduler(() => {
    if (latest === undefined) return;
    if (charts.length === 0) {
      body.replaceChildren(content);
      buildCharts();
    }
    const times = history.times();
    for (const { chart, panel, now } of charts) {
      chart.setData(
        times,
        panel.metrics.map((m) => history.series(m)),
      );
      setText(
        now,
        panel.metrics.map((m) => (latest![m] === null ? '—' : panel.format(latest![m]!))).join(' / '),
      );
    }
    renderLatency();
    sourcesBox.replaceChildren(sourcesTable(latest.sources, latest.feedLatencyMs));
    storesBox.replaceChildren(storesTable(latest.stores));
  });
  scope.add(() => scheduler.cancel());
  scope.add(() => {
    for (const c of charts) c.chart.dispose();
    latencyChart?.chart.dispose();
  });

  const receive = (raw: unknown): void => {
    const status = readSystemStatus(raw);
    if (status === undefined) return;
    latest = status;
    history.add(status, status.time ?? Date.now());
    scheduler.schedule();
  };

  live.subscribe<string, unknown, unknown>(scope, Channels.system, {
    onSnapshot: (raw, info) => {
      if (info.cause === 'recovery-failed') history.clear();
      receive(raw);
    },
    onPublication: receive,
    onError: (error) => {
      const box = el(
        'div',
        {},
        errorBox(error),
        el('h2', { class: 'page-title', text: 'Readiness' }),
        storesBox,
      );
      body.replaceChildren(box);
      fetchReadiness().then(
        (r) => !scope.isDisposed && storesBox.replaceChildren(storesTable(r.dependencies)),
        (e: unknown) => !scope.isDisposed && storesBox.replaceChildren(errorBox(e)),
      );
    },
  });

  scope.listen(window, THEME_EVENT as keyof WindowEventMap, () => {
    for (const c of charts) c.chart.restyle();
    latencyChart?.chart.restyle();
  });

  return { element, title: 'System', dispose: () => scope.dispose() };
};
