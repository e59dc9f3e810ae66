/**
 * GET /api/v1/stream?channels=a,b — the SSE fallback: the same channels, messages, history and
 * limits as the WebSocket, read-only. Last-Event-ID (or `lastEventId` in the query, for clients that
 * cannot set headers) resumes every channel of the stream from its position. With authentication on,
 * the token comes in `Authorization: Bearer` (never the query string) and each channel is checked
 * against the role; the stream ends with `close` 4004 when the token expires.
 * @module
 */
import { CloseCode, ErrorCode, SSE_PATH, type ErrorCodeValue } from '@tickdeck/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problem, type AppError } from '../http/app-error.js';
import type { Gateway } from './gateway.js';
import { isExpired, type AuthResult } from './gateway-auth.js';
import { Session, type SubscribeEntry } from './session.js';
import { parsePositions, SseTransport } from './sse-transport.js';

interface StreamQuery {
  channels: string;
  maxRateMs?: number;
  lastEventId?: string;
}

const sendProblem = (reply: FastifyReply, code: ErrorCodeValue, detail: string) => {
  const body = problem(code, detail, SSE_PATH);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
};

export function registerSseRoute(app: FastifyInstance, gateway: Gateway): void {
  app.get<{ Querystring: StreamQuery }>(
    SSE_PATH,
    {
      schema: {
        tags: ['realtime'],
        summary: 'Server-Sent Events fallback of the real-time protocol (docs/protocol.md)',
        querystring: {
          type: 'object',
          required: ['channels'],
          properties: {
            channels: {
              type: 'string',
              minLength: 1,
              maxLength: 8192,
              description: 'Comma-separated channel names',
            },
            maxRateMs: {
              type: 'number',
              minimum: 0,
              description: 'State channels: at most one update per this many ms',
            },
            lastEventId: { type: 'string', maxLength: 8192, description: 'Same as the Last-Event-ID header' },
          },
        },
      },
    },
    async (request, reply) => {
      const names = [...new Set(request.query.channels.split(',').filter((c) => c.length > 0))];
      const limits = gateway.limits;
      let principal: AuthResult | undefined;
      const auth = gateway.auth;
      const header = request.headers.authorization;
      const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
      if (auth !== undefined && (auth.required || token !== undefined)) {
        try {
          principal = await auth.authenticate(token ?? '');
        } catch (err) {
          gateway.stats.countInboundError(ErrorCode.Unauthorized);
          return sendProblem(
            reply,
            ErrorCode.Unauthorized,
            isExpired(err) ? 'Token expired' : 'Unauthorized',
          );
        }
      }
      if (names.length === 0) return sendProblem(reply, ErrorCode.BadRequest, 'No channel given');
      if (names.length > limits.maxSubscriptions) {
        gateway.stats.countInboundError(ErrorCode.TooManySubscriptions);
        return sendProblem(
          reply,
          ErrorCode.TooManySubscriptions,
          `At most ${limits.maxSubscriptions} channels`,
        );
      }
      const lastId = request.headers['last-event-id'] ?? request.query.lastEventId;
      const positions = typeof lastId === 'string' ? parsePositions(lastId, names.length) : [];
      const rate = request.query.maxRateMs ?? limits.minRateMs;
      const rateMs = Math.min(limits.maxRateMs, Math.max(limits.minRateMs, rate));
      const entries: SubscribeEntry[] = [];
      for (const [i, name] of names.entries()) {
        try {
          const resolved = gateway.registry.resolve(name);
          if (auth !== undefined && !auth.mayRead(principal?.role, resolved.name)) {
            gateway.stats.countInboundError(ErrorCode.Forbidden);
            return sendProblem(reply, ErrorCode.Forbidden, `Your role may not read ${name.slice(0, 128)}`);
          }
          entries.push({ resolved, since: positions[i], rateMs });
        } catch (err) {
          const e = err as AppError;
          gateway.stats.countInboundError(e.code);
          return sendProblem(reply, e.code, `${e.message}: ${name.slice(0, 128)}`);
        }
      }
      const refused = gateway.limiter.acquire(request.ip);
      if (refused !== undefined) {
        gateway.stats.countClose(refused);
        return refused === CloseCode.Overloaded
          ? sendProblem(reply, ErrorCode.Unavailable, 'Server at capacity')
          : sendProblem(reply, ErrorCode.RateLimited, 'Too many connections from this address');
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 1000\n\n');
      const session = new Session(new SseTransport(res, names, gateway.stats), gateway, request.ip);
      session.auth.principal = principal;
      gateway.addSession(session);
      res.on('close', () => session.dispose());
      session.subscribe(entries);
      return reply;
    },
  );
}
