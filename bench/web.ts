/**
 * Dashboard benchmark (`npm run bench:web`): a real tickdeck server fed at exact rates, the built
 * dashboard in headless Chromium, and three scenarios measured with the browser's own APIs:
 * first load of the symbol page, the markets grid under ticker load, the symbol page under ticker
 * and trade load; each live page also idle in the same run, for the ratios. `--help` for options.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Browser } from 'playwright-core';
import type { SymbolRate } from './lib/web-feed.js';
import { BrowserCpu } from './lib/web-browser-cpu.js';
import { loadFigures, stepFigures } from './lib/web-figures.js';
import { measureFirstLoads } from './lib/web-first-load.js';
import { loadHarness } from './lib/web-harness.js';
import { startBenchEnv, type BenchEnv } from './lib/web-env.js';
import { runLiveSteps, type LiveStep } from './lib/web-live.js';
import { parseWebOptions, USAGE, type WebBenchOptions, type WebScenario } from './lib/web-options.js';
import { renderReport } from './lib/web-report.js';
import { measureInitialJs } from './lib/web-size.js';
import type { ProbeState } from './lib/web-page-script.js';

/** Chromium throttles timers and rendering of pages it thinks are hidden; a benchmark page is not. */
const EXTRA_FLAGS = [
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];
const VIEWPORT = { width: 1280, height: 800 };

/** The page probe's state, read inside the page by the predicates below. */
declare const __tdBench: ProbeState;

const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').trim();

