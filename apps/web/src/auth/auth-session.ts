/**
 * The dashboard's session: whether authentication is on, who is signed in, and the token every
 * request and the live connection carry. It refreshes the token before it expires, ends the session
 * when the token expires or the server refuses it, and tells its listeners. DOM-free: the API, the
 * store, the clock and the timers are passed in.
 * @module
 */
import { ErrorCode } from '@tickdeck/protocol';
import { HttpError } from '../errors/classify-error.js';
import type { RequestAuth } from '../data/rest.js';
import type { AuthApi, TokenAnswer } from './auth-api.js';
import type { Role } from './roles.js';
import type { StoredSession, TokenStore } from './token-store.js';
import { REFRESH_LEAD_MS, REFRESH_RETRY_MS, delayUntil, isExpired, tokenTimes } from './token-timing.js';

/** Why nobody is signed in. */
export type SignOutReason =
  /** The person signed out. */
  | 'signed-out'
  /** The token expired (or was gone after a reload). */
  | 'expired'
  /** The server refused the token (401 on a request, 4501 on the live connection). */
  | 'rejected';

export type AuthState =
  /** Before the server said whether authentication is on. */
  | { status: 'unknown' }
  /** Authentication is off: everyone is the anonymous admin. */
  | { status: 'off' }
  | { status: 'signed-out'; loginEnabled: boolean; reason: SignOutReason | undefined }
  | { status: 'signed-in'; username: string; role: Role; expiresAt: number };

/** The timers the session uses (injectable for tests). */
export interface SessionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AuthSessionOptions {
  api: AuthApi;
  store: TokenStore;
  /** Default `Date`. */
  clock?: { now(): number } | undefined;
  /** Default the global timers. */
  timers?: SessionTimers | undefined;
  /** Refresh this long before expiry, ms (at most half the token's life). Default 60,000. */
  refreshLeadMs?: number | undefined;
}

type Listener = (state: AuthState) => void;

/** Refresh answers that will not change by asking again. */
const REFUSALS: ReadonlySet<number> = new Set([400, 401, 403]);

/**
 * @example
 * const auth = new AuthSession({ api: restAuthApi, store: pageTokenStore() });
 * auth.onChange((state) => render(state));
 * await auth.start();
 * await auth.login('ada', 'a long passphrase');
 */
export class AuthSession implements RequestAuth {
  private current: AuthState = { status: 'unknown' };
  private session: StoredSession | undefined;
  private loginEnabled = false;
  /** Refresh may work (false after the server refused a refresh: kept until it expires). */
  private refreshable = true;
  private nextRefreshAt = Infinity;
  /** Changes at every sign-in and sign-out, so that late answers for an old session are dropped. */
  private epoch = 0;
  private refreshing: Promise<void> | undefined;
  private timer: unknown;
  private readonly listeners = new Set<Listener>();
  private readonly clock: { now(): number };
  private readonly timers: SessionTimers;
  private readonly leadMs: number;

  constructor(private readonly o: AuthSessionOptions) {
    this.clock = o.clock ?? Date;
    this.timers = o.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.leadMs = o.refreshLeadMs ?? REFRESH_LEAD_MS;
  }

  get state(): AuthState {
    return this.current;
  }

  /** What the person may do: `admin` when authentication is off, undefined when signed out. */
  get role(): Role | undefined {
    if (this.current.status === 'off') return 'admin';
    return this.current.status === 'signed-in' ? this.current.role : undefined;
  }

  /** Listen to changes; called at once with the current state. Returns the remover. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /**
   * Ask the server whether authentication is on and whether the stored token (a reload) is still
   * good. Rejects when the server cannot be reached: call again to retry.
   */
  async start(): Promise<void> {
    const stored = this.o.store.load();
    const answer = await this.o.api.session(stored?.token);
    if (!answer.enabled) {
      this.o.store.clear();
      return this.set({ status: 'off' });
    }
    this.loginEnabled = answer.loginEnabled;
    if (stored !== undefined && answer.authenticated && !isExpired(stored.times, this.clock.now())) {
      // The server's word on who the token is.
      return this.begin({
        ...stored,
        username: answer.username ?? stored.username,
        role: answer.role ?? stored.role,
      });
    }
    this.end(stored === undefined ? undefined : 'expired');
  }

  /** Sign in with a password. Rejects with the server's refusal (see auth-messages.ts). */
  async login(username: string, password: string): Promise<void> {
    const answer = await this.o.api.login(username, password);
    this.begin(this.fromAnswer(answer));
  }

