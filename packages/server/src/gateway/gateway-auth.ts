/**
 * Authentication as the gateway sees it: a function that verifies a token, whether sessions must use
 * one, and which channels a role may read. The gateway knows nothing of JWTs or users; the security
 * module (security/create-security.ts) provides all three.
 * @module
 */
import { CloseCode } from '@tickdeck/protocol';

/** Who a session acts for, as the verified token says. */
export interface AuthResult {
  /** The user name (the token's subject). */
  subject: string;
  role: string;
  /** When the token expires, ms since the epoch; the session is closed with 4004 then. */
  expiresAt?: number | undefined;
}

/** Verifies a token. Rejects when it is refused; `expired: true` on the error for an expired one. */
export type Authenticate = (token: string) => Promise<AuthResult>;

export interface GatewayAuth {
  authenticate: Authenticate;
  /**
   * Sessions must authenticate before anything but `auth` and heartbeats, within `timeoutMs`.
   * False: `auth` is still honoured (a role for channel checks), but not needed.
   */
  required: boolean;
  /** A session that has not authenticated within this long is closed with 4501, ms. */
  timeoutMs: number;
  /** Whether a session of `role` (undefined: not authenticated) may read `channel`. */
  mayRead(role: string | undefined, channel: string): boolean;
}

/** Whether a rejection of {@link Authenticate} says the token expired. */
export const isExpired = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { reason?: unknown }).reason === 'expired';

/** The authentication state of one session. */
export class SessionAuth {
  principal: AuthResult | undefined;
  /** An `auth` is being verified. */
  pending = 0;

  constructor(
    private readonly auth: GatewayAuth | undefined,
    private readonly openedAt: number,
  ) {}

  get enabled(): boolean {
    return this.auth !== undefined;
  }

  /** Commands other than `auth` and heartbeats are refused (UNAUTHORIZED) or held until auth. */
  get locked(): boolean {
    return this.auth?.required === true && this.principal === undefined;
  }

  /** The close code due at `now`, if any: the auth deadline passed, or the token expired. */
  due(now: number): number | undefined {
    if (this.auth === undefined) return undefined;
    if (this.locked && this.pending === 0 && now - this.openedAt >= this.auth.timeoutMs)
      return CloseCode.Unauthorized;
    const exp = this.principal?.expiresAt;
    if (exp !== undefined && now >= exp) return CloseCode.TokenExpired;
    return undefined;
  }

  mayRead(channel: string): boolean {
    return this.auth === undefined || this.auth.mayRead(this.principal?.role, channel);
  }

  verify(token: string): Promise<AuthResult> {
    if (this.auth === undefined) return Promise.reject(new Error('authentication is not enabled'));
    return this.auth.authenticate(token);
  }
}
