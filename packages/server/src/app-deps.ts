/** What buildApp needs: adapters and read-only views, never the environment. */
import type { Clock } from '@tickdeck/core';
import type { DependencyStatus, MarketType, SystemHealth } from '@tickdeck/protocol';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { LiveState } from './live/live-state.js';
import type { HistoryStore } from './store/history-store.js';

export interface MarketRef {
  symbol: string;
  type: MarketType;
  /** Name of the source that feeds it. */
  source: string;
}

export interface AppDeps {
  logger: FastifyBaseLogger;
  clock: Clock;
  history: HistoryStore;
  live: LiveState;
  /** Markets known now (configured or seen). */
  markets(): MarketRef[];
  /** State of each dependency (stores, sources, writers) for /ready. */
  readiness(): Promise<DependencyStatus[]>;
  /** The latest system-health sample, for GET /api/v1/system. */
  system?(): Promise<SystemHealth>;
  /** Extra plugins (gateway, metrics, web UI), registered after the core routes. */
  plugins?: readonly FastifyPluginAsync[];
  /** Server version reported by /health. */
  version?: string;
  /**
   * Registered before every route, unencapsulated (security/create-security.ts): headers, CORS, rate
   * limits, permissions, auth routes. Default: none (everything open).
   */
  security?: FastifyPluginAsync;
  /** TLS key and certificate: the server speaks HTTPS. Default: plain HTTP. */
  https?: { key: Buffer; cert: Buffer };
  /**
   * Fastify's `trustProxy`: take the client's address from X-Forwarded-For when the request comes
   * from these proxies (`true`: any), for rate limits and logs. Default: not trusted.
   */
  trustProxy?: boolean | string;
  /**
   * Changes the OpenAPI document served at /docs before it is first served; the object it returns is
   * kept and served from then on (a gateway adds the collector's routes it forwards, even later).
   */
  openapi?: (doc: OpenApiDocument) => OpenApiDocument;
}

/** The parts of an OpenAPI 3 document that tickdeck changes. */
export interface OpenApiDocument {
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}
