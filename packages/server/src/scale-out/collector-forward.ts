/**
 * A gateway forwards the analytics API (bot ingest, portfolio, alerts, bot control, paper bot,
 * backtests), the API-key routes and the bot WebSocket to the collector, which owns the trading state.
 * Headers pass through (authorization included) and the collector checks permissions with the same
 * table (the routes are marked `forwarded`, so the gateway's security hook leaves them to it); the
 * client's address goes in X-Forwarded-For (trusted by a collector configured with `trustProxy`).
 * @example
 * await app.register(collectorForward({ url: 'http://collector.internal:8081' }));
 * @module
 */
import proxy from '@fastify/http-proxy';
import type { FastifyPluginAsync } from 'fastify';
import { ANALYTICS_ROUTE_PREFIXES, ANALYTICS_WS_PATH } from '../analytics/analytics-routes.js';

/** The bots' API keys are kept by the collector too (it checks them on ingest). */
const KEY_ROUTES_PREFIX = '/api/v1/keys';

/** Every HTTP route under these is the collector's: a gateway forwards it. */
export const FORWARDED_ROUTE_PREFIXES: readonly string[] = [...ANALYTICS_ROUTE_PREFIXES, KEY_ROUTES_PREFIX];
/** Every path a gateway forwards: those routes and the bot WebSocket. */
export const FORWARDED_PATH_PREFIXES: readonly string[] = [...FORWARDED_ROUTE_PREFIXES, ANALYTICS_WS_PATH];

export interface CollectorForwardOptions {
  /** http(s)://host:port of the collector. */
  url: string;
  /** Time to wait for the collector's answer, ms. Default 30000 (backtests can take a while). */
  timeoutMs?: number;
}

export const collectorForward =
  (o: CollectorForwardOptions): FastifyPluginAsync =>
  async (app) => {
    const upstream = o.url.replace(/\/+$/, '');
    const replyOptions = {
      rewriteRequestHeaders: (req: { ip: string }, headers: Record<string, unknown>) => {
        const prior = headers['x-forwarded-for'];
        return { ...headers, 'x-forwarded-for': prior ? `${String(prior)}, ${req.ip}` : req.ip };
      },
    };
    const http = { requestOptions: { timeout: o.timeoutMs ?? 30_000 } };
    const config = { forwarded: true };
    for (const prefix of FORWARDED_ROUTE_PREFIXES) {
      await app.register(proxy, { upstream, prefix, rewritePrefix: prefix, http, replyOptions, config });
    }
    await app.register(proxy, {
      upstream,
      prefix: ANALYTICS_WS_PATH,
      rewritePrefix: ANALYTICS_WS_PATH,
      websocket: true,
      wsUpstream: upstream.replace(/^http/, 'ws'),
      http,
      replyOptions,
      config,
    });
  };
