/**
 * The dashboard benchmark's environment: a temporary folder with the candle history, the ZeroMQ
 * feed, and a real tickdeck server process (in memory, free loopback port) started through the
 * e2e harness, ready once the history is replayed and every symbol has a ticker.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Harness, HarnessServer } from './web-harness.js';
import { WebFeed } from './web-feed.js';
import {
  BACKFILL_SOURCE,
  backfillLines,
  benchMarkets,
  benchServerConfig,
  type BenchMarket,
} from './web-market.js';

export interface BenchEnv {
  server: HarnessServer;
  feed: WebFeed;
  markets: BenchMarket[];
  /** From starting the server to the history replayed and a ticker for every symbol, ms. */
  readyMs: number;
  /** Stop the feed and the server (by its PID, through the harness), remove the folder. */
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `check` every 250 ms until it returns true, at most `timeoutMs`; throws `what` on timeout. */
async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} within ${timeoutMs} ms`);
}

async function json(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return response.json();
}

/**
 * Start everything.
 * @param o.symbols markets in the feed
 * @param o.candles closed 1m candles of history per symbol
 */
export async function startBenchEnv(
  harness: Harness,
  o: { symbols: number; candles: number },
): Promise<BenchEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'tickdeck-bench-web-'));
  const markets = benchMarkets(o.symbols);
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  };
  try {
    const backfill = join(dir, 'backfill.jsonl');
    writeFileSync(backfill, `${backfillLines(markets, o.candles, Date.now()).join('\n')}\n`);
    const endpoint = `tcp://127.0.0.1:${await harness.freePort()}`;
    const feed = await WebFeed.open(endpoint, markets);
    cleanups.push(() => feed.close());
    const started = performance.now();
    const server = await harness.startServer({
      config: benchServerConfig(backfill, endpoint),
      startTimeoutMs: 90_000,
    });
    cleanups.push(() => server.stop());
    await until('the history replay did not finish', 120_000, async () => {
      const ready = (await json(`${server.baseUrl}/ready`)) as {
        dependencies: { name: string; detail?: string }[];
      };
      return ready.dependencies.some(
        (d) => d.name === `source ${BACKFILL_SOURCE}` && /^finished/.test(d.detail ?? ''),
      );
    });
    const symbols = markets.map((m) => m.symbol);
    await until('not every symbol got a ticker from the feed', 30_000, async () => {
      feed.prime(symbols);
      await sleep(250);
      const { tickers } = (await json(`${server.baseUrl}/api/v1/tickers`)) as { tickers: unknown[] };
      return tickers.length >= symbols.length;
    });
    return { server, feed, markets, readyMs: performance.now() - started, close };
  } catch (error) {
    await close();
    throw error;
  }
}
