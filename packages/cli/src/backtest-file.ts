/**
 * Reads a candle file for `tickdeck backtest --file`: a JSON array (or JSON lines) of OHLCV rows
 * `[time, open, high, low, close, volume]` or of objects with time/open/high/low/close/volume; gzip'd
 * or not (detected by its bytes). Symbol and timeframe may come from a freqtrade-style file name,
 * `XRP_ETH-5m.json`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TIMEFRAME_LIST, type Candle, type Timeframe } from '@tickdeck/protocol';

export interface FileCandles {
  candles: Candle[];
  /** Records that were not candles (skipped). */
  skipped: number;
}

/** Symbol and timeframe a file name implies (`XRP_ETH-5m.json` → XRP/ETH, 5m). */
export function namedMarket(path: string): { symbol?: string; timeframe?: Timeframe } {
  const m = /^([A-Z0-9]{1,20})_([A-Z0-9]{1,20})-(\w+)\./i.exec(basename(path));
  if (!m) return {};
  const tf = m[3] as Timeframe;
  return {
    symbol: `${m[1]!.toUpperCase()}/${m[2]!.toUpperCase()}`,
    ...((TIMEFRAME_LIST as string[]).includes(tf) ? { timeframe: tf } : {}),
  };
}

const n = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN);

function toCandle(rec: unknown, symbol: string, timeframe: Timeframe): Candle | undefined {
  let row: unknown[] | undefined;
  if (Array.isArray(rec)) row = rec;
  else if (typeof rec === 'object' && rec !== null) {
    const o = rec as Record<string, unknown>;
    row = [
      o['time'] ?? o['timestamp'] ?? o['t'],
      o['open'],
      o['high'],
      o['low'],
      o['close'],
      o['volume'] ?? 0,
    ];
  }
  if (row === undefined || row.length < 5) return undefined;
  const [time, open, high, low, close, volume] = row.map(n);
  if (![time, open, high, low, close].every((x) => Number.isFinite(x)) || !(close! > 0)) return undefined;
  return {
    symbol,
    timeframe,
    time: time! < 1e11 ? time! * 1000 : time!,
    open: open!,
    high: high!,
    low: low!,
    close: close!,
    volume: Number.isFinite(volume) ? volume! : 0,
    trades: 0,
    closed: true,
  };
}

export async function readCandleFile(
  path: string,
  symbol: string,
  timeframe: Timeframe,
): Promise<FileCandles> {
  let bytes = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  let records: unknown[];
  try {
    const whole = JSON.parse(text) as unknown;
    records = Array.isArray(whole) && (whole.length === 0 || typeof whole[0] === 'object') ? whole : [whole];
  } catch {
    records = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          return undefined;
        }
      });
  }
  const candles: Candle[] = [];
  let skipped = 0;
  for (const r of records) {
    const c = toCandle(r, symbol, timeframe);
    if (c === undefined || (candles.length > 0 && c.time <= candles.at(-1)!.time)) skipped++;
    else candles.push(c);
  }
  return { candles, skipped };
}
