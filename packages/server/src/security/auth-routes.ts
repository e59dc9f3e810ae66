/**
 * Dashboard sessions: `POST /api/v1/auth/login` (user name and password → token),
 * `POST /api/v1/auth/refresh` (a valid token → a fresh one), `GET /api/v1/auth/session` (who am I,
 * and whether authentication is on; answered without a token). A failed login gets one generic
 * answer whatever failed, after a password verification of the same cost.
 * @module
 */
import { ErrorCode } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { AppError } from '../http/app-error.js';
import { ProblemSchema } from '../http/schemas.js';
import type { UserConfig } from './auth-config.js';
import { bearerToken } from './bearer-token.js';
import type { VerifyToken } from './jwt-verifier.js';
import { verifyPassword } from './password-hasher.js';
import type { Role } from './roles.js';
import type { IssueToken } from './token-issuer.js';

const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('trader'), Type.Literal('admin')]);

export const TokenResponseSchema = Type.Object({
  token: Type.String({
    description: 'JWT: send as `Authorization: Bearer <token>` and in the WebSocket `auth`',
  }),
  username: Type.String(),
  role: RoleSchema,
  expiresAt: Type.Number({ description: 'ms since the epoch' }),
});

export const SessionResponseSchema = Type.Object({
  enabled: Type.Boolean({ description: 'Authentication is on: requests need a token' }),
  loginEnabled: Type.Boolean({ description: 'POST /api/v1/auth/login works (users are configured)' }),
  authenticated: Type.Boolean({ description: 'The request carried a valid token (always true when off)' }),
  username: Type.Optional(Type.String()),
  role: Type.Optional(RoleSchema),
  expiresAt: Type.Optional(Type.Number()),
});

export interface AuthRoutesOptions {
  users: readonly UserConfig[];
  /** Undefined: authentication is off. */
  verify: VerifyToken | undefined;
  /** Undefined: no secret to sign with, login is off. */
  issue: IssueToken | undefined;
}

export const authRoutes =
  (o: AuthRoutesOptions): FastifyPluginAsync =>
  async (app) => {
    const users = new Map(o.users.map((u) => [u.username, u]));
    const loginEnabled = o.issue !== undefined && users.size > 0;

    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with a configured user; rate limited per address',
          body: Type.Object(
            {
              username: Type.String({ minLength: 1, maxLength: 64 }),
              password: Type.String({ minLength: 1, maxLength: 1024 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: TokenResponseSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request) => {
        const { username, password } = request.body as { username: string; password: string };
        if (!loginEnabled || o.issue === undefined)
          throw new AppError(ErrorCode.BadRequest, 'Login is not enabled on this server');
        const user = users.get(username);
        const ok = await verifyPassword(user?.passwordHash, password);
        if (!ok || user === undefined) {
          request.log.info({ username: username.slice(0, 64) }, 'login failed');
          throw new AppError(ErrorCode.Unauthorized, 'Invalid user name or password');
        }
        request.log.info({ username }, 'login');
        return o.issue({ username, role: user.role });
      },
    );

    app.post(
      '/api/v1/auth/refresh',
      {
        schema: {
          tags: ['auth'],
          summary: 'A fresh token for a valid one (dashboard users only); role as configured now',
          response: { 200: TokenResponseSchema, 400: ProblemSchema, 401: ProblemSchema },
        },
      },
      async (request) => {
        const p = request.principal;
        const user = p === undefined ? undefined : users.get(p.username);
        if (o.issue === undefined || user === undefined)
          throw new AppError(ErrorCode.Unauthorized, 'Only tokens of configured users are refreshed here');
        return o.issue({ username: user.username, role: user.role });
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        schema: {
          tags: ['auth'],
          summary: 'Whether authentication is on, and who the bearer token (if any) is',
          response: { 200: SessionResponseSchema },
        },
      },
      async (request) => {
        if (o.verify === undefined)
          return {
            enabled: false,
            loginEnabled: false,
            authenticated: true,
            username: 'anonymous',
            role: 'admin' as Role,
          };
        const token = bearerToken(request.headers.authorization);
        const p = token === undefined ? undefined : await o.verify(token).catch(() => undefined);
        return p === undefined
          ? { enabled: true, loginEnabled, authenticated: false }
          : { enabled: true, loginEnabled, authenticated: true, ...p };
      },
    );
  };
