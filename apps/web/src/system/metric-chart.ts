/**
 * A small live time-series chart (uPlot) for the System page: a fixed set of series sharing one
 * time axis, sized to its container.
 * @module
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar } from '../shell/theme.js';
import { DEFAULT_WINDOW_MS } from './system-history.js';

export interface MetricSeries {
  label: string;
  /** A CSS custom property name for the stroke, e.g. `--accent`. */
  colorVar: string;
}

const WINDOW_S = DEFAULT_WINDOW_MS / 1000;

/** Value-axis steps of a chart of whole numbers (connections, CPU %): never a tick between two integers. */
const INTEGER_INCRS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
];

/** Chart height in CSS pixels. */
export const METRIC_CHART_HEIGHT = 160;

export class MetricChart {
  private plot: uPlot | undefined;
  private readonly observer: ResizeObserver;
  private data: uPlot.AlignedData;

  constructor(
    private readonly host: HTMLElement,
    private readonly series: readonly MetricSeries[],
    private readonly formatValue: (v: number) => string,
    /** Whole-number values: ticks only at integers. */
    private readonly integer = false,
  ) {
    this.data = [[], ...series.map(() => [])];
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(host);
    this.create();
  }

  setData(times: number[], columns: (number | null)[][]): void {
    this.data = [times, ...columns];
    this.plot?.setData(this.data);
  }

  /** Recreate with the current theme's colours. */
  restyle(): void {
    this.plot?.destroy();
    this.create();
  }

  dispose(): void {
    this.observer.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private create(): void {
    const axis = {
      stroke: cssVar('--text-dim'),
      grid: { stroke: cssVar('--border'), width: 1 },
      ticks: { stroke: cssVar('--border'), width: 1 },
    };
    const format = this.formatValue;
    this.plot = new uPlot(
      {
        width: Math.max(200, this.host.clientWidth),
        height: METRIC_CHART_HEIGHT,
        legend: { show: this.series.length > 1 },
        cursor: { drag: { x: false, y: false } },
        // Always the whole window, ending at the newest reading, even with a single point.
        scales: { x: { time: true, range: (_u, _min, max) => [max - WINDOW_S, max] } },
        axes: [
          axis,
          {
            ...axis,
            size: 84,
            values: (_u, splits) => splits.map((v) => format(v)),
            ...(this.integer ? { incrs: INTEGER_INCRS } : {}),
          },
        ],
        series: [
          {},
          ...this.series.map((s) => ({
            label: s.label,
            stroke: cssVar(s.colorVar) || cssVar('--accent'),
            width: 1.5,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
          })),
        ],
      },
      this.data,
      this.host,
    );
  }

  private resize(): void {
    const width = Math.max(200, this.host.clientWidth);
    if (this.plot && this.plot.width !== width) this.plot.setSize({ width, height: METRIC_CHART_HEIGHT });
  }
}
