/**
 * Browser-test harness: starts a real tickdeck server (`node packages/cli/dist/main.js start`, in
 * memory, on a free port), launches Chromium through playwright-core, and saves screenshots under
 * artifacts/screenshots/ at the repository root.
 *
 * Environment:
 * - `TICKDECK_TEST_CHROMIUM`: the browser (default /usr/bin/chromium).
 * - `TICKDECK_E2E_BASE_URL`: test an already running server instead of starting one.
 * - `TICKDECK_E2E_CONFIG`: a config file passed to the started server as `TICKDECK_CONFIG`
 *   (e.g. one with a simulator backfill, so that charts have 1000 candles).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_MAIN = join(REPO_ROOT, 'packages/cli/dist/main.js');
export const WEB_INDEX = join(REPO_ROOT, 'apps/web/dist/index.html');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts/screenshots');
export const CHROMIUM = process.env.TICKDECK_TEST_CHROMIUM ?? '/usr/bin/chromium';
const EXTERNAL_URL = process.env.TICKDECK_E2E_BASE_URL;

/** Why the browser tests cannot run here, or undefined when they can. */
export const e2eSkipReason = (): string | undefined => {
  if (process.env.TICKDECK_TEST_BROWSER === '0') return 'Chromium not available (TICKDECK_TEST_BROWSER=0)';
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (set TICKDECK_TEST_CHROMIUM)`;
  if (EXTERNAL_URL) return undefined;
  if (!existsSync(CLI_MAIN)) return `server not built: ${CLI_MAIN} missing (run npm run build)`;
  if (!existsSync(WEB_INDEX)) return `dashboard not built: ${WEB_INDEX} missing (run npm run build)`;
  return undefined;
};

export interface ServerHandle {
  baseUrl: string;
  port: number;
  /** The server process's id; undefined for an external server. */
  pid: number | undefined;
  /** Stop the server (SIGTERM, then SIGKILL after 5 s). No effect on an external server. */
  stop(): Promise<void>;
  /** The server's stderr so far, for failure messages. */
  logs(): string;
}

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `url` until it answers 200, at most `timeoutMs`. */
export const waitForHttp = async (
  url: string,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline && alive()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${alive() ? last : 'the server exited'})`);
};

/**
 * Start tickdeck on `port` (a free one by default), in memory, and wait for /health.
 * @param options.startTimeoutMs default 60,000 (PGlite's first start takes seconds)
 * @param options.dataDir keep data on disk there (kept after stop) instead of in memory
 * @param options.config a configuration, written to a temporary file passed as `TICKDECK_CONFIG`
 *   (instead of `TICKDECK_E2E_CONFIG`; removed at stop)
 * @param options.env more environment variables for the server (e.g. `TICKDECK_JWT_SECRET`)
 * @param options.own start a server even when `TICKDECK_E2E_BASE_URL` is set (one with its own
 *   configuration, which the external server would not have)
 */
export const startServer = async (
  options: {
    port?: number;
    startTimeoutMs?: number;
    dataDir?: string;
    config?: Record<string, unknown>;
    env?: Record<string, string>;
    own?: boolean;
  } = {},
): Promise<ServerHandle> => {
  if (EXTERNAL_URL && !options.own) {
    const url = new URL(EXTERNAL_URL);
    return {
      baseUrl: url.origin,
      port: Number(url.port),
      pid: undefined,
      stop: async () => undefined,
      logs: () => '',
    };
  }
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tickdeck-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TICKDECK_HOST: '127.0.0.1',
    TICKDECK_PORT: String(port),
    TICKDECK_STORAGE_IN_MEMORY: options.dataDir === undefined ? 'true' : 'false',
    TICKDECK_DATA_DIR: dataDir,
    TICKDECK_LOG_LEVEL: process.env.TICKDECK_LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  let configDir: string | undefined;
  if (options.config !== undefined) {
    configDir = mkdtempSync(join(tmpdir(), 'tickdeck-e2e-config-'));
    env.TICKDECK_CONFIG = join(configDir, 'tickdeck.json');
    writeFileSync(env.TICKDECK_CONFIG, JSON.stringify(options.config), { mode: 0o600 });
  } else if (process.env.TICKDECK_E2E_CONFIG) env.TICKDECK_CONFIG = process.env.TICKDECK_E2E_CONFIG;
  const child: ChildProcess = spawn(process.execPath, [CLI_MAIN, 'start'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(killer);
    }
    if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${baseUrl}/health`, options.startTimeoutMs ?? 60_000, () => !exited);
  } catch (error) {
    await stop();
    throw new Error(`tickdeck did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { baseUrl, port, pid: child.pid, stop, logs: () => stderr };
};

/** The flags every launch passes to Chromium. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * Headless Chromium with {@link CHROMIUM_ARGS}.
 * @param options.args more flags, after the usual ones (e.g. `--disable-renderer-backgrounding`)
 */
export const launchBrowser = (options: { args?: readonly string[] } = {}): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });

/** Save a full-page screenshot as artifacts/screenshots/<name>.png. */
export const saveScreenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9_-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

/** Collect uncaught page errors, to fail tests on them. */
export const trackPageErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
};

/** Whether the tests start the server themselves (and so may restart it). */
export const ownsServer = (): boolean => !EXTERNAL_URL;

/** The first symbol the server follows (the simulator's BTC/USDT by default). */
export const firstSymbol = async (baseUrl: string): Promise<string> => {
  const response = await fetch(`${baseUrl}/api/v1/symbols`);
  const { symbols } = (await response.json()) as { symbols: { symbol: string }[] };
  const preferred = symbols.find((s) => s.symbol === 'BTC/USDT') ?? symbols[0];
  if (!preferred) throw new Error('the server follows no symbol');
  return preferred.symbol;
};

/** The symbol page's URL. */
export const symbolPath = (symbol: string, tf = '1m'): string =>
  `/symbol/${encodeURIComponent(symbol)}?tf=${tf}`;

/** The pages of the dashboard, by the name their route and `data-page` use. */
export const PAGES = ['markets', 'symbol', 'portfolio', 'bots', 'alerts', 'system'] as const;

/** Open a page and wait for the readiness signals the browser tests share (data shown, connected). */
export const openPageReady = async (
  page: Page,
  baseUrl: string,
  name: string,
  symbol: string,
): Promise<void> => {
  if (name === 'symbol') {
    await page.goto(`${baseUrl}${symbolPath(symbol)}`);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candle-count')) > 0,
      undefined,
      { timeout: 15_000 },
    );
    await page
      .locator('[data-testid=quote-bar] [data-field=bid]:not(:text("—"))')
      .waitFor({ timeout: 15_000 });
  } else if (name === 'markets') {
    await page.goto(`${baseUrl}/markets`);
    await page.locator('.market-row [data-field=last]:not(:text("—"))').first().waitFor({ timeout: 15_000 });
  } else if (name === 'system') {
    await page.goto(`${baseUrl}/system`);
    await page.locator('[data-chart=cpuPct] canvas').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=sources-table] tbody tr').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=stores-table] tbody tr').first().waitFor({ timeout: 15_000 });
  } else {
    await page.goto(`${baseUrl}/${name}`);
    await page.locator(`[data-page=${name}][data-ready=true]`).waitFor({ timeout: 15_000 });
  }
  await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
};
