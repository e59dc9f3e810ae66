/**
 * LiveState writes as a collector makes them (ticker, metrics and a candle update per trade, over
 * 20 symbols), fire-and-forget on one connection, with and without ioredis auto-pipelining: writes/s
 * and the CPU of the collector and of Redis per write.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { RedisLiveState, createRedis } from '@tickdeck/server';
import { deleteBenchKeys, redisCpuSeconds } from './redis-bus-server.js';

export interface LiveStateFigures {
  autoPipelining: boolean;
  writes: number;
  writesPerSec: number;
  collectorUsPerWrite: number;
  redisUsPerWrite: number;
}

const T0 = Date.UTC(2024, 0, 1);

export async function measureLiveStateWrites(url: string, writes = 30_000): Promise<LiveStateFigures[]> {
  const out: LiveStateFigures[] = [];
  for (const autoPipelining of [false, true]) {
    const prefix = `tickdeck-bench:${randomBytes(4).toString('hex')}:`;
    const client = createRedis(url);
    client.options.enableAutoPipelining = autoPipelining;
    const admin = createRedis(url);
    const live = new RedisLiveState({ client, prefix });
    try {
      await client.ping();
      const redis0 = await redisCpuSeconds(admin);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < writes; i += 3) {
        const symbol = `S${i % 20}/USDT`;
        const last = 100 + (i % 97);
        live.setTicker({ symbol, type: 'spot', timestamp: T0 + i, last, bid: last - 0.1, ask: last + 0.1 });
        live.setMetrics({
          symbol,
          type: 'spot',
          last,
          bid: last - 0.1,
          ask: last + 0.1,
          spread: 0.2,
          spreadBps: 20,
          change24hPct: 1,
          volume24h: 1000,
          msgsPerSec: 50,
          feedLatencyMs: 3,
          silenceMs: 0,
          stale: false,
          uptimeMs: i,
          asOf: T0 + i,
        });
        const time = T0 + Math.floor(i / 300) * 60_000;
        live.putCandle({
          symbol,
          timeframe: '1m',
          time,
          open: 100,
          high: 200,
          low: 50,
          close: last,
          volume: i,
          trades: i,
          closed: false,
        });
      }
      await live.ticker('S0/USDT');
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const redisSec = (await redisCpuSeconds(admin)) - redis0;
      out.push({
        autoPipelining,
        writes,
        writesPerSec: (writes / ms) * 1000,
        collectorUsPerWrite: (cpu.user + cpu.system) / writes,
        redisUsPerWrite: (redisSec * 1e6) / writes,
      });
    } finally {
      await deleteBenchKeys(admin, prefix);
      await client.quit();
      await admin.quit();
    }
  }
  return out;
}
