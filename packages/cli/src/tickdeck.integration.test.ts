/**
 * The whole server (sources → pipeline → stores → gateway) driven through the SDK and REST, with
 * PGlite on disk: history survives a restart, and a client carries on across it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TickdeckClient, type ConnectionStatus } from '@tickdeck/client';
import type { Candle } from '@tickdeck/protocol';
import { loadConfig, startTickdeck, type RunningTickdeck } from '@tickdeck/server';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'tickdeck-e2e-'));
const config = (port: number) => ({
  ...loadConfig({ TICKDECK_PORT: String(port), TICKDECK_DATA_DIR: dataDir, TICKDECK_LOG_LEVEL: 'silent' }),
  sources: [{ kind: 'simulator', rate: 500, backfill: 1000, backfillTimeframes: ['1m', '5m'] }],
});
const start = (port = 0): Promise<RunningTickdeck> =>
  startTickdeck({ config: config(port), logger: pino({ level: 'silent' }) });

async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const closedCandles = async (base: string): Promise<Candle[]> => {
  const res = await fetch(`${base}/api/v1/candles?symbol=BTC/USDT&tf=1m&limit=5000`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { candles: Candle[] }).candles.filter((c) => c.closed);
};

describe('tickdeck end to end', () => {
  let server: RunningTickdeck | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a 1000-candle snapshot, then live updates, and keeps the history across a restart', async () => {
    server = await start();
    const port = Number(new URL(server.url).port);
    const client = new TickdeckClient({ url: `${server.url.replace('http', 'ws')}/ws`, WebSocket });
    const states: ConnectionStatus[] = [];
    client.on('state', (s) => states.push(s.status));
    let snapshot: Candle[] = [];
    let snapshots = 0;
    const updates: Candle[] = [];
    client.subscribe('candles:BTC/USDT:1m', {
      onSnapshot: (candles) => {
        snapshot = candles ?? [];
        snapshots++;
      },
      onPublication: (c) => updates.push(c),
    });
    client.connect();
    await waitFor(() => snapshot.length >= 1000 && updates.length > 0, 'snapshot and a live update');
    const last = snapshot.at(-1)!;
    expect(snapshot.slice(0, 1000).every((c, i, a) => i === 0 || c.time - a[i - 1]!.time === 60_000)).toBe(
      true,
    );
    expect(updates.at(-1)!.time).toBeGreaterThanOrEqual(last.time);

    // Everything closed is in the history store; after a restart the same candles come back.
    const before = await closedCandles(server.url);
    expect(before.length).toBeGreaterThanOrEqual(1000);
    await server.close();
    await waitFor(() => states.includes('reconnecting'), 'the client to notice');

    server = await start(port);
    const after = await closedCandles(server.url);
    expect(after.slice(0, before.length)).toEqual(before);

    // The client reconnects by itself; the new process is a new epoch, so it gets a fresh snapshot
    // that holds the same closed candles.
    await waitFor(() => snapshots >= 2 && client.state.status === 'connected', 'reconnect and snapshot');
    const reloaded = new Map(snapshot.map((c) => [c.time, c]));
    for (const c of before.slice(-900)) expect(reloaded.get(c.time)).toEqual(c);
    client.close();
  });
});
