/**
 * The part of the standard WebSocket interface the client uses. Browsers' `WebSocket`, Node 22's
 * global `WebSocket` and the `ws` package's `WebSocket` all fit.
 * @module
 */

export interface WebSocketMessageEventLike {
  readonly data: unknown;
}

export interface WebSocketCloseEventLike {
  readonly code: number;
  readonly reason: string;
}

/** Node's `ws` gives `message` and `error`; browsers give neither (read with care). */
export interface WebSocketErrorEventLike {
  readonly message?: string;
  readonly error?: { message?: string } | undefined;
}

type MessageListener = (event: WebSocketMessageEventLike) => void;
type CloseListener = (event: WebSocketCloseEventLike) => void;
type ErrorListener = (event: object) => void;

export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: MessageListener): void;
  addEventListener(type: 'close', listener: CloseListener): void;
  addEventListener(type: 'error', listener: ErrorListener): void;
  removeEventListener(type: 'message', listener: MessageListener): void;
  removeEventListener(type: 'close', listener: CloseListener): void;
  removeEventListener(type: 'error', listener: ErrorListener): void;
}

/** A WebSocket constructor, e.g. `globalThis.WebSocket` or `import { WebSocket } from 'ws'`. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** readyState of an open socket (WebSocket.OPEN). */
export const WS_OPEN = 1;
