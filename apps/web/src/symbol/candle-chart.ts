/**
 * The symbol page's chart (lightweight-charts): candles and volume in the main pane, EMA and
 * Bollinger overlays, RSI and MACD in their own panes. It draws a {@link CandleBook}; the
 * container carries `data-candle-count` (the candle series' length, read from the chart) and
 * `data-last-candle` (`<open time ms>:<close>`), which browser tests read.
 * @module
 */
import { CandlestickSeries, ColorType, HistogramSeries, LineSeries, createChart } from 'lightweight-charts';
import type { IChartApi, ISeriesApi, LogicalRange, SeriesType } from 'lightweight-charts';
import { THEME_EVENT, cssVar } from '../shell/theme.js';
import type { CandleBook } from './candle-book.js';
import { indicatorLines, toBar, toVolume } from './chart-data.js';
import { localCrosshairTime, localTickMark } from './local-time.js';
import type { IndicatorLineName, IndicatorLines } from './chart-data.js';

export interface IndicatorToggles {
  ema: boolean;
  bollinger: boolean;
  rsi: boolean;
  macd: boolean;
}

/** Ask for older candles when fewer than this many bars are left of the view. */
export const LOAD_OLDER_THRESHOLD_BARS = 20;

type Colors = Record<
  'bg' | 'text' | 'grid' | 'border' | 'up' | 'down' | 'accent' | 'dim' | 'upFaint' | 'downFaint',
  string
>;

const readColors = (): Colors => ({
  bg: cssVar('--bg-raised'),
  text: cssVar('--text'),
  grid: cssVar('--border'),
  border: cssVar('--border'),
  up: cssVar('--up'),
  down: cssVar('--down'),
  accent: cssVar('--accent'),
  dim: cssVar('--text-dim'),
  upFaint: cssVar('--flash-up'),
  downFaint: cssVar('--flash-down'),
});

const LINE = {
  lineWidth: 1,
  priceLineVisible: false,
  lastValueVisible: false,
  crosshairMarkerVisible: false,
} as const;

export class CandleChart {
  readonly element: HTMLDivElement;
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private indicators = new Map<IndicatorLineName, ISeriesApi<SeriesType>>();
  private colors = readColors();
  private toggles: IndicatorToggles = { ema: true, bollinger: true, rsi: true, macd: true };
  private readonly onTheme = (): void => this.applyTheme();
  private readonly onRange = (range: LogicalRange | null): void => {
    if (range !== null && range.from < LOAD_OLDER_THRESHOLD_BARS && this.book.size > 0) this.onNeedOlder();
  };

  constructor(
    private readonly book: CandleBook,
    private readonly onNeedOlder: () => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'candle-chart';
    this.element.dataset.testid = 'candle-chart';
    this.element.dataset.candleCount = '0';
    this.chart = createChart(this.element, {
      autoSize: true,
      timeScale: { timeVisible: true, secondsVisible: false, tickMarkFormatter: localTickMark },
      localization: { timeFormatter: localCrosshairTime },
      // The library's logo comes with an inline <style>, which the Content-Security-Policy refuses;
      // the attribution its licence asks for is the link below instead.
      layout: { attributionLogo: false },
    });
    const credit = document.createElement('a');
    credit.className = 'chart-credit';
    credit.href = 'https://www.tradingview.com/';
    credit.target = '_blank';
    credit.rel = 'noopener noreferrer';
    credit.textContent = 'Charts by TradingView';
    this.element.append(credit);
    this.candles = this.chart.addSeries(CandlestickSeries, { borderVisible: false });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceFormat: { type: 'volume' },
      priceScaleId: 'volume',
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.applyTheme();
    this.rebuildIndicators();
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
    window.addEventListener(THEME_EVENT, this.onTheme);
  }

  /** Draw the whole book (snapshot, older page, or a change before the newest candle). */
  redraw(): void {
    const { up, down, upFaint, downFaint } = this.colors;
    const all = this.book.candles;
    this.candles.setData(all.map(toBar));
    this.volume.setData(all.map((c) => toVolume(c, upFaint || up, downFaint || down)));
    const lines = indicatorLines(all, { up, down });
    for (const [name, series] of this.indicators) series.setData(lines[name]);
    this.publish();
  }

  /** Draw the newest `count` candles again (the open candle moved, or new ones were appended). */
  updateTail(count: number): void {
    const { up, down, upFaint, downFaint } = this.colors;
    const all = this.book.candles;
    const from = Math.max(0, all.length - count);
    for (let i = from; i < all.length; i += 1) {
      this.candles.update(toBar(all[i]!));
      this.volume.update(toVolume(all[i]!, upFaint || up, downFaint || down));
    }
    if (this.indicators.size > 0) {
      const lines: IndicatorLines = indicatorLines(all, { up, down });
      for (const [name, series] of this.indicators) {
        const points = lines[name];
        for (let i = from; i < points.length; i += 1) series.update(points[i]!);
      }
    }
    this.publish();
  }

  setToggles(toggles: IndicatorToggles): void {
    this.toggles = toggles;
    this.rebuildIndicators();
    this.redraw();
  }

  /** Show the newest candles (after a timeframe switch). */
  scrollToLatest(): void {
    this.chart.timeScale().scrollToRealTime();
  }

  dispose(): void {
    window.removeEventListener(THEME_EVENT, this.onTheme);
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.remove();
  }

  private publish(): void {
    this.element.dataset.candleCount = String(this.candles.data().length);
    const last = this.book.last;
    this.element.dataset.lastCandle = last ? `${last.time}:${last.close}` : '';
  }

  private rebuildIndicators(): void {
    for (const series of this.indicators.values()) this.chart.removeSeries(series);
    this.indicators = new Map();
    const c = this.colors;
    const add = (name: IndicatorLineName, pane: number, color: string, extra: object = {}): void => {
      const def = name === 'macdHistogram' ? HistogramSeries : LineSeries;
      const options =
        name === 'macdHistogram'
          ? { priceLineVisible: false, lastValueVisible: false }
          : { ...LINE, color, ...extra };
      this.indicators.set(name, this.chart.addSeries(def, options, pane));
    };
    if (this.toggles.ema) {
      add('emaFast', 0, c.accent);
      add('emaSlow', 0, c.dim);
    }
    if (this.toggles.bollinger) {
      add('bbUpper', 0, c.dim, { lineStyle: 2 });
      add('bbMiddle', 0, c.dim, { lineStyle: 1 });
      add('bbLower', 0, c.dim, { lineStyle: 2 });
    }
    let pane = 1;
    if (this.toggles.rsi) {
      add('rsi', pane, c.accent, { lastValueVisible: true });
      pane += 1;
    }
    if (this.toggles.macd) {
      add('macdHistogram', pane, c.dim);
      add('macd', pane, c.accent, { lastValueVisible: true });
      add('macdSignal', pane, c.down);
    }
    const panes = this.chart.panes();
    panes[0]?.setStretchFactor(3);
    for (const p of panes.slice(1)) p.setStretchFactor(1);
  }

  private applyTheme(): void {
    this.colors = readColors();
    const c = this.colors;
    this.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: c.bg },
        textColor: c.text,
        panes: { separatorColor: c.border },
      },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.border },
      timeScale: { borderColor: c.border },
    });
    this.candles.applyOptions({ upColor: c.up, downColor: c.down, wickUpColor: c.up, wickDownColor: c.down });
    if (this.book.size > 0) {
      this.rebuildIndicators();
      this.redraw();
    }
  }
}
