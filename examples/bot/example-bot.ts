/**
 * A small bot that reports to tickdeck: it "trades" BTC/USDT around a made-up price, posts its fills
 * and a custom metric in batches over HTTP, and obeys commands (pause, resume, stop, custom) it
 * receives on the bot WebSocket, reporting each result.
 *
 *   TICKDECK_URL=http://127.0.0.1:8080 TICKDECK_BOT_ID=example TICKDECK_KEY=... npx tsx examples/bot/example-bot.ts
 *
 * TICKDECK_KEY is only needed once the server has API keys configured (docs/ingest.md).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const url = process.env.TICKDECK_URL ?? 'http://127.0.0.1:8080';
const botId = process.env.TICKDECK_BOT_ID ?? 'example';
const key = process.env.TICKDECK_KEY;
const headers: Record<string, string> = {
  'content-type': 'application/json',
  ...(key ? { authorization: `Bearer ${key}` } : {}),
};

let paused = false;
let running = true;
let price = 60_000;
let position = 0;
const run = randomUUID().slice(0, 8);
let seq = 0;
const nextId = () => `${run}-${++seq}`;

/** Posts events; resends the batch until the server has acknowledged (stored) it. */
async function post(events: object[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/api/v1/ingest`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ events }),
      });
      if (res.ok) {
        const ack = (await res.json()) as { results: { status: string; code?: string; message?: string }[] };
        for (const r of ack.results)
          if (r.status === 'rejected') console.error(`rejected: ${r.code} ${r.message}`);
        return;
      }
      console.error(`ingest answered HTTP ${res.status}`);
      if (res.status < 500) return;
    } catch (err) {
      console.error(`ingest failed: ${(err as Error).message}`);
    }
    // Same event ids on a retry: the server stores each event once.
    await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
  }
}

async function step(): Promise<void> {
  price *= 1 + (Math.random() - 0.5) / 500;
  const now = Date.now();
  const events: object[] = [
    {
      type: 'metric',
      botId,
      eventId: nextId(),
      timestamp: now,
      name: 'loop_ms',
      value: 50 + Math.random() * 20,
      unit: 'ms',
    },
  ];
  if (!paused && Math.random() < 0.3) {
    const side = position > 0 ? 'sell' : 'buy';
    const amount = side === 'sell' ? position : 0.01;
    position = side === 'buy' ? position + amount : 0;
    const id = nextId();
    events.push({
      type: 'fill',
      botId,
      eventId: id,
      fill: {
        id,
        symbol: 'BTC/USDT',
        side,
        price,
        amount,
        timestamp: now,
        fee: { cost: price * amount * 0.001, currency: 'USDT' },
      },
    });
  }
  await post(events);
}

function connect(): void {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/bot/ws?botId=${encodeURIComponent(botId)}`, {
    headers,
  });
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as {
      op: string;
      command?: { commandId: string; kind: string; name?: string; params?: unknown };
    };
    if (msg.op !== 'command' || !msg.command) return;
    const c = msg.command;
    let ok = true;
    let message = '';
    if (c.kind === 'pause') paused = true;
    else if (c.kind === 'resume') paused = false;
    else if (c.kind === 'stop') running = false;
    else if (c.kind === 'close_all') position = 0;
    else if (c.kind === 'custom') message = `got ${c.name} ${JSON.stringify(c.params ?? {})}`;
    else ok = false;
    console.log(`command ${c.kind}: ${ok ? 'done' : 'refused'}`);
    ws.send(JSON.stringify({ op: 'result', commandId: c.commandId, ok, message }));
  });
  const ping = setInterval(
    () => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ op: 'ping', t: Date.now() })),
    15_000,
  );
  ws.on('error', (err) => console.error(`bot socket: ${err.message}`));
  ws.on('close', () => {
    clearInterval(ping);
    if (running) setTimeout(connect, 2000);
  });
}

connect();
while (running) {
  await step();
  await new Promise((r) => setTimeout(r, 1000));
}
console.log('stopped by command');
process.exit(0);
