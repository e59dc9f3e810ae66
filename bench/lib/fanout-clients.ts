/**
 * Benchmark clients, one per server kind, each speaking that server's protocol: connect, subscribe
 * to its topics, resolve once subscribed, then record every update.
 * @module
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ServerKind } from './fanout-ipc.js';
import { tickdeckChannel, wallNow, type TickPayload } from './fanout-payload.js';
import type { Recorder } from './fanout-recorder.js';

/** A connected client, closable by the worker. */
export interface BenchClient {
  close(): void;
}

type Connect = (port: number, topics: string[], rec: Recorder) => Promise<BenchClient>;

interface TickdeckMessage {
  op: string;
  d?: TickPayload;
  t?: number;
  code?: string;
  message?: string;
}

const wsClient = (url: string, onClose: (code: number) => void) => {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let closing = false;
  ws.on('close', (code) => {
    if (!closing) onClose(code);
  });
  return {
    ws,
    close() {
      closing = true;
      ws.terminate();
    },
  };
};

const connectTickdeck: Connect = (port, topics, rec) =>
  new Promise((resolve, reject) => {
    const seqs = rec.newClient();
    let opened = false;
    const c = wsClient(`ws://127.0.0.1:${port}/ws`, (code) => {
      if (opened) rec.disconnected(String(code));
      else reject(new Error(`closed ${code} before subscribing`));
    });
    let pending = topics.length;
    c.ws.on('error', reject);
    c.ws.on('open', () => {
      const channels = topics.map((t) => ({ channel: tickdeckChannel(t) }));
      c.ws.send(JSON.stringify({ op: 'subscribe', id: 1, channels }));
    });
    c.ws.on('message', (data) => {
      const now = wallNow();
      const frame = JSON.parse(String(data)) as TickdeckMessage[];
      for (let i = 0; i < frame.length; i++) {
        const m = frame[i]!;
        if (m.op === 'pub') rec.record(seqs, m.d!, now);
        else if (m.op === 'ping') c.ws.send(`{"op":"pong","t":${m.t}}`);
        else if (m.op === 'subscribed' && --pending === 0) {
          opened = true;
          resolve(c);
        } else if (m.op === 'error') reject(new Error(`${m.code}: ${m.message}`));
      }
    });
  });

const connectRawWs: Connect = (port, topics, rec) =>
  new Promise((resolve, reject) => {
    const seqs = rec.newClient();
    let opened = false;
    const c = wsClient(`ws://127.0.0.1:${port}/`, (code) => {
      if (opened) rec.disconnected(String(code));
      else reject(new Error(`closed ${code} before subscribing`));
    });
    c.ws.on('error', reject);
    c.ws.on('open', () => c.ws.send(JSON.stringify({ sub: topics })));
    c.ws.on('message', (data) => {
      const now = wallNow();
      const m = JSON.parse(String(data)) as { d?: TickPayload; ok?: 1 };
      if (m.d) rec.record(seqs, m.d, now);
      else if (m.ok) {
        opened = true;
        resolve(c);
      }
    });
  });

const connectSocketIo: Connect = (port, topics, rec) =>
  new Promise((resolve, reject) => {
    const seqs = rec.newClient();
    const socket: Socket = io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    let opened = false;
    let closing = false;
    socket.on('connect_error', reject);
    socket.on('disconnect', (reason) => {
      if (!closing && opened) rec.disconnected(reason);
    });
    socket.on('p', (d: TickPayload) => rec.record(seqs, d, wallNow()));
    socket.on('connect', () => {
      socket.emit('sub', topics, () => {
        opened = true;
        resolve({
          close() {
            closing = true;
            socket.disconnect();
          },
        });
      });
    });
  });

export const CONNECT: Record<ServerKind, Connect> = {
  tickdeck: connectTickdeck,
  ws: connectRawWs,
  socketio: connectSocketIo,
};