function parse(): WebBenchOptions {
  try {
    return parseWebOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const options = parse();
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (process.env.TICKDECK_E2E_BASE_URL) {
  console.error('bench:web starts and feeds its own server: unset TICKDECK_E2E_BASE_URL.');
  process.exit(2);
}

const harness = await loadHarness().catch((error: unknown) => {
  console.error(`bench:web: ${(error as Error).message}`);
  process.exit(1);
});
const unable = harness.e2eSkipReason();
if (unable !== undefined) {
  console.error(`bench:web cannot run: ${unable}. It never downloads a browser.`);
  process.exit(1);
}

let env: BenchEnv | undefined;
let browser: Browser | undefined;
const cleanup = async (): Promise<void> => {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  await env?.close().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
  env = undefined;
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}
// The whole run is stopped (and fails) past a bound that its steps fit in with room to spare.
const RUN_LIMIT_MS = (300 + 6 * (options.warmup + options.seconds) + options.loads * 4 * 5) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:web: still running after ${(RUN_LIMIT_MS / 60_000).toFixed(1)} min; stopping.`);
  void cleanup().finally(() => process.exit(1));
}, RUN_LIMIT_MS);

const ms = (s: number): number => Math.round(s * 1000);
const startedAt = Date.now();
const loadBefore = loadavg();
try {
  console.error('bench:web: starting the server (history replay, feed)…');
  env = await startBenchEnv(harness, { symbols: options.symbols, candles: options.candles });
  const { feed, markets, server } = env;
  browser = await harness.launchBrowser({ args: EXTRA_FLAGS });
  const cpu = await BrowserCpu.attach(browser);
  const symbol = markets[0]!.symbol;
  const symbolUrl = `${server.baseUrl}/symbol/${encodeURIComponent(symbol)}?tf=1m`;
  const fullCandles = Math.min(1000, options.candles);

  const symbolRates = (k: number): SymbolRate[] => [
    { symbol, tickersPerSec: options.symbolTickers * k, tradesPerSec: options.symbolTrades * k },
  ];
  const gridRates = (k: number): SymbolRate[] =>
    markets.map((m) => ({ symbol: m.symbol, tickersPerSec: options.gridRate * k, tradesPerSec: 0 }));
  const steps = (rates: (k: number) => SymbolRate[]): LiveStep[] => [
    { name: 'idle (feed silent)', rates: [] },
    { name: 'loaded', rates: rates(1) },
    ...(options.heavy > 0 ? [{ name: `heavier (× ${options.heavy})`, rates: rates(options.heavy) }] : []),
  ];

  const runs = (name: WebScenario): boolean => options.scenarios.includes(name);
  if (runs('load'))
    console.error(`bench:web: ${options.loads * 2} first loads and ${options.loads} reloads of ${symbol}…`);
  const loads = !runs('load')
    ? []
    : await measureFirstLoads({
        browser,
        cpu,
        url: symbolUrl,
        viewport: VIEWPORT,
        loads: options.loads,
        fullCandles,
        cpuThrottle: options.cpuThrottle,
        setLive: (live) => feed.setRates(live ? symbolRates(1) : []),
        settleMs: 500,
        timeoutMs: 20_000,
      });

  const live = {
    browser,
    cpu,
    viewport: VIEWPORT,
    feed,
    fullCandles,
    cpuThrottle: options.cpuThrottle,
    warmupMs: ms(options.warmup),
    measureMs: ms(options.seconds),
  };
  if (runs('grid')) console.error('bench:web: markets grid…');
  const rows = markets.length;
  const grid = !runs('grid')
    ? []
    : await runLiveSteps({
        ...live,
        url: `${server.baseUrl}/markets`,
        steps: steps(gridRates),
        ready: (probe) =>
          probe.page
            .locator('tr.market-row td[data-field=last]')
            .filter({ hasNotText: /^—$/ })
            .nth(rows - 1)
            .waitFor({ timeout: 20_000 })
            .then(() => undefined),
      });
  if (runs('symbol')) console.error('bench:web: symbol page…');
  const symbolSteps = !runs('symbol')
    ? []
    : await runLiveSteps({
        ...live,
        url: symbolUrl,
        steps: steps(symbolRates),
        ready: (probe) =>
          probe.page
            .waitForFunction(() => __tdBench.load.fullDrawn !== undefined, undefined, { timeout: 20_000 })
            .then(() => undefined),
      });

  const size = measureInitialJs(harness.REPO_ROOT);
  const version = browser.version();
  const feedSkipped = feed.counts().skipped;
  const readyMs = env.readyMs;
  const port = server.port;
  await cleanup();
  const tookMin = (Date.now() - startedAt) / 60_000;
  const args = process.argv.slice(2).join(' ');
  const header = [
    `Run of ${new Date().toISOString().slice(0, 10)} (\`npm run bench:web${args ? ` -- ${args}` : ''}\`):`,
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
    `- load average before: ${loadBefore}; after: ${loadavg()}; took ${tookMin.toFixed(1)} min`,
    `- browser: Chromium ${version} (TICKDECK_TEST_CHROMIUM), headless, software rendering; flags ${[...harness.CHROMIUM_ARGS, ...EXTRA_FLAGS].join(' ')}; viewport ${VIEWPORT.width}×${VIEWPORT.height}; one page at a time; requestAnimationFrame runs at 60 Hz headless (the idle steps show it); without a GPU, 2D canvases (the charts, sparklines) are rasterized on the CPU, on the page's main thread`,
    `- server: a tickdeck process (\`packages/cli/dist/main.js start\`, in memory) on 127.0.0.1:${port}; history ${markets.length} symbols × ${options.candles} closed 1m candles replayed at start (ready in ${(readyMs / 1000).toFixed(1)} s); live data from its ZeroMQ source, published by the benchmark at exact rates (feed events skipped for falling behind: ${feedSkipped})`,
    `- first loads: ${options.loads} with the feed idle and ${options.loads} with ${symbol} live (${options.symbolTickers} tickers/s + ${options.symbolTrades} trades/s), alternating, each in a new browser context (cold cache); then ${options.loads} reloads with the feed live, each in a context that had loaded the page once (assets from the browser cache); "drawn" = the frame in which the chart's canvases first drew after it took the candles has finished rendering`,
    ...(options.cpuThrottle > 1
      ? [
          `- **the page's main thread slowed ${options.cpuThrottle}×** (DevTools \`Emulation.setCPUThrottlingRate\`, \`--cpu-throttle\`), as on a slower machine; Chromium's other threads and the server are not`,
        ]
      : []),
    `- live steps: ${options.warmup} s settling + ${options.seconds} s measured each; the first (idle) step of each page is the baseline of the ratios`,
    "- frames/s from requestAnimationFrame timestamps; 1 % low = 1000 ÷ p99 frame time; dropped frames = vsyncs (16.7 ms) without a frame in intervals > 25 ms; long tasks from PerformanceObserver('longtask'); from the DevTools protocol: main thread busy = wall time of its tasks, main thread CPU = its CPU time (ThreadTime; busy minus CPU is time spent waiting for a core), heap after a forced GC (Performance.getMetrics), CPU time of Chromium's processes (SystemInfo.getProcessInfo)",
    '- "page received" counts the publications in the WebSocket frames the page got, by channel; the grid subscribes `tickers` with maxRateMs 250 and `metrics:SYM` with maxRateMs 1000, so it receives at most 4 tickers/s per symbol whatever the feed sends; the server publishes open-candle updates and metrics at most every 250 ms (pipeline tick)',
  ];
  const report = renderReport(header, {
    loads:
      loads.length === 0
        ? []
        : [loadFigures(loads, false), loadFigures(loads, true), loadFigures(loads, true, true)],
    grid: grid.map(stepFigures),
    symbol: symbolSteps.map(stepFigures),
    size,
    symbolName: symbol,
    gridSymbols: markets.length,
  });
  console.log(report);
  if (options.out) writeFileSync(options.out, report);
} catch (error) {
  console.error(`bench:web failed: ${(error as Error).stack ?? String(error)}`);
  if (env) console.error(`server log (tail):\n${env.server.logs().slice(-4000)}`);
  await cleanup();
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