  /**
   * Sign in with a token from an identity provider (servers without password login). Rejects with a
   * 401 {@link HttpError} when the server does not accept it.
   */
  async useToken(token: string): Promise<void> {
    const answer = await this.o.api.session(token);
    if (!answer.authenticated || answer.role === undefined || answer.expiresAt === undefined)
      throw new HttpError(401, ErrorCode.Unauthorized, 'The server did not accept this token');
    const times = tokenTimes(answer.expiresAt, this.clock.now(), answer.serverDate, this.leadMs);
    this.begin({ token, username: answer.username ?? '', role: answer.role, times });
  }

  /** Forget the token (memory and storage). It stays valid on the server until it expires. */
  logout(): void {
    this.end('signed-out');
  }

  /** The token to send now, refreshed first when near expiry; undefined when signed out. */
  async token(): Promise<string | undefined> {
    const s = this.session;
    if (s === undefined) return undefined;
    const now = this.clock.now();
    if (isExpired(s.times, now)) {
      this.end('expired');
      return undefined;
    }
    if (this.refreshable && now >= this.nextRefreshAt) await this.refresh();
    return this.session?.token;
  }

  /**
   * The server refused `token` (401, or 4501 on the live connection): the token to try once more
   * with, or undefined when the session is over (then the state is `signed-out`, reason `rejected`).
   */
  async rejected(token: string): Promise<string | undefined> {
    const s = this.session;
    if (s === undefined) return undefined;
    if (s.token !== token) return s.token; // Already replaced by a refresh.
    if (this.refreshable) {
      await this.refresh();
      const next = this.session;
      if (next !== undefined && next.token !== token) return next.token;
    }
    if (this.session?.token === token) this.end('rejected');
    return undefined;
  }

  /** Stop the timers (tests; the page lives as long as the session). */
  dispose(): void {
    this.cancelTimer();
  }

  private fromAnswer(answer: TokenAnswer): StoredSession {
    return {
      token: answer.token,
      username: answer.username,
      role: answer.role,
      times: tokenTimes(answer.expiresAt, this.clock.now(), answer.serverDate, this.leadMs),
    };
  }

  private begin(session: StoredSession): void {
    this.epoch += 1;
    this.refreshing = undefined;
    this.refreshable = true;
    this.renew(session);
  }

  private renew(session: StoredSession): void {
    this.session = session;
    this.nextRefreshAt = session.times.refreshAt;
    this.o.store.save(session);
    this.schedule();
    this.set({
      status: 'signed-in',
      username: session.username,
      role: session.role,
      expiresAt: session.times.expiresAt,
    });
  }

  private end(reason: SignOutReason | undefined): void {
    this.epoch += 1;
    this.refreshing = undefined;
    this.session = undefined;
    this.cancelTimer();
    this.o.store.clear();
    this.set({ status: 'signed-out', loginEnabled: this.loginEnabled, reason });
  }

  /** One refresh at a time; every caller waits for the same one. */
  private refresh(): Promise<void> {
    if (this.refreshing !== undefined) return this.refreshing;
    const p = this.refreshOnce().finally(() => {
      if (this.refreshing === p) this.refreshing = undefined;
    });
    this.refreshing = p;
    return p;
  }

  private async refreshOnce(): Promise<void> {
    const s = this.session;
    if (s === undefined) return;
    const epoch = this.epoch;
    try {
      const answer = await this.o.api.refresh(s.token);
      if (epoch === this.epoch) this.renew(this.fromAnswer(answer));
    } catch (error) {
      if (epoch !== this.epoch) return;
      // Refused (an identity provider's token, a user no longer configured): use the token until it
      // expires. Anything else (offline, rate limited, a server error): try again a little later.
      if (error instanceof HttpError && REFUSALS.has(error.status)) this.refreshable = false;
      else this.nextRefreshAt = this.clock.now() + REFRESH_RETRY_MS;
      this.schedule();
    }
  }

  /** One timer: the next refresh, or the expiry. */
  private schedule(): void {
    this.cancelTimer();
    const s = this.session;
    if (s === undefined) return;
    const at = this.refreshable ? Math.min(this.nextRefreshAt, s.times.expiresAt) : s.times.expiresAt;
    this.timer = this.timers.setTimeout(() => this.tick(), delayUntil(at, this.clock.now()));
  }

  private tick(): void {
    this.timer = undefined;
    const s = this.session;
    if (s === undefined) return;
    const now = this.clock.now();
    if (isExpired(s.times, now)) return this.end('expired');
    if (this.refreshable && now >= this.nextRefreshAt) void this.refresh();
    else this.schedule();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(state: AuthState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
