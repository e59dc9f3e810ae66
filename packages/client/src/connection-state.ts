/**
 * The connection state machine's states and the reasons for each transition.
 *
 * ```
 * disconnected ──connect()──► connecting ──welcome──► connected
 *      ▲                        │    ▲                    │
 *      │ close() or a close     │    │ retry timer        │ drop (close code, network
 *      │ code that forbids      ▼    │                    │ error, heartbeat timeout)
 *      └──────────────────── reconnecting ◄───────────────┘
 * ```
 * @module
 */

/** Why the state changed. */
export type StateReason =
  /** The client was created and has not connected yet. */
  | { type: 'initial' }
  /** The application called `connect()`, `close()` or `reconnectNow()`. */
  | { type: 'user'; action: 'connect' | 'close' | 'reconnect-now' }
  /** The backoff delay elapsed. */
  | { type: 'retry' }
  /** The server's welcome arrived. */
  | { type: 'welcome'; session: string }
  /** The WebSocket closed with this code and text (1006: no close frame, the network). */
  | { type: 'close'; code: number; text: string }
  /** The connection failed or broke without a close frame. */
  | { type: 'network'; message: string }
  /** No welcome within `connectTimeoutMs`, or no frame within the heartbeat timeout. */
  | { type: 'timeout'; what: 'handshake' | 'heartbeat' };

export type ConnectionState =
  | { status: 'connecting'; reason: StateReason; attempt: number }
  | { status: 'connected'; reason: StateReason; session: string }
  | {
      status: 'reconnecting';
      reason: StateReason;
      /** Retries since the last stable connection, this one included (1 for the first). */
      attempt: number;
      /** The backoff delay chosen, ms. */
      delayMs: number;
      /** Clock time of the next attempt (ms); see `TickdeckClient.retryInMs()` for a countdown. */
      retryAt: number;
    }
  | { status: 'disconnected'; reason: StateReason };

export type ConnectionStatus = ConnectionState['status'];

/** A short human-readable description of a reason, e.g. `closed 4501 (bad token)`. */
export const describeReason = (reason: StateReason): string => {
  switch (reason.type) {
    case 'initial':
      return 'not connected yet';
    case 'user':
      return `${reason.action}() called`;
    case 'retry':
      return 'retrying';
    case 'welcome':
      return `session ${reason.session}`;
    case 'close':
      return `closed ${reason.code}${reason.text ? ` (${reason.text})` : ''}`;
    case 'network':
      return `network error: ${reason.message}`;
    case 'timeout':
      return reason.what === 'handshake' ? 'no welcome from the server in time' : 'heartbeat timeout';
  }
};

/** A one-line description of a state, e.g. `reconnecting in 1.2 s (attempt 2): closed 1006`. */
export const describeState = (state: ConnectionState, now: number): string => {
  const why = describeReason(state.reason);
  if (state.status === 'reconnecting') {
    const secs = Math.max(0, state.retryAt - now) / 1000;
    return `reconnecting in ${secs.toFixed(1)} s (attempt ${state.attempt}): ${why}`;
  }
  return `${state.status}: ${why}`;
};
