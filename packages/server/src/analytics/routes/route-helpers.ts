/** Small pieces shared by the analytics routes. */
import { ErrorCode, type ErrorCodeValue } from '@tickdeck/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { problem } from '../../http/app-error.js';
import { keyFromHeaders, type KeyScope } from '../ingest/api-keys.js';
import type { AnalyticsServices } from '../analytics-services.js';
import type {} from '../../security/roles.js';

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

export const BotIdParam = Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' });

/** A problem with the field and reason code of a validation failure. */
export function sendProblem(
  reply: FastifyReply,
  code: ErrorCodeValue,
  detail: string,
  extra: { reason?: string; field?: string } = {},
): FastifyReply {
  return reply
    .code(problem(code, detail).status)
    .type(PROBLEM_TYPE)
    .send({ ...problem(code, detail), ...extra });
}

/** The key scope of a request; replies 401 and returns undefined when a key was needed or is unknown. */
export async function scopeOf(
  s: AnalyticsServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<KeyScope | undefined> {
  const scope = await s.keys.scope(keyFromHeaders(request.headers));
  if (scope.kind === 'none') {
    void sendProblem(reply, ErrorCode.Unauthorized, scope.reason);
    return undefined;
  }
  return scope;
}

/** Who a trader action is attributed to: the token's subject, or `anonymous` without authentication. */
export const actorOf = (request: FastifyRequest): string => request.principal?.username ?? ANONYMOUS;

/** Who a trader action is attributed to when authentication is off. */
export const ANONYMOUS = 'anonymous';

/** A problem that also names the failing rule (`reason`, a stable code) and field (a JSON pointer). */
export const ValidationProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});
