/**
 * The server's session routes: `GET /api/v1/auth/session`, `POST /api/v1/auth/login` and
 * `POST /api/v1/auth/refresh`. Each answer comes with the server's clock (its `Date` header) so that
 * expiry can be read on the browser's clock (token-timing.ts).
 * @module
 */
import { requestJson } from '../data/rest.js';
import type { RequestOptions } from '../data/rest.js';
import { isRole } from './roles.js';
import type { Role } from './roles.js';

/** A token from login or refresh. */
export interface TokenAnswer {
  token: string;
  username: string;
  role: Role;
  /** Server clock, ms. */
  expiresAt: number;
  /** The answer's `Date` header, ms, when it had one. */
  serverDate?: number | undefined;
}

/** What `GET /api/v1/auth/session` says. */
export interface SessionAnswer {
  /** Authentication is on. */
  enabled: boolean;
  /** Password login works (users are configured). */
  loginEnabled: boolean;
  /** The token sent was valid (always true when authentication is off). */
  authenticated: boolean;
  username?: string | undefined;
  role?: Role | undefined;
  expiresAt?: number | undefined;
  serverDate?: number | undefined;
}

/** The session routes, as the auth session uses them (a port: tests give their own). */
export interface AuthApi {
  /** Who `token` is (undefined: ask without one). */
  session(token: string | undefined): Promise<SessionAnswer>;
  login(username: string, password: string): Promise<TokenAnswer>;
  refresh(token: string): Promise<TokenAnswer>;
}

const call = async <T>(path: string, options: RequestOptions): Promise<T & { serverDate?: number }> => {
  let serverDate: number | undefined;
  const body = await requestJson<T>(path, {
    ...options,
    onHeaders: (headers) => {
      const date = Date.parse(headers.get('date') ?? '');
      serverDate = Number.isFinite(date) ? date : undefined;
    },
  });
  return { ...body, serverDate };
};

const checked = (answer: TokenAnswer): TokenAnswer => {
  if (typeof answer.token !== 'string' || !isRole(answer.role) || typeof answer.expiresAt !== 'number')
    throw new Error('the server answered with an unexpected token document');
  return answer;
};

/** The routes over REST. Login and refresh send exactly the token they are given (none for login). */
export const restAuthApi: AuthApi = {
  session: async (token) => {
    const answer = await call<SessionAnswer>('/api/v1/auth/session', { bearer: token ?? null });
    return { ...answer, role: isRole(answer.role) ? answer.role : undefined };
  },
  login: async (username, password) =>
    checked(
      await call<TokenAnswer>('/api/v1/auth/login', {
        method: 'POST',
        body: { username, password },
        bearer: null,
      }),
    ),
  refresh: async (token) =>
    checked(await call<TokenAnswer>('/api/v1/auth/refresh', { method: 'POST', bearer: token })),
};
