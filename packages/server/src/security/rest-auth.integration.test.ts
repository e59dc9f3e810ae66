/**
 * REST security against a real server (authentication on): tokens, roles from the one permission
 * table, login, refresh, session, audit names, headers, CORS. Each refusal has its documented code
 * and the server answers normally afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_PERMISSIONS } from './route-permissions.js';
import { startSecureServer, type SecureServer } from './testing/secure-server.test-helpers.js';

let s: SecureServer;
beforeAll(async () => {
  s = await startSecureServer((c) => {
    c.auth.allowedOrigins = ['https://dash.example'];
  });
});
afterAll(async () => {
  await s?.close();
});

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${path}`, {
    headers: { ...headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
  });
const post = (path: string, body: unknown, token?: string) =>
  fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
const problem = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  code: ((await res.json()) as { code: string }).code,
});

describe('REST authentication', () => {
  it('refuses a request without a token with 401 UNAUTHORIZED (problem+json, WWW-Authenticate)', async () => {
    const res = await get('/api/v1/symbols');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await problem(res)).toEqual({
      status: 401,
      type: 'application/problem+json; charset=utf-8',
      code: 'UNAUTHORIZED',
    });
  });

  it('accepts a valid viewer token on a viewer route', async () => {
    const res = await get('/api/v1/symbols', await s.token({ role: 'viewer' }));
    expect(res.status).toBe(200);
  });

  it('ignores a token in the query string', async () => {
    const token = await s.token({ role: 'admin' });
    for (const name of ['token', 'access_token', 'jwt', 'auth']) {
      expect((await get(`/api/v1/symbols?${name}=${token}`)).status).toBe(401);
    }
  });

  it('refuses an expired token with 401 and says it expired', async () => {
    const res = await get('/api/v1/symbols', await s.token({ ttlSec: -60 }));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toBe('Token expired');
  });

  it('refuses a token without a role, or with an unknown one', async () => {
    expect((await get('/api/v1/symbols', await s.token({ role: 'root' }))).status).toBe(401);
    expect((await get('/api/v1/symbols', await s.token({ role: '' }))).status).toBe(401);
  });

  it('refuses a viewer on a trader route with 403 FORBIDDEN, and lets a trader through', async () => {
    const body = { kind: 'pause' };
    const viewer = await post('/api/v1/bots/bot-1/commands', body, await s.token({ role: 'viewer' }));
    expect(await problem(viewer)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const trader = await post(
      '/api/v1/bots/bot-1/commands',
      body,
      await s.token({ role: 'trader', sub: 'theo' }),
    );
    expect(trader.status).toBe(202);
    expect(((await trader.json()) as { issuedBy: string }).issuedBy).toBe('theo');
  });

  it('keeps the API keys to admins', async () => {
    expect((await get('/api/v1/keys', await s.token({ role: 'trader' }))).status).toBe(403);
    expect((await get('/api/v1/keys', await s.token({ role: 'admin' }))).status).toBe(200);
  });

  it('lists every /api route of the app in the permission table', async () => {
    // The generated OpenAPI document names every documented route with its method.
    const res = await get('/docs/json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const missing: string[] = [];
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      if (!url.startsWith('/api/') && url !== '/metrics') continue;
      for (const m of Object.keys(ops)) {
        if (m === 'head') continue;
        if (ROUTE_PERMISSIONS[`${m.toUpperCase()} ${url}`] === undefined) missing.push(`${m} ${url}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves health without a token', async () => {
    expect((await get('/health')).status).toBe(200);
  });
});

describe('login, refresh, session', () => {
  it('logs a configured user in, and the token works on REST', async () => {
    const theo = s.users.find((u) => u.role === 'trader')!;
    const res = await post('/api/v1/auth/login', { username: theo.username, password: theo.password });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; role: string; username: string; expiresAt: number };
    expect(body).toMatchObject({ role: 'trader', username: 'theo' });
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    expect((await get('/api/v1/bots', body.token)).status).toBe(200);
    const session = await (await get('/api/v1/auth/session', body.token)).json();
    expect(session).toMatchObject({
      enabled: true,
      loginEnabled: true,
      authenticated: true,
      username: 'theo',
      role: 'trader',
    });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const a = await post('/api/v1/auth/login', { username: 'theo', password: 'wrong-password' });
    const b = await post('/api/v1/auth/login', { username: 'nobody', password: 'wrong-password' });
    const pa = (await a.json()) as Record<string, unknown>;
    const pb = (await b.json()) as Record<string, unknown>;
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(pa['detail']).toBe(pb['detail']);
    expect(pa['code']).toBe('UNAUTHORIZED');
  });

  it('tells the dashboard without a token that authentication is on', async () => {
    const res = await get('/api/v1/auth/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ enabled: true, loginEnabled: true, authenticated: false });
  });

  it('refreshes a valid token of a configured user into a fresh one', async () => {
    s.clock.skew = -10_000; // the first token is issued 10 s earlier, so the fresh one expires later
    const old = await s.token({ role: 'admin', sub: 'ada' });
    s.clock.skew = 0;
    const res = await post('/api/v1/auth/refresh', {}, old);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expiresAt: number; role: string };
    expect(body.token).not.toBe(old);
    expect(body.role).toBe('admin');
    expect((await get('/api/v1/keys', body.token)).status).toBe(200);
  });

  it('does not refresh an expired token, nor one of a user not configured', async () => {
    expect((await post('/api/v1/auth/refresh', {}, await s.token({ sub: 'ada', ttlSec: -60 }))).status).toBe(
      401,
    );
    expect((await post('/api/v1/auth/refresh', {}, await s.token({ sub: 'mallory' }))).status).toBe(401);
  });
});

describe('web defences', () => {
  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const res = await get('/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`ws://${new URL(s.url).host}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Plain HTTP: no HSTS.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers CORS only for an allowed origin, preflights included', async () => {
    const foreign = await get('/health', undefined, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await get('/health', undefined, { origin: 'https://dash.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    const preflight = (origin: string) =>
      fetch(`${s.url}/api/v1/bots/b/commands`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const ok = await preflight('https://dash.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
