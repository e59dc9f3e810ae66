/**
 * The one place a REST request's permission is checked: an `onRequest` hook that looks the route up in
 * {@link ROUTE_PERMISSIONS}, verifies the bearer token and compares roles. It sets
 * `request.principal` for the routes (audit trails). Without authentication every request is the
 * anonymous admin.
 * @module
 */
import { ErrorCode } from '@tickdeck/protocol';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/app-error.js';
import { bearerToken } from './bearer-token.js';
import type { VerifyToken } from './jwt-verifier.js';
import { ANONYMOUS_ADMIN, roleAtLeast } from './roles.js';
import { accessOf } from './route-permissions.js';
import { AuthError } from './security-errors.js';

/**
 * @param verify the token verifier, or undefined when authentication is off
 */
export function installSecurityHook(app: FastifyInstance, verify: VerifyToken | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    // Forwarded to the collector, which runs this same check on the same table.
    if ((request.routeOptions.config as { forwarded?: boolean } | undefined)?.forwarded === true) return;
    const access = accessOf(request.method, request.routeOptions.url);
    if (access === 'public' || access === 'bot-key') return;
    if (verify === undefined) {
      request.principal = ANONYMOUS_ADMIN;
      return;
    }
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      void reply.header('www-authenticate', 'Bearer');
      throw new AppError(ErrorCode.Unauthorized, 'A bearer token is required');
    }
    let principal;
    try {
      principal = await verify(token);
    } catch (err) {
      const expired = err instanceof AuthError && err.reason === 'expired';
      request.log.debug({ reason: err instanceof AuthError ? err.reason : 'error' }, 'token refused');
      void reply.header('www-authenticate', `Bearer error="invalid_token"`);
      throw new AppError(ErrorCode.Unauthorized, expired ? 'Token expired' : 'Invalid token');
    }
    if (!roleAtLeast(principal.role, access)) {
      throw new AppError(ErrorCode.Forbidden, `This needs the ${access} role; yours is ${principal.role}`);
    }
    request.principal = principal;
  });
}
