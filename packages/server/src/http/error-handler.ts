/** Every error leaves the server as application/problem+json with a stable code. */
import { ErrorCode, type ErrorCodeValue } from '@tickdeck/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, problem } from './app-error.js';

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function codeOf(err: FastifyError): ErrorCodeValue {
  if (err.validation) return ErrorCode.BadRequest;
  switch (err.statusCode) {
    case 400:
      return ErrorCode.BadRequest;
    case 401:
      return ErrorCode.Unauthorized;
    case 403:
      return ErrorCode.Forbidden;
    case 404:
      return ErrorCode.NotFound;
    case 413:
      return ErrorCode.PayloadTooLarge;
    case 415:
      return ErrorCode.BadRequest;
    case 429:
      return ErrorCode.RateLimited;
    case 503:
      return ErrorCode.Unavailable;
    default:
      return ErrorCode.Internal;
  }
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appError = err instanceof AppError ? err : undefined;
    const code = appError?.code ?? codeOf(err);
    const body = problem(code, code === ErrorCode.Internal ? 'Internal error' : err.message, request.url);
    if (body.status >= 500) request.log.error({ err }, 'request failed');
    void reply.code(body.status).type(PROBLEM_TYPE).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body = problem(
      ErrorCode.NotFound,
      `No route ${request.method} ${request.url.split('?')[0]}`,
      request.url,
    );
    void reply.code(404).type(PROBLEM_TYPE).send(body);
  });
}
