import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, NetworkError } from '../errors/classify-error.js';
import type { AuthApi, SessionAnswer, TokenAnswer } from './auth-api.js';
import { AuthSession } from './auth-session.js';
import type { AuthState, SessionTimers } from './auth-session.js';
import type { Role } from './roles.js';
import { memoryTokenStore } from './token-store.js';
import { REFRESH_LEAD_MS, REFRESH_RETRY_MS } from './token-timing.js';

const HOUR = 3_600_000;

/** A clock and timers that move only when told. */
class ManualTime implements SessionTimers {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.queue.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  /** Move the clock, running the timers that fall due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.queue.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      this.queue = this.queue.filter((t) => t !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

/** The server's session routes, in memory, on the manual clock. */
class FakeServer implements AuthApi {
  enabled = true;
  loginEnabled = true;
  offline = false;
  refuseRefresh = false;
  ttlMs = HOUR;
  readonly roles = new Map<string, Role>([
    ['vera', 'viewer'],
    ['ada', 'trader'],
  ]);
  readonly calls = { login: 0, refresh: 0, session: 0 };
  private readonly tokens = new Map<string, { username: string; role: Role; expiresAt: number }>();
  private serial = 0;
  /** Settles a refresh later, when set. */
  hold: Promise<void> | undefined;

  constructor(private readonly time: ManualTime) {}

  async session(token: string | undefined): Promise<SessionAnswer> {
    this.calls.session += 1;
    this.reachable();
    if (!this.enabled) return { enabled: false, loginEnabled: false, authenticated: true };
    const t = token === undefined ? undefined : this.valid(token);
    return t === undefined
      ? { enabled: true, loginEnabled: this.loginEnabled, authenticated: false }
      : { enabled: true, loginEnabled: this.loginEnabled, authenticated: true, ...t };
  }

  async login(username: string, password: string): Promise<TokenAnswer> {
    this.calls.login += 1;
    this.reachable();
    const role = this.roles.get(username);
    if (role === undefined || password !== `${username}-password`)
      throw new HttpError(401, 'UNAUTHORIZED', 'Invalid user name or password');
    return this.issue(username, role);
  }

  async refresh(token: string): Promise<TokenAnswer> {
    this.calls.refresh += 1;
    this.reachable();
    if (this.hold) await this.hold;
    const t = this.valid(token);
    const role = t && this.roles.get(t.username);
    if (t === undefined || role === undefined || this.refuseRefresh)
      throw new HttpError(401, 'UNAUTHORIZED', 'Only tokens of configured users are refreshed here');
    return this.issue(t.username, role);
  }

  /** Make a token as an identity provider would (not refreshable here). */
  foreignToken(username: string, role: Role): string {
    const token = `idp-${++this.serial}`;
    this.tokens.set(token, { username, role, expiresAt: this.time.t + this.ttlMs });
    return token;
  }

  private issue(username: string, role: Role): TokenAnswer {
    const token = `tok-${++this.serial}`;
    const expiresAt = this.time.t + this.ttlMs;
    this.tokens.set(token, { username, role, expiresAt });
    return { token, username, role, expiresAt };
  }

  private valid(token: string): { username: string; role: Role; expiresAt: number } | undefined {
    const t = this.tokens.get(token);
    return t !== undefined && this.time.t < t.expiresAt ? t : undefined;
  }

