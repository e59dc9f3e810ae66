/** What a session sends through: a WebSocket or an SSE response. */
import type { Encoding, OutMessage } from './out-message.js';

export interface Transport {
  readonly kind: 'ws' | 'sse';
  readonly encoding: Encoding;
  /** Bytes handed to the transport and not yet written to the network. */
  bufferedAmount(): number;
  /** Send `items[from..to)` in order, as one frame (WebSocket) or consecutive events (SSE). Returns the bytes. */
  send(items: readonly OutMessage[], from: number, to: number): number;
  /** Call `cb` once, when the transport's buffer has drained. */
  onceDrained(cb: () => void): void;
  /** Close with a code from CloseCode; the session's `dispose` follows. */
  close(code: number, reason: string): void;
  /** SSE: write a keep-alive comment (WebSocket sessions send `ping` messages instead). */
  keepAlive?(): void;
}
