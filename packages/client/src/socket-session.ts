/**
 * One WebSocket connection attempt: opens the socket, decodes frames, and reports the drop once,
 * with its reason. After `close()` it reports nothing more.
 * @module
 */
import { CloseCode } from '@tickdeck/protocol';
import type { ClientMessage, ServerMessage } from '@tickdeck/protocol';
import { decodeFrame, encodeMessage, encodingOfSubprotocol, subprotocolOf } from './codec.js';
import type { Encoding } from './codec.js';
import type { StateReason } from './connection-state.js';
import type { ClientError } from './errors.js';
import type { TimerHandle, Timers } from './timers.js';
import { WS_OPEN } from './websocket-like.js';
import type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketErrorEventLike,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './websocket-like.js';

export interface SessionCallbacks {
  /** Any frame arrived (before decoding: it proves the peer alive). */
  onFrame(): void;
  /** One decoded message; the session may be closed by the time the next is delivered. */
  onMessage(message: ServerMessage): void;
  onDecodeError(error: ClientError): void;
  /** The connection is gone (close frame, network error, handshake timeout). Called at most once. */
  onDrop(reason: StateReason): void;
}

export interface SessionOptions {
  WebSocket: WebSocketConstructor;
  url: string;
  encoding: Encoding;
  connectTimeoutMs: number;
  timers: Timers;
}

const noop = (): void => {};

export class SocketSession {
  private socket: WebSocketLike | undefined;
  private closed = false;
  private lastError: string | undefined;
  private connectTimer: TimerHandle | undefined;
  private readonly listeners = {
    message: (event: WebSocketMessageEventLike) => this.onData(event.data),
    error: (event: object) => {
      const e = event as WebSocketErrorEventLike;
      this.lastError = e.message || e.error?.message || 'WebSocket error';
    },
    close: (event: WebSocketCloseEventLike) => this.drop(this.closeReason(event)),
  };

  constructor(
    private readonly options: SessionOptions,
    private readonly callbacks: SessionCallbacks,
  ) {}

  /** Open the socket. A constructor failure (bad URL) is reported as a drop. */
  open(): void {
    try {
      const socket = new this.options.WebSocket(this.options.url, [subprotocolOf(this.options.encoding)]);
      socket.binaryType = 'arraybuffer';
      socket.addEventListener('message', this.listeners.message);
      socket.addEventListener('error', this.listeners.error);
      socket.addEventListener('close', this.listeners.close);
      this.socket = socket;
    } catch (error) {
      return this.drop({ type: 'network', message: error instanceof Error ? error.message : String(error) });
    }
    this.connectTimer = this.options.timers.setTimeout(() => {
      this.connectTimer = undefined;
      this.drop({ type: 'timeout', what: 'handshake' });
    }, this.options.connectTimeoutMs);
  }

  /** The welcome arrived: stop the handshake timer. */
  handshakeDone(): void {
    if (this.connectTimer === undefined) return;
    this.options.timers.clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
  }

  /** The encoding the server accepted (MessagePack only if it chose that subprotocol). */
  get encoding(): Encoding {
    return encodingOfSubprotocol(this.socket?.protocol ?? '');
  }

  /** Send now if the socket is open; otherwise the message is dropped. */
  send(message: ClientMessage): void {
    const socket = this.socket;
    if (this.closed || socket === undefined || socket.readyState !== WS_OPEN) return;
    socket.send(encodeMessage(message, this.encoding));
  }

  /**
   * Leave the connection without reporting a drop. `graceful`: a close handshake with 1000;
   * otherwise the socket is terminated at once where the implementation can (`ws`), since the peer
   * may be gone.
   */
  close(graceful: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.handshakeDone();
    const socket = this.socket;
    this.socket = undefined;
    if (socket === undefined) return;
    socket.removeEventListener('message', this.listeners.message);
    socket.removeEventListener('error', this.listeners.error);
    socket.removeEventListener('close', this.listeners.close);
    // Late errors of an abandoned socket must not surface as unhandled ('ws' throws them otherwise).
    socket.addEventListener('error', noop);
    const terminate = (socket as { terminate?: () => void }).terminate;
    if (!graceful && typeof terminate === 'function') terminate.call(socket);
    else socket.close(CloseCode.Normal, graceful ? 'client closed' : 'client gave up on the connection');
  }

  private onData(data: unknown): void {
    if (this.closed) return;
    this.callbacks.onFrame();
    let messages: ServerMessage[];
    try {
      messages = decodeFrame(data);
    } catch (error) {
      return this.callbacks.onDecodeError(error as ClientError);
    }
    for (const message of messages) {
      if (this.closed) return;
      this.callbacks.onMessage(message);
    }
  }

  private closeReason(event: WebSocketCloseEventLike): StateReason {
    const code = event.code || 1006;
    if (code === 1006 && this.lastError !== undefined) return { type: 'network', message: this.lastError };
    return { type: 'close', code, text: event.reason || '' };
  }

  private drop(reason: StateReason): void {
    if (this.closed) return;
    this.close(false);
    this.callbacks.onDrop(reason);
  }
}
