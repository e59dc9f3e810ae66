/**
 * Command-line arguments of `tickdeck backtest`.
 * @module
 */
import { parseArgs } from 'node:util';
import { SYMBOL_PATTERN, TIMEFRAME_LIST, type Timeframe } from '@tickdeck/protocol';

export const DEFAULT_BACKTEST_URL = 'http://127.0.0.1:8080';

export const BACKTEST_USAGE = `Usage: tickdeck backtest --strategy <name> (--file <path> | --symbol <SYM> --tf <tf>) [options]

Run a strategy over candles and print its statistics and trade list. With --file the backtest runs
here, over a recorded candle file; with --symbol it runs on the server over its stored candles.
A progress bar goes to stderr.

Options:
  --strategy <name>      ema-cross (default) or rsi-reversion
  --param <k=v>          strategy parameter, repeatable (e.g. --param fastPeriod=5)
  --file <path>          candle file: a JSON array of [time, open, high, low, close, volume] rows or
                         of candle objects, or JSON lines of either; gzip'd or not
  --symbol <SYM>         market, e.g. BTC/USDT (required with --url; with --file, the default is the
                         file name's, e.g. XRP_ETH-5m.json gives XRP/ETH)
  --tf <tf>              timeframe: ${TIMEFRAME_LIST.join(', ')} (default: from the file name, else 1m)
  --from <ms> --to <ms>  server mode: candle open times [from, to)
  --url <http-url>       server (default ${DEFAULT_BACKTEST_URL})
  --fee <rate>           taker fee as a fraction (default 0.001)
  --slippage-bps <n>     default 0
  --stop-loss <pct>      exit when the bid falls this many percent below the entry
  --take-profit <pct>    exit when the bid rises this many percent above the entry
  --order-quote <n>      quote spent per entry (default 1000)
  --starting-cash <n>    default 10000
  --json                 print the whole result as JSON
  -h, --help             show this help

Examples:
  tickdeck backtest --file XRP_ETH-5m.json --strategy ema-cross --param fastPeriod=5 --param slowPeriod=13
  tickdeck backtest --symbol BTC/USDT --tf 1m --strategy rsi-reversion --url http://127.0.0.1:8080
`;

export interface BacktestArgs {
  strategy: 'ema_cross' | 'rsi_reversion';
  params: Record<string, number>;
  file: string | undefined;
  symbol: string | undefined;
  timeframe: Timeframe | undefined;
  from: number | undefined;
  to: number | undefined;
  url: string;
  feeRate: number | undefined;
  slippageBps: number | undefined;
  stopLossPct: number | undefined;
  takeProfitPct: number | undefined;
  orderQuote: number | undefined;
  startingCash: number | undefined;
  json: boolean;
  help: boolean;
}

export class BacktestUsageError extends Error {
  override readonly name = 'BacktestUsageError';
}

const num = (name: string, v: string | undefined, min = 0): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min)
    throw new BacktestUsageError(`--${name} wants a number ≥ ${min} (got "${v}")`);
  return n;
};

/** @throws BacktestUsageError */
export function parseBacktestArgs(argv: string[]): BacktestArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        strategy: { type: 'string', default: 'ema-cross' },
        param: { type: 'string', multiple: true, default: [] },
        file: { type: 'string' },
        symbol: { type: 'string' },
        tf: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        url: { type: 'string', default: DEFAULT_BACKTEST_URL },
        fee: { type: 'string' },
        'slippage-bps': { type: 'string' },
        'stop-loss': { type: 'string' },
        'take-profit': { type: 'string' },
        'order-quote': { type: 'string' },
        'starting-cash': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new BacktestUsageError((err as Error).message);
  }
  const v = parsed.values;
  const strategy = v.strategy.replace('-', '_');
  if (strategy !== 'ema_cross' && strategy !== 'rsi_reversion') {
    throw new BacktestUsageError(`--strategy must be ema-cross or rsi-reversion (got "${v.strategy}")`);
  }
  const params: Record<string, number> = {};
  for (const p of v.param) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(p);
    const n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(n)) throw new BacktestUsageError(`--param wants name=number (got "${p}")`);
    params[m[1]!] = n;
  }
  const symbol = v.symbol?.toUpperCase();
  if (symbol !== undefined && !SYMBOL_PATTERN.test(symbol))
    throw new BacktestUsageError(`--symbol must look like BTC/USDT (got "${v.symbol}")`);
  if (v.tf !== undefined && !(TIMEFRAME_LIST as string[]).includes(v.tf)) {
    throw new BacktestUsageError(`--tf must be one of ${TIMEFRAME_LIST.join(', ')} (got "${v.tf}")`);
  }
  if (!v.help && v.file === undefined && symbol === undefined)
    throw new BacktestUsageError('give --file <path> or --symbol <SYM>');
  return {
    strategy,
    params,
    file: v.file,
    symbol,
    timeframe: v.tf as Timeframe | undefined,
    from: num('from', v.from),
    to: num('to', v.to),
    url: v.url.replace(/\/+$/, ''),
    feeRate: num('fee', v.fee),
    slippageBps: num('slippage-bps', v['slippage-bps']),
    stopLossPct: num('stop-loss', v['stop-loss']),
    takeProfitPct: num('take-profit', v['take-profit']),
    orderQuote: num('order-quote', v['order-quote']),
    startingCash: num('starting-cash', v['starting-cash']),
    json: v.json,
    help: v.help,
  };
}
