/**
 * A real tickdeck (startTickdeck: simulator, in-memory PGlite, gateway, analytics, security) with
 * authentication on, listening on loopback, for the security tests. Secrets are made per run; the clock
 * is the system's plus an offset the test may move (`clock.skew`), so expiry is tested without waiting.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import { loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/config-schema.js';
import { startTickdeck, type RunningTickdeck } from '../../runtime/start-tickdeck.js';
import { hashPassword } from '../password-hasher.js';
import type { Role } from '../roles.js';

export class SkewClock {
  skew = 0;
  now(): number {
    return Date.now() + this.skew;
  }
}

export interface TestUser {
  username: string;
  password: string;
  role: Role;
}

export interface SecureServer {
  running: RunningTickdeck;
  url: string;
  wsUrl: string;
  secret: string;
  clock: SkewClock;
  users: TestUser[];
  config: Config;
  /** A token signed with the server's secret (valid unless `claims` say otherwise). */
  token(o?: {
    role?: Role | string;
    sub?: string;
    ttlSec?: number;
    claims?: Record<string, unknown>;
  }): Promise<string>;
  close(): Promise<void>;
}

export const randomPassword = (): string => randomBytes(18).toString('base64url');

/** Start a secured server; `patch` edits the configuration before start. */
export async function startSecureServer(patch: (c: Config) => void = () => {}): Promise<SecureServer> {
  const secret = randomBytes(48).toString('base64url');
  const users: TestUser[] = [
    { username: 'vera', password: randomPassword(), role: 'viewer' },
    { username: 'theo', password: randomPassword(), role: 'trader' },
    { username: 'ada', password: randomPassword(), role: 'admin' },
  ];
  const config = loadConfig({
    TICKDECK_PORT: '0',
    TICKDECK_STORAGE_IN_MEMORY: 'true',
    TICKDECK_LOG_LEVEL: 'silent',
    TICKDECK_JWT_SECRET: secret,
  });
  config.sources = [{ kind: 'simulator', name: 'simulator', rate: 10, seed: 3 }];
  config.analytics.paperBot.enabled = false;
  config.auth.users = await Promise.all(
    users.map(async (u) => ({
      username: u.username,
      role: u.role,
      passwordHash: await hashPassword(u.password),
    })),
  );
  config.auth.authTimeoutMs = 3000;
  config.auth.channelRoles = { orders: 'trader' };
  patch(config);
  const clock = new SkewClock();
  const running = await startTickdeck({ config, logger: pino({ level: 'silent' }), clock });
  const key = new TextEncoder().encode(secret);
  return {
    running,
    url: running.url,
    wsUrl: `${running.url.replace(/^http/, 'ws')}/ws`,
    secret,
    clock,
    users,
    config,
    token: async (o = {}) => {
      const nowSec = Math.floor(clock.now() / 1000);
      return new SignJWT({ role: o.role ?? 'viewer', ...o.claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(o.sub ?? 'vera')
        .setIssuer(config.auth.issuer)
        .setAudience(config.auth.audience)
        .setIssuedAt(nowSec)
        .setExpirationTime(nowSec + (o.ttlSec ?? 600))
        .sign(key);
    },
    close: () => running.close(),
  };
}

/** One WebSocket to the gateway that records every message and the close. */
export class TestSocket {
  readonly messages: Record<string, unknown>[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly done: Promise<{ code: number; reason: string }>;

  constructor(url: string, protocols: string[] = ['tickdeck.json.v1'], headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, protocols, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.done = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        resolve(this.closed);
      }),
    );
    this.ws.on('message', (data) => {
      for (const m of JSON.parse(String(data)) as Record<string, unknown>[]) this.messages.push(m);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message matching, waiting for it (at most `ms`). */
  async next(match: (m: Record<string, unknown>) => boolean, ms = 10_000): Promise<Record<string, unknown>> {
    const until = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.closed) throw new Error(`closed ${this.closed.code} before the message came`);
      if (Date.now() > until) throw new Error('message did not come in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Poll until `check` holds, at most `ms`. */
export async function waitUntil(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
