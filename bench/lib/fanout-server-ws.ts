/**
 * Raw `ws` under test, the practical ceiling in Node: each update is serialized once into a Buffer
 * and handed to every subscriber's `send`. Clients send `{"sub":[topics]}` and get `{"ok":1}`.
 * @module
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { trackSockets, type BenchServer } from './fanout-bench-server.js';
import type { TickPayload } from './fanout-payload.js';

const TEXT = { binary: false };

export async function startRawWs(): Promise<BenchServer> {
  const http = createServer();
  const sockets = trackSockets(http);
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false, clientTracking: false });
  const topics = new Map<string, Set<WebSocket>>();
  // Arrays iterate fastest; rebuilt only when a topic's membership changes.
  const lists = new Map<string, WebSocket[]>();
  wss.on('connection', (ws) => {
    const mine: string[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { sub?: string[] };
      for (const t of msg.sub ?? []) {
        let set = topics.get(t);
        if (!set) topics.set(t, (set = new Set()));
        set.add(ws);
        lists.delete(t);
        mine.push(t);
      }
      ws.send('{"ok":1}');
    });
    ws.on('close', () => {
      for (const t of mine) {
        topics.get(t)?.delete(ws);
        lists.delete(t);
      }
    });
    ws.on('error', () => {});
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    sockets,
    publish(topic: string, d: TickPayload) {
      let list = lists.get(topic);
      if (list === undefined) {
        const set = topics.get(topic);
        if (!set) return;
        lists.set(topic, (list = [...set]));
      }
      const buf = Buffer.from(JSON.stringify({ ch: topic, d }));
      for (let i = 0; i < list.length; i++) list[i]!.send(buf, TEXT);
    },
    async close() {
      for (const s of sockets) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
