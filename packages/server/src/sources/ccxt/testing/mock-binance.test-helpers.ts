/**
 * A local stand-in for Binance spot, enough for real ccxt to run against it: REST `GET /api/v3/klines`
 * and `/api/v3/depth`, and WebSocket combined streams under `/stream` (SUBSCRIBE requests answered with
 * `{result: null, id}`, then `{stream, data}` frames of trade, 24hrTicker, kline and depthUpdate events,
 * as Binance sends them). `drop()` terminates every socket, as a network loss would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface MockKline {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

export interface MockBinance {
  port: number;
  wsUrl: string;
  restUrl: string;
  /** Stream names subscribed on open sockets, e.g. `btcusdt@trade`. */
  subscribed(): Set<string>;
  /** Sockets accepted since start. */
  connections: number;
  /** REST requests seen, path and query. */
  requests: string[];
  /** Candles served by /klines per market id (e.g. BTCUSDT); tests fill it. */
  klines: Map<string, MockKline[]>;
  /** Sends a frame to every socket subscribed to `stream`; returns how many got it. */
  send(stream: string, data: object): number;
  trade(
    id: string,
    t: { id: number; price: number; amount: number; time: number; buyerMaker: boolean },
  ): number;
  ticker(id: string, t: { bid: number; ask: number; last: number; open: number; time: number }): number;
  kline(id: string, k: MockKline, closed: boolean): number;
  /** Moves the book's best levels; the snapshot served by /depth follows. */
  depth(id: string, bid: [number, number], ask: [number, number], time: number): number;
  drop(): void;
  close(): Promise<void>;
}

interface Book {
  updateId: number;
  bids: [number, number][];
  asks: [number, number][];
}

export async function startMockBinance(): Promise<MockBinance> {
  const sockets = new Map<WebSocket, Set<string>>();
  const books = new Map<string, Book>();
  const klines = new Map<string, MockKline[]>();
  const requests: string[] = [];
  const bookOf = (id: string): Book => {
    let b = books.get(id);
    if (!b) books.set(id, (b = { updateId: 1000, bids: [[99, 1]], asks: [[101, 1]] }));
    return b;
  };

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const symbol = url.searchParams.get('symbol') ?? '';
    if (url.pathname === '/api/v3/klines') {
      const start = Number(url.searchParams.get('startTime') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const all = (klines.get(symbol) ?? []).filter((k) => k.t >= start);
      const rows = (url.searchParams.has('startTime') ? all.slice(0, limit) : all.slice(-limit)).map((k) => [
        k.t,
        String(k.o),
        String(k.h),
        String(k.l),
        String(k.c),
        String(k.v),
        k.t + 59_999,
        '0',
        1,
        '0',
        '0',
        '0',
      ]);
      return json(res, 200, rows);
    }
    if (url.pathname === '/api/v3/depth') {
      const b = bookOf(symbol);
      return json(res, 200, {
        lastUpdateId: b.updateId,
        bids: b.bids.map(([p, q]) => [String(p), String(q)]),
        asks: b.asks.map(([p, q]) => [String(p), String(q)]),
      });
    }
    json(res, 404, { code: -1, msg: `mock has no ${url.pathname}` });
  });

  const wss = new WebSocketServer({ noServer: true });
  let connections = 0;
  http.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/stream')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections++;
      const subs = new Set<string>();
      sockets.set(ws, subs);
      ws.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as { method?: string; params?: string[]; id?: number };
        if (msg.method === 'SUBSCRIBE') for (const p of msg.params ?? []) subs.add(p);
        if (msg.method === 'UNSUBSCRIBE') for (const p of msg.params ?? []) subs.delete(p);
        ws.send(JSON.stringify({ result: null, id: msg.id }));
      });
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  const send = (stream: string, data: object): number => {
    let n = 0;
    for (const [ws, subs] of sockets) {
      if (!subs.has(stream) || ws.readyState !== ws.OPEN) continue;
      ws.send(JSON.stringify({ stream, data }));
      n++;
    }
    return n;
  };

  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/stream`,
    restUrl: `http://127.0.0.1:${port}/api/v3`,
    subscribed: () => new Set([...sockets.values()].flatMap((s) => [...s])),
    get connections() {
      return connections;
    },
    requests,
    klines,
    send,
    trade: (id, t) =>
      send(`${id.toLowerCase()}@trade`, {
        e: 'trade',
        E: t.time,
        s: id,
        t: t.id,
        p: String(t.price),
        q: String(t.amount),
        T: t.time,
        m: t.buyerMaker,
        M: true,
      }),
    ticker: (id, t) => {
      const hi = String(Math.max(t.open, t.last));
      const lo = String(Math.min(t.open, t.last));
      // ccxt's binance watchTicker subscribes to the mini ticker; watchTicker(s, { name: 'ticker' }) to the full one.
      const mini = {
        e: '24hrMiniTicker',
        E: t.time,
        s: id,
        c: String(t.last),
        o: String(t.open),
        h: hi,
        l: lo,
        v: '100',
        q: '10000',
      };
      const full = {
        ...mini,
        e: '24hrTicker',
        p: String(t.last - t.open),
        P: String(((t.last - t.open) / t.open) * 100),
        w: String(t.last),
        x: String(t.open),
        Q: '1',
        b: String(t.bid),
        B: '2',
        a: String(t.ask),
        A: '3',
        O: t.time - 86_400_000,
        C: t.time,
        F: 1,
        L: 100,
        n: 100,
      };
      return send(`${id.toLowerCase()}@miniTicker`, mini) + send(`${id.toLowerCase()}@ticker`, full);
    },
    kline: (id, k, closed) =>
      send(`${id.toLowerCase()}@kline_1m`, {
        e: 'kline',
        E: k.t + 1000,
        s: id,
        k: {
          t: k.t,
          T: k.t + 59_999,
          s: id,
          i: '1m',
          f: 1,
          L: 2,
          o: String(k.o),
          c: String(k.c),
          h: String(k.h),
          l: String(k.l),
          v: String(k.v),
          n: 2,
          x: closed,
          q: '0',
          V: '0',
          Q: '0',
          B: '0',
        },
      }),
    depth: (id, bid, ask, time) => {
      const b = bookOf(id);
      const U = b.updateId + 1;
      b.updateId = U;
      // Remove the old best levels (quantity 0) and set the new ones, so the book holds one level a side.
      const side = (old: [number, number][], now: [number, number]) => [
        ...old.filter(([p]) => p !== now[0]).map(([p]) => [String(p), '0']),
        [String(now[0]), String(now[1])],
      ];
      const upd = { e: 'depthUpdate', E: time, s: id, U, u: U, b: side(b.bids, bid), a: side(b.asks, ask) };
      b.bids = [bid];
      b.asks = [ask];
      return send(`${id.toLowerCase()}@depth@100ms`, upd);
    },
    drop: () => {
      for (const ws of sockets.keys()) ws.terminate();
      sockets.clear();
    },
    close: async () => {
      for (const ws of sockets.keys()) ws.terminate();
      sockets.clear();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
