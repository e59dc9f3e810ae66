/**
 * Time to serve a 1000-candle snapshot: a client subscribes to a candles channel, gets the
 * `subscribed` reply with 1000 candles, unsubscribes, and again. The server child times each one
 * from the subscribe frame's arrival on the socket to the snapshot frame's write (parse, resolve,
 * snapshot provider, encode, frame, write); the client times the round trip.
 * @module
 */
import { WebSocket } from 'ws';
import { Child } from './fanout-children.js';
import type { ServerReply, ServerRequest } from './fanout-ipc.js';
import { SNAPSHOT_CHANNEL } from './fanout-payload.js';

export interface SnapshotFigures {
  encoding: 'json' | 'msgpack';
  samples: number;
  serverP50: number;
  serverMax: number;
  roundTripP50: number;
  /** JSON.stringify of the same message alone (JSON only). */
  encodeP50: number;
  frameBytes: number;
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

async function roundTrips(port: number, subprotocol: string, count: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?probe=snapshot`, [subprotocol], {
    perMessageDeflate: false,
  });
  const frames: Buffer[] = [];
  let wake: (() => void) | undefined;
  ws.on('message', (data: Buffer) => {
    frames.push(data);
    wake?.();
  });
  const next = () =>
    new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('snapshot: no frame in 10 s')), 10_000);
      const take = () => {
        const f = frames.shift();
        if (f === undefined) return void (wake = take);
        wake = undefined;
        clearTimeout(timer);
        resolve(f);
      };
      take();
    });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  await next(); // welcome
  const times: number[] = [];
  const channel = JSON.stringify({ channel: SNAPSHOT_CHANNEL });
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    ws.send(`{"op":"subscribe","id":${i},"channels":[${channel}]}`);
    let f = await next();
    while (f.length < 50_000) f = await next();
    times.push(performance.now() - t0);
    ws.send(`{"op":"unsubscribe","id":${i},"channels":[${JSON.stringify(SNAPSHOT_CHANNEL)}]}`);
    await next();
  }
  ws.terminate();
  return times;
}

export async function measureSnapshot(count: number): Promise<SnapshotFigures[]> {
  const { child, ready } = await Child.start<ServerRequest, ServerReply>('fanout-server-child', {
    args: ['tickdeck', ''],
  });
  try {
    const out: SnapshotFigures[] = [];
    for (const [encoding, proto] of [
      ['json', 'tickdeck.json.v1'],
      ['msgpack', 'tickdeck.msgpack.v1'],
    ] as const) {
      const rtt = await roundTrips(ready.port as number, proto, count);
      const s = await child.ask('snapshot-samples', {}, 30_000);
      out.push({
        encoding,
        samples: s.samplesMs.length,
        serverP50: quantile(s.samplesMs, 0.5),
        serverMax: Math.max(...s.samplesMs),
        roundTripP50: quantile(rtt, 0.5),
        encodeP50: encoding === 'json' ? quantile(s.encodeMs, 0.5) : NaN,
        frameBytes: s.bytes,
      });
    }
    return out;
  } finally {
    await child.ask('exit', {}, 5000).catch(() => undefined);
    await child.stop(3000);
  }
}
