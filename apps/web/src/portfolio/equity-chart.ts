/**
 * The equity curve (uPlot): one line per bot on a shared time axis, sized to its container.
 * Loaded on demand by the Portfolio page, with uPlot.
 * @module
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar } from '../shell/theme.js';
import type { AlignedSeries } from './equity-series.js';
import { formatMoney } from './money.js';

/** Chart height in CSS pixels. */
export const EQUITY_CHART_HEIGHT = 220;

const COLORS = ['--accent', '--up', '--warn', '--down', '--text-dim'];

export class EquityChart {
  private plot: uPlot | undefined;
  private readonly observer: ResizeObserver;
  private data: uPlot.AlignedData = [[]];
  private labels: string[] = [];

  constructor(private readonly host: HTMLElement) {
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(host);
  }

  /** Show `series` labelled by bot id; the chart is rebuilt when the bots change. */
  setData(botIds: readonly string[], series: AlignedSeries): void {
    this.data = [series.times, ...series.columns];
    this.host.dataset.points = String(series.times.length);
    if (this.plot === undefined || botIds.join() !== this.labels.join()) {
      this.labels = [...botIds];
      this.restyle();
    } else {
      this.plot.setData(this.data);
    }
  }

  /** Recreate with the current theme's colours. */
  restyle(): void {
    this.plot?.destroy();
    const axis = {
      stroke: cssVar('--text-dim'),
      grid: { stroke: cssVar('--border'), width: 1 },
      ticks: { stroke: cssVar('--border'), width: 1 },
    };
    this.plot = new uPlot(
      {
        width: Math.max(200, this.host.clientWidth),
        height: EQUITY_CHART_HEIGHT,
        legend: { show: this.labels.length > 1 },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 84, values: (_u, splits) => splits.map((v) => formatMoney(v)) }],
        series: [
          {},
          ...this.labels.map((label, i) => ({
            label,
            stroke: cssVar(COLORS[i % COLORS.length]!) || cssVar('--accent'),
            width: 1.5,
            spanGaps: true,
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatMoney(v)),
          })),
        ],
      },
      this.data,
      this.host,
    );
  }

  dispose(): void {
    this.observer.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private resize(): void {
    const width = Math.max(200, this.host.clientWidth);
    if (this.plot && this.plot.width !== width) this.plot.setSize({ width, height: EQUITY_CHART_HEIGHT });
  }
}
