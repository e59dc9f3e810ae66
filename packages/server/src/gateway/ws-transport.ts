/** A session's WebSocket: frames from pre-encoded messages, drain from the raw socket. */
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { GatewayStats } from './gateway-stats.js';
import { assembleFrame, type Encoding, type OutMessage } from './out-message.js';
import type { Transport } from './transport.js';

const OPEN = WebSocket.OPEN;
const TEXT = { binary: false };
const BINARY = { binary: true };

export class WsTransport implements Transport {
  readonly kind = 'ws';
  /** Set once the server has decided to close (its code is already counted). */
  closedByServer = false;
  private readonly sendOptions: { binary: boolean };

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    readonly encoding: Encoding,
    private readonly stats: GatewayStats,
  ) {
    this.sendOptions = encoding === 'json' ? TEXT : BINARY;
  }

  bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(items: readonly OutMessage[], from: number, to: number): number {
    if (to - from === 1 && this.ws.readyState === OPEN) {
      // The message's complete WebSocket frame, shared by every socket: one write, no per-socket
      // framing. Safe because permessage-deflate is off, so ws never holds frames back itself.
      const shared = items[from]!.wsFrame(this.encoding);
      this.socket.write(shared);
      return shared.length;
    }
    const frame = assembleFrame(this.encoding, items, from, to);
    this.ws.send(frame, this.sendOptions);
    return frame.length;
  }

  onceDrained(cb: () => void): void {
    this.socket.once('drain', cb);
  }

  close(code: number, reason: string): void {
    if (this.closedByServer) return;
    this.closedByServer = true;
    this.stats.countClose(code);
    this.ws.close(code, reason);
  }
}
