/**
 * The one table of who may call which route: `public`, `bot-key` (the route checks the bot's API key
 * itself), or the least role. The security hook (security-hook.ts) reads it for every request; a route
 * missing from it needs `admin`, except GET pages outside `/api` (the dashboard, /docs).
 * @module
 */
import type { Role } from './roles.js';

export type Access = 'public' | 'bot-key' | Role;

/** `METHOD path` (the path as the route is declared) → access. HEAD follows GET. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Access>> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': 'viewer',
  // Sessions
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'viewer',
  'GET /api/v1/auth/session': 'public',
  // Market data and history
  'GET /api/v1/symbols': 'viewer',
  'GET /api/v1/tickers': 'viewer',
  'GET /api/v1/candles': 'viewer',
  'GET /api/v1/trades': 'viewer',
  'GET /api/v1/metrics': 'viewer',
  'GET /api/v1/system': 'viewer',
  'GET /api/v1/stream': 'viewer',
  // Portfolio
  'GET /api/v1/portfolio': 'viewer',
  'GET /api/v1/stats': 'viewer',
  'GET /api/v1/fills': 'viewer',
  'GET /api/v1/orders': 'viewer',
  'GET /api/v1/equity': 'viewer',
  // Alerts
  'GET /api/v1/alerts/rules': 'viewer',
  'POST /api/v1/alerts/rules': 'trader',
  'PUT /api/v1/alerts/rules/:id': 'trader',
  'DELETE /api/v1/alerts/rules/:id': 'trader',
  'GET /api/v1/alerts': 'viewer',
  'GET /api/v1/alerts/history': 'viewer',
  'POST /api/v1/alerts/:id/ack': 'trader',
  'POST /api/v1/alerts/test-notification': 'trader',
  // Bots: what a trader does, and what a bot does with its key
  'GET /api/v1/bots': 'viewer',
  'GET /api/v1/bots/commands': 'viewer',
  'POST /api/v1/bots/:botId/commands': 'trader',
  'GET /api/v1/bots/:botId/commands/pending': 'bot-key',
  'POST /api/v1/bots/:botId/commands/:commandId/result': 'bot-key',
  'POST /api/v1/bots/:botId/heartbeat': 'bot-key',
  'POST /api/v1/ingest': 'bot-key',
  // Paper bot, indicators, backtests
  'GET /api/v1/paper': 'viewer',
  'POST /api/v1/paper/start': 'trader',
  'POST /api/v1/paper/stop': 'trader',
  'GET /api/v1/indicators': 'viewer',
  'POST /api/v1/backtests': 'trader',
  // Bot API keys
  'GET /api/v1/keys': 'admin',
  'POST /api/v1/keys': 'admin',
  'DELETE /api/v1/keys/:id': 'admin',
};

/** Routes whose rate limit is counted per API key rather than per address. */
export const KEYED_RATE_LIMIT: ReadonlySet<string> = new Set(
  Object.entries(ROUTE_PERMISSIONS)
    .filter(([, a]) => a === 'bot-key')
    .map(([r]) => r),
);

/** The access a request needs. `url` undefined: no route matched (404, public). */
export function accessOf(method: string, url: string | undefined): Access {
  // No route (404), and CORS preflights (answered by @fastify/cors, which checks the origin).
  if (url === undefined || method === 'OPTIONS') return 'public';
  const m = method === 'HEAD' ? 'GET' : method;
  const listed = ROUTE_PERMISSIONS[`${m} ${url}`];
  if (listed !== undefined) return listed;
  if (m === 'GET' && !url.startsWith('/api/') && url !== '/metrics') return 'public';
  return 'admin';
}
