/**
 * Where the analytics module's HTTP routes live. A gateway forwards these to the collector, which owns
 * the trading state (one writer, applied in commit order).
 * @module
 */
import { BOT_WS_PATH } from './bots/bot-socket.js';

/** Every analytics route starts with one of these (a test checks it against the registered routes). */
export const ANALYTICS_ROUTE_PREFIXES: readonly string[] = [
  '/api/v1/ingest',
  '/api/v1/portfolio',
  '/api/v1/stats',
  '/api/v1/fills',
  '/api/v1/orders',
  '/api/v1/equity',
  '/api/v1/alerts',
  '/api/v1/bots',
  '/api/v1/paper',
  '/api/v1/indicators',
  '/api/v1/backtests',
];

/** The bot WebSocket, forwarded as a WebSocket. */
export const ANALYTICS_WS_PATH = BOT_WS_PATH;
