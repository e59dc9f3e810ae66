/**
 * Human-readable lines for `tickdeck tail`: one per publication, one summary per snapshot.
 * @module
 */
import type { Candle, MarketMetrics, Ticker, Trade } from '@tickdeck/protocol';
import type { DeliveryInfo, SnapshotInfo } from '@tickdeck/client';

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '-');

/** `HH:MM:SS.mmm` UTC of a ms timestamp, or `-`. */
export const clockTime = (ms: unknown): string =>
  typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString().slice(11, 23) : '-';

const pct = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(2)}%` : '-';

const prefixOf = (channel: string): string => channel.split(':')[0] ?? channel;

const tickerText = (t: Ticker): string =>
  `${clockTime(t.timestamp)} ${t.symbol} last ${num(t.last)} bid ${num(t.bid)} ask ${num(t.ask)} 24h ${pct(t.percentage)}`;

const tradeText = (t: Trade): string =>
  `${clockTime(t.timestamp)} ${t.symbol} ${(t.side ?? '?').toUpperCase()} ${num(t.amount)} @ ${num(t.price)}`;

const candleText = (c: Candle): string =>
  `${new Date(c.time).toISOString().slice(0, 16)}Z ${c.symbol} ${c.timeframe} O ${num(c.open)} H ${num(c.high)} ` +
  `L ${num(c.low)} C ${num(c.close)} V ${num(c.volume)}${c.closed ? ' closed' : ''}`;

const metricsText = (m: MarketMetrics): string =>
  `${clockTime(m.asOf)} ${m.symbol} last ${num(m.last)} spread ${num(m.spreadBps)} bps ` +
  `${num(m.msgsPerSec)} msg/s latency ${num(m.feedLatencyMs)} ms${m.stale ? ' STALE' : ''}`;

/** The payload of one publication as text, by channel prefix; unknown channels print JSON. */
export const formatData = (channel: string, data: unknown): string => {
  if (!isObject(data)) return JSON.stringify(data) ?? 'undefined';
  switch (prefixOf(channel)) {
    case 'ticker':
    case 'tickers':
      return tickerText(data as unknown as Ticker);
    case 'trades':
      return tradeText(data as unknown as Trade);
    case 'candles':
      return candleText(data as unknown as Candle);
    case 'metrics':
      return metricsText(data as unknown as MarketMetrics);
    default:
      return JSON.stringify(data);
  }
};

export const formatPublication = (data: unknown, info: DeliveryInfo): string =>
  `#${info.seq} ${formatData(info.channel, data)}`;

const describeSnapshot = (channel: string, snapshot: unknown): string => {
  if (snapshot === undefined || snapshot === null) return 'empty';
  if (prefixOf(channel) === 'tickers' && Array.isArray(snapshot)) {
    const symbols = snapshot.map((t) => String((t as Fields).symbol)).sort();
    return `${symbols.length} symbols: ${symbols.join(' ')}`;
  }
  if (Array.isArray(snapshot)) {
    const prefix = prefixOf(channel);
    const noun = prefix === 'candles' ? 'candles' : prefix === 'trades' ? 'trades' : 'items';
    if (snapshot.length === 0) return `0 ${noun}`;
    const first = snapshot[0] as Fields;
    const last = snapshot.at(-1) as Fields;
    if (prefix === 'candles') {
      const span = `${new Date(first.time as number).toISOString()} .. ${new Date(last.time as number).toISOString()}`;
      return `${snapshot.length} candles ${span}, last close ${num(last.close)}`;
    }
    return `${snapshot.length} ${noun}, last: ${formatData(channel, last)}`;
  }
  return formatData(channel, snapshot);
};

/** The summary line of a snapshot, e.g. `snapshot candles:BTC/USDT:1m @ e1:41 — 1000 candles …`. */
export const formatSnapshot = (snapshot: unknown, info: SnapshotInfo): string => {
  const what = info.cause === 'initial' ? 'snapshot' : 'snapshot (reloaded: recovery impossible)';
  return `${what} ${info.channel} @ ${info.epoch}:${info.seq} (${info.kind}) — ${describeSnapshot(info.channel, snapshot)}`;
};
