/** requestJson against a real HTTP server: the bearer it sends, and what a 401 does. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProblemError, requestJson, useRequestAuth } from './rest.js';
import type { RequestAuth } from './rest.js';

let server: Server;
let base = '';
const seen: (string | undefined)[] = [];
/** Tokens the server accepts. */
const valid = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const auth = req.headers.authorization;
    seen.push(auth);
    if (req.url === '/limited') {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '17' });
      return res.end(JSON.stringify({ code: 'RATE_LIMITED', detail: 'Rate limit exceeded' }));
    }
    if (auth === undefined || !valid.has(auth.replace(/^Bearer /, ''))) {
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      return res.end(JSON.stringify({ code: 'UNAUTHORIZED', detail: 'Missing or invalid token' }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  useRequestAuth(undefined);
  seen.length = 0;
  valid.clear();
});

/** A session that hands out `token` and, when refused, `next` (or nothing). */
const session = (token: string | undefined, next?: string): RequestAuth & { refusals: string[] } => {
  const refusals: string[] = [];
  return {
    refusals,
    token: async () => token,
    rejected: async (t) => {
      refusals.push(t);
      return next;
    },
  };
};

describe('requestJson with a session', () => {
  it("sends the session's token as a bearer", async () => {
    valid.add('good');
    useRequestAuth(session('good'));
    expect(await requestJson(`${base}/x`)).toEqual({ ok: true });
    expect(seen).toEqual(['Bearer good']);
  });

  it('on 401 asks the session for a fresh token and retries once with it', async () => {
    valid.add('fresh');
    const s = session('stale', 'fresh');
    useRequestAuth(s);
    expect(await requestJson(`${base}/x`)).toEqual({ ok: true });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(s.refusals).toEqual(['stale']);
  });

  it('on 401 without a fresh token fails with the 401, having tried once', async () => {
    const s = session('stale');
    useRequestAuth(s);
    await expect(requestJson(`${base}/x`)).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(seen).toEqual(['Bearer stale']);
    expect(s.refusals).toEqual(['stale']);
  });

  it('sends no header and asks nothing when the session has no token (authentication off)', async () => {
    const s = session(undefined, 'never');
    useRequestAuth(s);
    await expect(requestJson(`${base}/x`)).rejects.toBeInstanceOf(ProblemError);
    expect(seen).toEqual([undefined]);
    expect(s.refusals).toEqual([]);
  });

  it('an explicit bearer replaces the session and is never retried (login, refresh)', async () => {
    const s = session('good', 'other');
    useRequestAuth(s);
    await expect(requestJson(`${base}/x`, { bearer: 'given' })).rejects.toMatchObject({ status: 401 });
    await expect(requestJson(`${base}/x`, { bearer: null })).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual(['Bearer given', undefined]);
    expect(s.refusals).toEqual([]);
  });
});

describe('requestJson refusals', () => {
  it('reads retry-after into the problem', async () => {
    const error = await requestJson(`${base}/limited`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSec: 17 });
  });
});
