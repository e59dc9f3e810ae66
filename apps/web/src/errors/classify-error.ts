/**
 * Sort any failure the dashboard meets into network, authentication or server, with a sentence a
 * trader can act on. Pure.
 * @module
 */
import { CloseCode, ErrorCode } from '@tickdeck/protocol';
import type { StateReason } from '@tickdeck/client';

export type ErrorCategory = 'network' | 'authentication' | 'server';

export interface ClassifiedError {
  category: ErrorCategory;
  /** A short title, e.g. `Cannot reach the server`. */
  title: string;
  /** What happened and what to do, in plain words. */
  advice: string;
  /** Technical detail (status, code, message), for the curious and for bug reports. */
  detail: string;
}

/** A failed HTTP request of the REST API. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    /** The problem's `code` when the server sent application/problem+json. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The request never got an answer (offline, DNS, connection refused, aborted by timeout). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

const AUTH_CODES: ReadonlySet<string> = new Set([ErrorCode.Unauthorized, ErrorCode.Forbidden]);

const network = (detail: string): ClassifiedError => ({
  category: 'network',
  title: 'Cannot reach the server',
  advice: 'Check that tickdeck is running and that this computer is online. It retries by itself.',
  detail,
});

const authentication = (detail: string, forbidden: boolean): ClassifiedError => ({
  category: 'authentication',
  title: forbidden ? 'Not permitted' : 'Sign-in needed',
  advice: forbidden
    ? 'Your role may not see or do this. Ask an admin for a role that can.'
    : 'Your session is missing or has expired. Sign in again.',
  detail,
});

const server = (detail: string): ClassifiedError => ({
  category: 'server',
  title: 'The server had a problem',
  advice: 'This is not something you did. Try again in a moment; if it lasts, check the server logs.',
  detail,
});

/** Classify an error thrown by the REST helpers, the SDK (`ClientError`) or anything else. */
export const classifyError = (error: unknown): ClassifiedError => {
  if (error instanceof HttpError) {
    const detail = `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
    if (error.status === 401 || error.status === 403 || (error.code && AUTH_CODES.has(error.code))) {
      return authentication(detail, error.status === 403 || error.code === ErrorCode.Forbidden);
    }
    if (error.status === 0 || error.status === 502 || error.status === 504) return network(detail);
    return server(detail);
  }
  if (error instanceof NetworkError) return network(error.message);
  // ClientError of the SDK, read structurally so this stays a pure module.
  const e = error as { name?: unknown; code?: unknown; serverCode?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.name === 'ClientError') {
    if (typeof e.serverCode === 'string' && AUTH_CODES.has(e.serverCode)) {
      return authentication(message, e.serverCode === ErrorCode.Forbidden);
    }
    if (e.code === 'TOKEN_FAILED') return authentication(message, false);
    if (e.code === 'NO_WEBSOCKET') return network(message);
    return server(message);
  }
  if (error instanceof TypeError && /fetch|network/i.test(message)) return network(message);
  return server(message);
};

/** Classify why the connection is not up; undefined when it is not a failure (initial, user close). */
export const classifyReason = (reason: StateReason): ClassifiedError | undefined => {
  switch (reason.type) {
    case 'network':
      return network(reason.message);
    case 'timeout':
      return network(reason.what === 'handshake' ? 'no answer from the server in time' : 'heartbeat timeout');
    case 'close': {
      const detail = `closed with code ${reason.code}${reason.text ? ` (${reason.text})` : ''}`;
      if (reason.code === CloseCode.Unauthorized || reason.code === CloseCode.TokenExpired) {
        return authentication(detail, false);
      }
      if (reason.code === CloseCode.Forbidden) return authentication(detail, true);
      if (
        reason.code === 1006 ||
        reason.code === CloseCode.GoingAway ||
        reason.code === CloseCode.ServerRestart
      ) {
        return network(detail);
      }
      return server(detail);
    }
    default:
      return undefined;
  }
};
