/**
 * Bot API keys against a real server: an admin makes a key (shown once, stored as a SHA-256 hash),
 * lists keys (never the key nor its hash), revokes one (refused at once, REST and bot WebSocket); a key
 * ingests for its own bot only; keys from the configuration, plain or hashed, keep working.
 */
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from './api-key-hash.js';
import { startSecureServer, type SecureServer } from './testing/secure-server.test-helpers.js';

let s: SecureServer;
let admin = '';
const plainKey = generateApiKey();
const hashedKey = generateApiKey();

beforeAll(async () => {
  s = await startSecureServer((c) => {
    c.analytics.apiKeys = [
      { botId: 'plain-bot', key: plainKey },
      { botId: 'hashed-bot', keyHash: hashApiKey(hashedKey) },
    ];
  });
  admin = await s.token({ role: 'admin', sub: 'ada' });
});
afterAll(async () => {
  await s?.close();
});

const json = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${s.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const log = (botId: string, eventId: string) => ({
  type: 'log',
  botId,
  eventId,
  level: 'info',
  text: 'hello',
});
const ingest = (key: string | undefined, events: unknown[]) =>
  json('POST', '/api/v1/ingest', { events }, key === undefined ? {} : bearer(key));
const botSocket = (key: string) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(`${s.wsUrl.replace(/\/ws$/, '')}/api/v1/bot/ws`, { headers: bearer(key) });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });

const makeKey = async (botId: string) => {
  const res = await json('POST', '/api/v1/keys', { botId, label: 'test' }, bearer(admin));
  expect(res.status).toBe(201);
  return (await res.json()) as { key: string; info: { id: string; botId: string; createdBy: string } };
};

describe('bot API keys', () => {
  it('makes a key once, with the tdk_ prefix, and stores only its hash', async () => {
    const made = await makeKey('bot-a');
    expect(made.key).toMatch(/^tdk_[A-Za-z0-9_-]{43}$/);
    expect(made.info).toMatchObject({ botId: 'bot-a', createdBy: 'ada' });
    const list = await (await json('GET', '/api/v1/keys', undefined, bearer(admin))).json();
    const text = JSON.stringify(list);
    expect(text).toContain(made.info.id);
    expect(text).not.toContain(made.key);
    expect(text).not.toContain(hashApiKey(made.key));
    expect(text).not.toContain('sha256');
  });

  it('refuses ingest without a key when authentication is on', async () => {
    const res = await ingest(undefined, [log('bot-a', 'e0')]);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHORIZED');
  });

  it('lets a key ingest for its own bot only (FORBIDDEN_BOT for another)', async () => {
    const { key } = await makeKey('bot-b');
    const res = await ingest(key, [log('bot-b', 'e1'), log('bot-other', 'e2')]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { status: string; code?: string }[] };
    expect(body.results[0]).toMatchObject({ status: 'accepted' });
    expect(body.results[1]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN_BOT' });
    const pending = await json('GET', '/api/v1/bots/bot-other/commands/pending', undefined, bearer(key));
    expect(pending.status).toBe(403);
  });

  it('refuses a revoked key at once, on REST and on the bot WebSocket', async () => {
    const { key, info } = await makeKey('bot-c');
    expect((await ingest(key, [log('bot-c', 'e3')])).status).toBe(200);
    expect(await botSocket(key)).toBe(101);
    const revoked = await json('DELETE', `/api/v1/keys/${info.id}`, undefined, bearer(admin));
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: number | null }).revokedAt).toBeGreaterThan(0);
    expect((await ingest(key, [log('bot-c', 'e4')])).status).toBe(401);
    expect(await botSocket(key)).toBe(401);
    // The server is fine: another key still ingests.
    expect((await ingest(plainKey, [log('plain-bot', 'e5')])).status).toBe(200);
  });

  it('keeps keys from the configuration working, plain or given as sha256:<hex>', async () => {
    const a = (await (await ingest(plainKey, [log('plain-bot', 'p1')])).json()) as { accepted: number };
    const b = (await (await ingest(hashedKey, [log('hashed-bot', 'h1')])).json()) as { accepted: number };
    expect(a.accepted).toBe(1);
    expect(b.accepted).toBe(1);
    expect((await ingest(hashApiKey(hashedKey), [log('hashed-bot', 'h2')])).status).toBe(401);
  });

  it('keeps key management to admins, and answers 404 for an unknown key', async () => {
    const trader = await s.token({ role: 'trader', sub: 'theo' });
    expect((await json('POST', '/api/v1/keys', { botId: 'x' }, bearer(trader))).status).toBe(403);
    expect((await json('DELETE', '/api/v1/keys/key_nope', undefined, bearer(admin))).status).toBe(404);
  });
});
