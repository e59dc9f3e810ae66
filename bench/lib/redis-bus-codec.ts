/**
 * The publication encodings compared: the publisher's cost to encode data once, every gateway's cost to
 * decode a payload (header + data), and the bytes Redis carries, for representative data.
 * @module
 */
import { decodePublication, encodeData, type PublicationEncoding } from '@tickdeck/server';

export interface CodecFigures {
  data: string;
  encoding: PublicationEncoding;
  bytes: number;
  encodeNs: number;
  decodeNs: number;
}

const SAMPLES: Record<string, unknown> = {
  ticker: {
    symbol: 'BTC/USDT',
    type: 'spot',
    timestamp: 1_704_067_200_000,
    last: 43251.12,
    bid: 43251.1,
    ask: 43251.2,
    bidVolume: 1.234,
    askVolume: 0.5,
    high: 44000.5,
    low: 42000.25,
    baseVolume: 12345.678,
    percentage: 1.77,
  },
  candle: {
    symbol: 'BTC/USDT',
    timeframe: '1m',
    time: 1_704_067_200_000,
    open: 43000,
    high: 43300.5,
    low: 42950.25,
    close: 43251.12,
    volume: 12.3456,
    trades: 321,
    closed: false,
  },
  trade: {
    id: '3412345678',
    symbol: 'BTC/USDT',
    timestamp: 1_704_067_200_123,
    side: 'buy',
    price: 43251.12,
    amount: 0.015,
  },
  portfolio: {
    botId: 'paper',
    equity: 10234.5,
    cash: 5000,
    positions: Array.from({ length: 10 }, (_, i) => ({
      symbol: `S${i}/USDT`,
      amount: i * 0.1,
      avgPrice: 100 + i,
      upnl: i - 3,
    })),
  },
};

/** Median of 5 timings of `n` calls, ns per call. */
function time(fn: () => unknown, n: number): number {
  const runs: number[] = [];
  for (let r = 0; r < 6; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    if (r > 0) runs.push(Number(process.hrtime.bigint() - t) / n);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

export function measureCodecs(n = 20_000): CodecFigures[] {
  const out: CodecFigures[] = [];
  for (const [name, value] of Object.entries(SAMPLES)) {
    for (const encoding of ['json', 'msgpack'] as const) {
      const data = encodeData(value, encoding);
      const payload = Buffer.concat([Buffer.from('k3j9x0ab1:123456:1704067200123:'), Buffer.from(data)]);
      out.push({
        data: name,
        encoding,
        bytes: payload.length,
        encodeNs: time(() => encodeData(value, encoding), n),
        decodeNs: time(() => decodePublication('ticker:BTC/USDT', payload), n),
      });
    }
  }
  return out;
}
