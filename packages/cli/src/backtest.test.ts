import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EmaCrossStrategy, runBacktest } from '@tickdeck/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  startAnalytics,
} from '../../server/src/analytics/testing/analytics-app.test-helpers.js';
import { xrpEthCandles } from '../../server/src/analytics/testing/xrp-eth-candles.test-helpers.js';
import { runBacktestCli } from './backtest.js';

const candles = xrpEthCandles('5m');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdeck-backtest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const io = () => {
  const out = { text: '', write: (s: string) => (out.text += s) };
  const err = { text: '', write: (s: string) => (err.text += s) };
  return { stdout: out, stderr: err };
};

const direct = runBacktest({
  symbol: 'XRP/ETH',
  timeframe: '5m',
  candles,
  strategy: new EmaCrossStrategy({ fastPeriod: 5, slowPeriod: 13 }),
});

describe('tickdeck backtest', () => {
  it('over a (gzip) candle file: the stats and trades of runBacktest, with a progress bar on stderr', async () => {
    const file = join(dir, 'XRP_ETH-5m.json.gz');
    await writeFile(
      file,
      gzipSync(JSON.stringify(candles.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]))),
    );
    const o = io();
    const code = await runBacktestCli(
      ['--file', file, '--param', 'fastPeriod=5', '--param', 'slowPeriod=13', '--json'],
      o,
    );
    expect(code).toBe(0);
    const result = JSON.parse(o.stdout.text);
    expect(result.stats).toEqual(direct.stats);
    expect(result.trades).toEqual(direct.trades);
    expect(o.stderr.text).toContain(`100% ${candles.length}/${candles.length} candles`);
    const text = io();
    await runBacktestCli(['--file', file, '--param', 'fastPeriod=5', '--param', 'slowPeriod=13'], text);
    expect(text.stdout.text).toContain(`trades (${direct.trades.length}):`);
  });

  it('over the server: the same stats as runBacktest over the same stored candles', async () => {
    const db = await openTestDatabase();
    const t = await startAnalytics(db, undefined, { listen: true });
    try {
      await t.history.upsertCandles(candles);
      const { port } = t.app.server.address() as { port: number };
      const o = io();
      const code = await runBacktestCli(
        [
          '--symbol',
          'XRP/ETH',
          '--tf',
          '5m',
          '--url',
          `http://127.0.0.1:${port}`,
          '--param',
          'fastPeriod=5',
          '--param',
          'slowPeriod=13',
          '--json',
        ],
        o,
      );
      expect(code).toBe(0);
      expect(JSON.parse(o.stdout.text).stats).toEqual(direct.stats);
    } finally {
      await t.close();
      await db.close();
    }
  });

  it('says what is wrong with the arguments', async () => {
    const o = io();
    expect(await runBacktestCli(['--strategy', 'moon'], o)).toBe(2);
    expect(o.stderr.text).toContain('--strategy must be ema-cross or rsi-reversion');
  });
});