  private reachable(): void {
    if (this.offline) throw new NetworkError('connection refused');
  }
}

let live: AuthSession[] = [];
afterEach(() => {
  for (const a of live) a.dispose();
  live = [];
});

const setup = (options: { store?: ReturnType<typeof memoryTokenStore> } = {}) => {
  const time = new ManualTime();
  const server = new FakeServer(time);
  const store = options.store ?? memoryTokenStore();
  const auth = new AuthSession({ api: server, store, clock: time, timers: time });
  live.push(auth);
  const states: AuthState[] = [];
  auth.onChange((s) => states.push(s));
  return { time, server, store, auth, states };
};

const signedIn = async () => {
  const s = setup();
  await s.auth.start();
  await s.auth.login('ada', 'ada-password');
  return s;
};

describe('AuthSession: start', () => {
  it('with authentication off: the anonymous admin, no token, nothing stored', async () => {
    const { auth, server, store } = setup();
    server.enabled = false;
    await auth.start();
    expect(auth.state).toEqual({ status: 'off' });
    expect(auth.role).toBe('admin');
    expect(await auth.token()).toBeUndefined();
    expect(store.load()).toBeUndefined();
  });

  it('with authentication on and no token: signed out, saying whether password login works', async () => {
    const { auth, server } = setup();
    server.loginEnabled = false;
    expect(auth.state).toEqual({ status: 'unknown' });
    await auth.start();
    expect(auth.state).toEqual({ status: 'signed-out', loginEnabled: false, reason: undefined });
    expect(auth.role).toBeUndefined();
  });

  it('rejects when the server cannot be reached, and can be started again', async () => {
    const { auth, server } = setup();
    server.offline = true;
    await expect(auth.start()).rejects.toBeInstanceOf(NetworkError);
    expect(auth.state.status).toBe('unknown');
    server.offline = false;
    await auth.start();
    expect(auth.state.status).toBe('signed-out');
  });

  it('after a reload, keeps a stored token the server still accepts, without a login', async () => {
    const first = await signedIn();
    const time = first.time;
    const again = new AuthSession({ api: first.server, store: first.store, clock: time, timers: time });
    live.push(again);
    await again.start();
    expect(again.state).toMatchObject({ status: 'signed-in', username: 'ada', role: 'trader' });
    expect(first.server.calls.login).toBe(1);
  });

  it('after a reload, drops a stored token the server refuses and says the session expired', async () => {
    const first = await signedIn();
    first.auth.dispose();
    const { time, server, store } = first;
    server.ttlMs = HOUR;
    time.t += 2 * HOUR; // The tab slept past the expiry.
    const again = new AuthSession({ api: server, store, clock: time, timers: time });
    live.push(again);
    await again.start();
    expect(again.state).toEqual({ status: 'signed-out', loginEnabled: true, reason: 'expired' });
    expect(store.load()).toBeUndefined();
  });
});

describe('AuthSession: login and logout', () => {
  it('signs in, stores the session and hands out its token', async () => {
    const { auth, store, states } = await signedIn();
    expect(auth.state).toMatchObject({ status: 'signed-in', username: 'ada', role: 'trader' });
    expect(auth.role).toBe('trader');
    const token = await auth.token();
    expect(token).toMatch(/^tok-/);
    expect(store.load()?.token).toBe(token);
    expect(states.map((s) => s.status)).toEqual(['unknown', 'signed-out', 'signed-in']);
  });

  it('passes a refused login on and stays signed out', async () => {
    const { auth } = setup();
    await auth.start();
    await expect(auth.login('ada', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(auth.state.status).toBe('signed-out');
    expect(await auth.token()).toBeUndefined();
  });

  it('logout forgets the token everywhere; the next login may be someone else, with their role', async () => {
    const { auth, store } = await signedIn();
    auth.logout();
    expect(auth.state).toEqual({ status: 'signed-out', loginEnabled: true, reason: 'signed-out' });
    expect(await auth.token()).toBeUndefined();
    expect(store.load()).toBeUndefined();
    await auth.login('vera', 'vera-password');
    expect(auth.role).toBe('viewer');
  });

  it('a refresh answered after logout does not sign back in', async () => {
    const { auth, server, time } = await signedIn();
    let release!: () => void;
    server.hold = new Promise((r) => (release = r));
    time.t += HOUR - REFRESH_LEAD_MS;
    const pending = auth.token();
    auth.logout();
    release();
    expect(await pending).toBeUndefined();
    await flush();
    expect(auth.state.status).toBe('signed-out');
  });

  it('accepts an identity provider token the server verifies, and refuses one it does not', async () => {
    const { auth, server } = setup();
    server.loginEnabled = false;
    await auth.start();
    await expect(auth.useToken('made-up')).rejects.toMatchObject({ status: 401 });
    await auth.useToken(server.foreignToken('grace', 'viewer'));
    expect(auth.state).toMatchObject({ status: 'signed-in', username: 'grace', role: 'viewer' });
  });
});

describe('AuthSession: refresh and expiry', () => {
  it('refreshes by itself a minute before expiry, not before', async () => {
    const { auth, server, time } = await signedIn();
    const first = await auth.token();
    await time.advance(HOUR - REFRESH_LEAD_MS - 1);
    expect(server.calls.refresh).toBe(0);
    await time.advance(1);
    expect(server.calls.refresh).toBe(1);
    const second = await auth.token();
    expect(second).not.toBe(first);
    expect(auth.state).toMatchObject({ status: 'signed-in', expiresAt: time.t + HOUR });
    // And again an hour later: the session lasts as long as the tab.
    await time.advance(HOUR);
    expect(server.calls.refresh).toBe(2);
    expect(auth.state.status).toBe('signed-in');
  });

  it('refreshes on demand when the timer is late (a sleeping tab), once for many callers', async () => {
    const { auth, server, time } = await signedIn();
    time.t += HOUR - 10_000; // No timer ran.
    const tokens = await Promise.all([auth.token(), auth.token(), auth.token()]);
    expect(server.calls.refresh).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('keeps a token whose refresh is refused until it expires, then signs out: expired', async () => {
    const { auth, server, time } = await signedIn();
    server.refuseRefresh = true;
    await time.advance(HOUR - REFRESH_LEAD_MS);
    expect(server.calls.refresh).toBe(1);
    expect(auth.state.status).toBe('signed-in');
    expect(await auth.token()).toMatch(/^tok-/);
    expect(server.calls.refresh).toBe(1); // Not asked again.
    await time.advance(REFRESH_LEAD_MS);
    expect(auth.state).toEqual({ status: 'signed-out', loginEnabled: true, reason: 'expired' });
  });

  it('retries a refresh that failed for want of the network', async () => {
    const { auth, server, time } = await signedIn();
    server.offline = true;
    await time.advance(HOUR - REFRESH_LEAD_MS);
    expect(server.calls.refresh).toBe(1);
    expect(await auth.token()).toMatch(/^tok-/); // Still valid: used meanwhile.
    server.offline = false;
    await time.advance(REFRESH_RETRY_MS);
    expect(server.calls.refresh).toBe(2);
    expect(auth.state).toMatchObject({ status: 'signed-in', expiresAt: time.t + HOUR });
  });

  it('gives no token once expired, and signs out: expired', async () => {
    const { auth, time } = await signedIn();
    auth.dispose(); // As if every timer were throttled away.
    time.t += HOUR;
    expect(await auth.token()).toBeUndefined();
    expect(auth.state).toEqual({ status: 'signed-out', loginEnabled: true, reason: 'expired' });
  });

  it('takes the role the server gives at refresh', async () => {
    const { auth, server, time } = await signedIn();
    server.roles.set('ada', 'viewer');
    await time.advance(HOUR - REFRESH_LEAD_MS);
    expect(auth.role).toBe('viewer');
  });
});

describe('AuthSession: a refused token (401, 4501)', () => {
  it('ends the session when a refresh cannot replace the token: rejected', async () => {
    const { auth, server } = await signedIn();
    const token = (await auth.token())!;
    server.refuseRefresh = true;
    expect(await auth.rejected(token)).toBeUndefined();
    expect(auth.state).toEqual({ status: 'signed-out', loginEnabled: true, reason: 'rejected' });
  });

  it('hands out the refreshed token to retry with when a refresh works', async () => {
    const { auth } = await signedIn();
    const token = (await auth.token())!;
    const next = await auth.rejected(token);
    expect(next).toMatch(/^tok-/);
    expect(next).not.toBe(token);
    expect(auth.state.status).toBe('signed-in');
  });

  it('answers a refusal of an already replaced token with the current one, ending nothing', async () => {
    const { auth, server, time } = await signedIn();
    const old = (await auth.token())!;
    await time.advance(HOUR - REFRESH_LEAD_MS);
    const current = await auth.token();
    expect(await auth.rejected(old)).toBe(current);
    expect(server.calls.refresh).toBe(1);
    expect(auth.state.status).toBe('signed-in');
  });

  it('does nothing when signed out', async () => {
    const { auth } = setup();
    await auth.start();
    expect(await auth.rejected('tok-1')).toBeUndefined();
    expect(auth.state).toMatchObject({ status: 'signed-out', reason: undefined });
  });
});
