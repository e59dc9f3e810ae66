/**
 * `tickdeck backtest`: a strategy over a candle file (run here, through the core backtest) or over the
 * server's stored candles (POST /api/v1/backtests), printing statistics and the trade list.
 * @module
 */
import { createStrategy, runBacktest, type BacktestResult } from '@tickdeck/core';
import type { Timeframe } from '@tickdeck/protocol';
import { BACKTEST_USAGE, BacktestUsageError, parseBacktestArgs, type BacktestArgs } from './backtest-args.js';
import { namedMarket, readCandleFile } from './backtest-file.js';
import { formatBacktest, progressBar } from './backtest-format.js';

export interface BacktestIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Runs the command; resolves with the exit code (0 ok, 1 failure, 2 usage). */
export async function runBacktestCli(argv: string[], io: BacktestIo): Promise<number> {
  let args: BacktestArgs;
  try {
    args = parseBacktestArgs(argv);
  } catch (err) {
    if (!(err instanceof BacktestUsageError)) throw err;
    io.stderr.write(`tickdeck backtest: ${err.message}\n\n${BACKTEST_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(BACKTEST_USAGE);
    return 0;
  }
  const run = args.file !== undefined ? await fromFile(args, io) : await fromServer(args, io);
  if (typeof run === 'string') {
    io.stderr.write(`tickdeck backtest: ${run}\n`);
    return 1;
  }
  io.stdout.write(args.json ? `${JSON.stringify(run.result)}\n` : formatBacktest(run.result, run.label));
  return 0;
}

type Run = { result: BacktestResult; label: string } | string;

async function fromFile(args: BacktestArgs, io: BacktestIo): Promise<Run> {
  const named = namedMarket(args.file!);
  const symbol = args.symbol ?? named.symbol;
  if (symbol === undefined) return 'the file name names no market: give --symbol';
  const timeframe: Timeframe = args.timeframe ?? named.timeframe ?? '1m';
  const made = createStrategy(args.strategy, args.params);
  if (!made.ok) return `bad strategy parameters: ${made.message}`;
  let file;
  try {
    file = await readCandleFile(args.file!, symbol, timeframe);
  } catch (err) {
    return `cannot read ${args.file}: ${(err as Error).message}`;
  }
  if (file.candles.length === 0) return `no candles in ${args.file}`;
  const bar = progressBar(io.stderr);
  const result = runBacktest({
    symbol,
    timeframe,
    candles: file.candles,
    strategy: made.strategy,
    feeRate: args.feeRate,
    slippageBps: args.slippageBps,
    stopLossPct: args.stopLossPct,
    takeProfitPct: args.takeProfitPct,
    orderQuote: args.orderQuote,
    stats: { startingCash: args.startingCash },
    onProgress: bar.update,
    progressEvery: Math.max(1, Math.floor(file.candles.length / 50)),
  });
  bar.done();
  if (file.skipped > 0) io.stderr.write(`${file.skipped} record(s) skipped (not candles, or out of order)\n`);
  return {
    result,
    label: `${args.strategy} on ${symbol} ${timeframe}, ${file.candles.length} candles from ${args.file}`,
  };
}

async function fromServer(args: BacktestArgs, io: BacktestIo): Promise<Run> {
  const timeframe = args.timeframe ?? '1m';
  const body = {
    strategy: args.strategy,
    params: args.params,
    symbol: args.symbol,
    timeframe,
    from: args.from,
    to: args.to,
    feeRate: args.feeRate,
    slippageBps: args.slippageBps,
    stopLossPct: args.stopLossPct,
    takeProfitPct: args.takeProfitPct,
    orderQuote: args.orderQuote,
    startingCash: args.startingCash,
  };
  io.stderr.write(`running on ${args.url}…\n`);
  let res: Response;
  try {
    res = await fetch(`${args.url}/api/v1/backtests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return `cannot reach ${args.url}: ${(err as Error).message}`;
  }
  const json = (await res.json().catch(() => ({}))) as BacktestResult & { candles?: number; detail?: string };
  if (!res.ok) return `server refused (HTTP ${res.status}): ${json.detail ?? 'no detail'}`;
  const { candles, ...result } = json;
  return {
    result,
    label: `${args.strategy} on ${args.symbol} ${timeframe}, ${candles ?? '?'} stored candles`,
  };
}
