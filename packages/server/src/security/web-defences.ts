/**
 * Browser-facing defences, all from maintained plugins: security headers and a Content-Security-Policy
 * without `unsafe-inline` (@fastify/helmet), CORS for an allow-list of origins only (@fastify/cors),
 * and rate limits per address, stricter on login and counted per API key on the bot routes
 * (@fastify/rate-limit; 429 RATE_LIMITED).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ErrorCode } from '@tickdeck/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { keyFromHeaders } from '../analytics/ingest/api-keys.js';
import { hashApiKey } from './api-key-hash.js';
import type { AuthConfig } from './auth-config.js';
import { KEYED_RATE_LIMIT } from './route-permissions.js';

export interface WebDefenceOptions {
  allowedOrigins: readonly string[];
  rateLimit: AuthConfig['rateLimit'];
  /** Served over TLS: HSTS and upgrade-insecure-requests are sent. */
  tls: boolean;
}

const LOGIN_ROUTE = 'POST /api/v1/auth/login';
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The WebSocket origin of the page's own host, for connect-src (older browsers' 'self' omits ws:). */
const ownSocket =
  (scheme: 'ws' | 'wss') =>
  (req: IncomingMessage): string => {
    const host = req.headers.host ?? '';
    return SAFE_HOST.test(host) ? `${scheme}://${host}` : "'self'";
  };

/** The Content-Security-Policy directives of every response (the dashboard satisfies them). */
export function cspDirectives(
  tls: boolean,
): Record<string, Iterable<string | ((req: IncomingMessage) => string)>> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", tls ? ownSocket('wss') : ownSocket('ws'), ownSocket('wss')],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    ...(tls ? { upgradeInsecureRequests: [] } : {}),
  };
}

/** The rate-limit key of a bot route: the key's hash (never the key), or the address without one. */
const keyedBy = (request: FastifyRequest): string => {
  const key = keyFromHeaders(request.headers);
  return key === undefined ? `ip:${request.ip}` : `key:${hashApiKey(key.slice(0, 512))}`;
};

export async function registerWebDefences(app: FastifyInstance, o: WebDefenceOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(o.tls) },
    strictTransportSecurity: o.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  const allowed = new Set(o.allowedOrigins);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Tickdeck-Key', 'Last-Event-ID'],
    credentials: false,
    maxAge: 600,
  });

  const { max, loginMax, ingestMax, windowMs } = o.rateLimit;
  // Before the rate-limit plugin's own onRoute hook: per-route limits from the permission table.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const name = (m: string) => `${m} ${route.url}`;
    if (methods.some((m) => name(m) === LOGIN_ROUTE)) {
      route.config = { ...route.config, rateLimit: { max: loginMax, timeWindow: windowMs } };
    } else if (methods.some((m) => KEYED_RATE_LIMIT.has(name(m)))) {
      route.config = {
        ...route.config,
        rateLimit: { max: ingestMax, timeWindow: windowMs, keyGenerator: keyedBy },
      };
    }
  });
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: windowMs,
    errorResponseBuilder: (_request, context) =>
      new AppError(ErrorCode.RateLimited, `Rate limit exceeded: retry in ${context.after}`),
  });
}
