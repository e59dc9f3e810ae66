/**
 * The live connection's side of the session: the token function the SDK asks on every connection
 * and before expiry, and what a 4501 close (token refused) does: retry once with a fresh token, or
 * end the session so that the login screen shows.
 * @module
 */
import type { ConnectionState } from '@tickdeck/client';
import { CloseCode } from '@tickdeck/protocol';
import type { AuthSession } from './auth-session.js';

export interface LiveAuth {
  /** For `new TickdeckClient({ token })`. */
  token(): Promise<string | undefined>;
  /**
   * Feed it the client's states; when the server closes with 4501 it resolves true if the client
   * should reconnect (a fresh token), false if the session is over.
   */
  onState(state: ConnectionState): Promise<boolean> | undefined;
}

/** Whether `state` is the end of a connection whose token the server refused. */
export const refusedToken = (state: ConnectionState): boolean =>
  state.status === 'disconnected' &&
  state.reason.type === 'close' &&
  state.reason.code === CloseCode.Unauthorized;

/** Bind the SDK client's authentication to `auth`. */
export const liveAuth = (auth: Pick<AuthSession, 'token' | 'rejected'>): LiveAuth => {
  let sent: string | undefined;
  return {
    token: async () => (sent = await auth.token()),
    onState: (state) => {
      if (!refusedToken(state) || sent === undefined) return undefined;
      return auth.rejected(sent).then((next) => next !== undefined);
    },
  };
};
