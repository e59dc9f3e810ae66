/**
 * The built-in paper bot trading on the simulator through the ingest path, in the real server. Time
 * runs 120× faster (an injected clock) so 1m candles close every half second and EMA crossovers come
 * within seconds; nothing else differs from `tickdeck start`.
 */
import type { Clock } from '@tickdeck/core';
import { loadConfig, startTickdeck, type RunningTickdeck } from '@tickdeck/server';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

const SPEED = 120;
const started = Date.now();
const fastClock: Clock = { now: () => started + (Date.now() - started) * SPEED };

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface FillRow {
  side: string;
  price: number;
  amount: number;
}

describe('paper bot on the simulator', () => {
  let server: RunningTickdeck | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it('trades live simulated data through ingest, and its fills make its portfolio', async () => {
    const config = {
      ...loadConfig({ TICKDECK_PORT: '0', TICKDECK_STORAGE_IN_MEMORY: 'true' }),
      sources: [
        { kind: 'simulator', rate: 400, backfill: 50, backfillTimeframes: ['1m'], symbols: ['BTC/USDT'] },
      ],
    };
    server = await startTickdeck({ config, logger: pino({ level: 'silent' }), clock: fastClock });
    const base = server.url;

    const fills = await until(async () => {
      const res = await fetch(`${base}/api/v1/fills?botId=paper`);
      const body = (await res.json()) as { fills: FillRow[] };
      return body.fills.length >= 2 ? body.fills : undefined;
    }, 'two paper fills');
    expect(fills[0]!.side).toBe('buy');
    expect(fills[1]!.side).toBe('sell');
    // Filled at the simulated market: near the simulator's BTC/USDT level, never at a backfill price.
    for (const f of fills) expect(f.price).toBeGreaterThan(30_000);

    // The stored fills are what the portfolio is made of: one round trip closed, P&L net of fees.
    const p = (await (await fetch(`${base}/api/v1/portfolio?botId=paper`)).json()) as {
      realizedPnl: number;
      fees: number;
      stats: { tradeCount: number };
    };
    expect(p.stats.tradeCount).toBeGreaterThanOrEqual(1);
    const [buy, sell] = fills as [FillRow, FillRow];
    const expectedRealized = (sell.price - buy.price) * sell.amount;
    if (fills.length === 2) expect(p.realizedPnl).toBeCloseTo(expectedRealized, 6);
    expect(p.fees).toBeGreaterThan(0);

    // The bots page shows it alive: connected, with a heartbeat.
    const bots = (await (await fetch(`${base}/api/v1/bots`)).json()) as {
      bots: { botId: string; connected: boolean; lastHeartbeat: number | null }[];
    };
    const me = bots.bots.find((b) => b.botId === 'paper');
    expect(me?.connected).toBe(true);
    expect(me?.lastHeartbeat).toEqual(expect.any(Number));
  });
});
