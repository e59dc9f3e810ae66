/**
 * A session over Server-Sent Events. Each message is one event named by its `op`, its data the same
 * JSON as on a WebSocket. Every `pub` and `subscribed` event carries an `id:` holding the position of
 * every channel of the stream (see {@link formatPositions}), so Last-Event-ID recovers them all.
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { ServerMessage } from '@tickdeck/protocol';
import type { GatewayStats } from './gateway-stats.js';
import type { OutMessage } from './out-message.js';
import type { Transport } from './transport.js';

type Position = { epoch: string; seq: number } | undefined;

/** `ep:seq` per channel in the stream's order, `,`-separated; an empty epoch repeats the previous one. */
export function formatPositions(positions: readonly Position[]): string {
  let prev = '';
  let out = '';
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (i > 0) out += ',';
    if (!p) continue;
    out += (p.epoch === prev ? '' : p.epoch) + ':' + p.seq;
    prev = p.epoch;
  }
  return out;
}

/** Inverse of {@link formatPositions}; unreadable entries are undefined. */
export function parsePositions(id: string, count: number): Position[] {
  const parts = id.split(',');
  const out: Position[] = [];
  let prev = '';
  for (let i = 0; i < count; i++) {
    const m = /^([A-Za-z0-9_-]{0,64}):(\d{1,15})$/.exec(parts[i] ?? '');
    if (!m) {
      out.push(undefined);
      continue;
    }
    const epoch = m[1] || prev;
    prev = epoch;
    out.push(epoch ? { epoch, seq: Number(m[2]) } : undefined);
  }
  return out;
}

const END = Buffer.from('\n\n');

export class SseTransport implements Transport {
  readonly kind = 'sse';
  readonly encoding = 'json';
  private readonly index = new Map<string, number>();
  private readonly positions: Position[];
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    channels: readonly string[],
    private readonly stats: GatewayStats,
  ) {
    channels.forEach((c, i) => this.index.set(c, i));
    this.positions = channels.map(() => undefined);
  }

  bufferedAmount(): number {
    return this.res.writableLength;
  }

  send(items: readonly OutMessage[], from: number, to: number): number {
    const parts: Buffer[] = [];
    for (let i = from; i < to; i++) {
      const m = items[i]!;
      const msg = m.msg as ServerMessage;
      let head = '';
      if ((msg.op === 'pub' || msg.op === 'subscribed') && this.index.has(msg.ch)) {
        this.positions[this.index.get(msg.ch)!] = { epoch: msg.ep, seq: msg.seq };
        head = 'id: ' + formatPositions(this.positions) + '\n';
      }
      parts.push(Buffer.from(head + 'event: ' + msg.op + '\ndata: '), m.item('json'), END);
    }
    const chunk = Buffer.concat(parts);
    this.res.write(chunk);
    return chunk.length;
  }

  onceDrained(cb: () => void): void {
    this.res.once('drain', cb);
  }

  keepAlive(): void {
    if (!this.closed) this.res.write(': ping\n\n');
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.stats.countClose(code);
    this.res.end(`event: close\ndata: ${JSON.stringify({ op: 'close', code, reason })}\n\n`);
    // A client that stopped reading never lets the end through: cut it after a grace period.
    setTimeout(() => this.res.destroy(), 5000).unref();
  }
}
