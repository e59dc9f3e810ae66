/**
 * Secrets never reach the logs. A real `tickdeck start` process (the built CLI) runs with log level
 * `trace`, TLS, a JWT secret, users, bot keys (plain and hashed) and, where PostgreSQL is reachable, a
 * database URL with a password; the test logs in (good and bad), calls REST and the WebSocket with
 * good, forged and expired tokens (in `auth` and in the subprotocol), ingests with good and bad keys,
 * makes and revokes a key; then it reads the process's whole output and finds none of the secrets.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, havePg } from '../testing/services.test-helpers.js';
import { generateApiKey, hashApiKey } from './api-key-hash.js';
import { hashPassword } from './password-hasher.js';
import { httpsRequest } from './testing/https-client.test-helpers.js';

const CLI = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));
const haveOpenssl = spawnSync('openssl', ['version']).status === 0;
const skip = !existsSync(CLI)
  ? `the CLI is not built (${CLI}): run npm run build`
  : !haveOpenssl
    ? 'openssl is not installed: it makes the test certificate'
    : undefined;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'tickdeck-secrets-'));
const secret = randomBytes(48).toString('base64url');
const password = randomBytes(15).toString('base64url');
const wrongPassword = randomBytes(15).toString('base64url');
const plainKey = generateApiKey();
const hashedKey = generateApiKey();
const dbPassword = randomBytes(12).toString('hex');
const secrets = new Map<string, string>();
let child: ChildProcess | undefined;
let output = '';
let base = '';
let ca: Buffer = Buffer.alloc(0);
let dropDb: (() => Promise<void>) | undefined;

const sign = (o: { key?: string; ttlSec?: number; role?: string } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: o.role ?? 'admin' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('ada')
    .setIssuer('tickdeck')
    .setAudience('tickdeck')
    .setIssuedAt(now)
    .setExpirationTime(now + (o.ttlSec ?? 600))
    .sign(new TextEncoder().encode(o.key ?? secret));
};

const wsSession = (url: string, protocols: string[], first?: unknown) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(url, protocols, { ca });
    ws.on('open', () => {
      if (first !== undefined) ws.send(JSON.stringify(first));
      ws.send(JSON.stringify({ op: 'subscribe', id: 9, channels: ['system'] }));
      setTimeout(() => ws.close(), 300);
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => resolve(-1));
  });

describe.skipIf(skip !== undefined)(`secrets in logs${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(async () => {
    spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    ca = readFileSync(join(dir, 'cert.pem'));
    const keyPem = readFileSync(join(dir, 'key.pem'), 'utf8');
    const passwordHash = await hashPassword(password);
    const config: Record<string, unknown> = {
      auth: { users: [{ username: 'ada', passwordHash, role: 'admin' }] },
      analytics: {
        apiKeys: [
          { botId: 'bot-1', key: plainKey },
          { botId: 'bot-2', keyHash: hashApiKey(hashedKey) },
        ],
        paperBot: { enabled: false },
      },
      sources: [{ kind: 'simulator', rate: 20 }],
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TICKDECK_CONFIG: join(dir, 'config.json'),
      TICKDECK_HOST: '127.0.0.1',
      TICKDECK_PORT: String(await freePort()),
      TICKDECK_LOG_LEVEL: 'trace',
      TICKDECK_JWT_SECRET: secret,
      TICKDECK_TLS_CERT: join(dir, 'cert.pem'),
      TICKDECK_TLS_KEY: join(dir, 'key.pem'),
      TICKDECK_DATA_DIR: dir,
      TICKDECK_STORAGE_IN_MEMORY: 'true',
    };
    if (havePg) {
      const db = await createTestDatabase();
      dropDb = db.drop;
      const url = new URL(db.url);
      url.password = dbPassword; // the test server trusts loopback; the password must still stay out
      env.TICKDECK_DATABASE_URL = url.toString();
      secrets.set('database password', dbPassword);
    }
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    secrets.set('JWT secret', secret);
    secrets.set('password', password);
    secrets.set('wrong password', wrongPassword);
    secrets.set('password hash', passwordHash);
    secrets.set('password hash (salt and digest)', passwordHash.split('$').slice(-2).join('$'));
    secrets.set('plain API key', plainKey);
    secrets.set('hashed API key', hashedKey);
    secrets.set('API key hash', hashApiKey(hashedKey).slice(7));
    secrets.set(
      'TLS key',
      keyPem.split('\n').find((l) => l.length > 40 && !l.startsWith('-----'))!,
    );

    child = spawn(process.execPath, [CLI, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    base = `https://127.0.0.1:${env.TICKDECK_PORT}`;
    const until = Date.now() + 60_000;
    for (;;) {
      const ok = await httpsRequest(`${base}/health`, { ca }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await dropDb?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs none of the secrets while it is used and attacked', async () => {
    const req = (path: string, o: { method?: string; token?: string; key?: string; body?: unknown } = {}) =>
      httpsRequest(`${base}${path}`, {
        ca,
        method: o.method,
        body: o.body,
        headers: o.token || o.key ? { authorization: `Bearer ${o.token ?? o.key}` } : {},
      });
    const good = await req('/api/v1/auth/login', { method: 'POST', body: { username: 'ada', password } });
    expect(good.status).toBe(200);
    expect(good.headers['strict-transport-security']).toContain('max-age=');
    const token = (JSON.parse(good.body) as { token: string }).token;
    const bad = await req('/api/v1/auth/login', {
      method: 'POST',
      body: { username: 'ada', password: wrongPassword },
    });
    expect(bad.status).toBe(401);
    const forged = await sign({ key: randomBytes(32).toString('hex') });
    const expired = await sign({ ttlSec: -120 });
    const signed = await sign();
    for (const [name, t] of Object.entries({ token, forged, expired, signed }))
      secrets.set(`token ${name}`, t);

    expect((await req('/api/v1/symbols', { token })).status).toBe(200);
    expect((await req('/api/v1/symbols', { token: forged })).status).toBe(401);
    expect((await req('/api/v1/symbols', { token: expired })).status).toBe(401);
    expect((await req(`/api/v1/symbols?token=${signed}`)).status).toBe(401);

    const made = await req('/api/v1/keys', { method: 'POST', token, body: { botId: 'bot-3' } });
    expect(made.status).toBe(201);
    const { key: createdKey, info } = JSON.parse(made.body) as { key: string; info: { id: string } };
    secrets.set('created API key', createdKey);
    const events = (botId: string) => ({
      events: [{ type: 'log', botId, eventId: randomBytes(4).toString('hex'), level: 'info', text: 'hi' }],
    });
    for (const [key, botId] of [
      [plainKey, 'bot-1'],
      [hashedKey, 'bot-2'],
      [createdKey, 'bot-3'],
    ] as const)
      expect((await req('/api/v1/ingest', { method: 'POST', key, body: events(botId) })).status).toBe(200);
    expect(
      (await req('/api/v1/ingest', { method: 'POST', key: generateApiKey(), body: events('bot-1') })).status,
    ).toBe(401);
    expect((await req(`/api/v1/keys/${info.id}`, { method: 'DELETE', token })).status).toBe(200);
    expect(
      (await req('/api/v1/ingest', { method: 'POST', key: createdKey, body: events('bot-3') })).status,
    ).toBe(401);

    const ws = `${base.replace('https', 'wss')}/ws`;
    expect(await wsSession(ws, ['tickdeck.json.v1'], { op: 'auth', token })).toBe(1005);
    expect(await wsSession(ws, ['tickdeck.json.v1', `tickdeck.bearer.${signed}`])).toBe(1005);
    expect(await wsSession(ws, ['tickdeck.json.v1'], { op: 'auth', token: forged })).toBe(4501);
    expect(await wsSession(ws, ['tickdeck.json.v1', `tickdeck.bearer.${expired}`])).toBe(4004);

    // Stop the process so every line is flushed, then read all of it.
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    expect(output).toContain('tickdeck started');
    expect(output).toContain('login failed');
    expect(output).toContain('"level":20'); // debug lines were written (token refused…)
    const leaked = [...secrets].filter(([, value]) => output.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
