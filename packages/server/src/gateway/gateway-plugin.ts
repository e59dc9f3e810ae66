/**
 * The Fastify plugin serving the gateway: WebSocket upgrades on /ws and the SSE fallback.
 * @example
 * const gateway = createGateway({ broker, registry, metrics });
 * await app.register(gatewayPlugin({ gateway, allowedOrigins: ['https://dash.example.com'] }));
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  ErrorCode,
  SUBPROTOCOL_BEARER_PREFIX,
  SUBPROTOCOL_JSON,
  SUBPROTOCOL_MSGPACK,
  WS_PATH,
} from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Gateway } from './gateway.js';
import type { Encoding } from './out-message.js';
import { Session } from './session.js';
import { registerSseRoute } from './sse-route.js';
import { WsTransport } from './ws-transport.js';

export interface GatewayPluginOptions {
  gateway: Gateway;
  /**
   * Origins (scheme://host[:port]) allowed to open a WebSocket besides the server's own, or '*' for
   * any. Requests without an Origin header (programs, not browsers) are always allowed.
   * Default: same-origin only.
   */
  allowedOrigins?: readonly string[] | '*';
  /** The client's address for per-address limits. Default: the socket's remote address. */
  addressOf?: (req: IncomingMessage) => string;
  /** Serve the SSE fallback at /api/v1/stream. Default true. */
  sse?: boolean;
}

function originAllowed(req: IncomingMessage, allowed: readonly string[] | '*' | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || allowed === '*') return true;
  if (allowed?.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}

/** The token offered as a `tickdeck.bearer.<token>` subprotocol, if any. */
function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  for (const p of header.split(',')) {
    const v = p.trim();
    if (v.startsWith(SUBPROTOCOL_BEARER_PREFIX)) return v.slice(SUBPROTOCOL_BEARER_PREFIX.length);
  }
  return undefined;
}

/** Choose the client's first known encoding subprotocol (never the bearer); none means JSON. */
function chooseProtocol(offered: Set<string>): string | false {
  for (const p of offered) if (p === SUBPROTOCOL_MSGPACK || p === SUBPROTOCOL_JSON) return p;
  return false;
}

export const gatewayPlugin =
  (options: GatewayPluginOptions): FastifyPluginAsync =>
  async (app) => {
    const { gateway } = options;
    const stats = gateway.stats;
    const addressOf = options.addressOf ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown');
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: gateway.limits.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: chooseProtocol,
    });

    const attach = (ws: WebSocket, socket: Duplex, req: IncomingMessage, token: string | undefined) => {
      const address = addressOf(req);
      const refused = gateway.limiter.acquire(address);
      if (refused !== undefined) {
        stats.countClose(refused);
        ws.close(refused, refused === CloseCode.Overloaded ? 'server at capacity' : 'too many connections');
        return;
      }
      const encoding: Encoding = ws.protocol === SUBPROTOCOL_MSGPACK ? 'msgpack' : 'json';
      const transport = new WsTransport(ws, socket, encoding, stats);
      const session = new Session(transport, gateway, address);
      gateway.addSession(session);
      ws.on('message', (data, isBinary) => session.receive(data as Buffer, isBinary));
      ws.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          stats.countInboundError(ErrorCode.PayloadTooLarge);
          if (!transport.closedByServer) stats.countClose(CloseCode.MessageTooBig);
        } else {
          stats.countInboundError(ErrorCode.MalformedMessage);
        }
        transport.closedByServer = true;
      });
      ws.on('close', (code) => {
        if (!transport.closedByServer) stats.countClose(code);
        session.dispose();
      });
      session.welcome();
      if (token !== undefined) session.authenticate(token);
    };

    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== WS_PATH) {
        if (app.server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
        return;
      }
      if (!originAllowed(req, options.allowedOrigins)) {
        stats.countInboundError(ErrorCode.Forbidden);
        refuse(socket, 403, 'Forbidden');
        return;
      }
      socket.on('error', () => socket.destroy());
      const token = bearerOf(req);
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, socket, req, token));
    };

    app.server.on('upgrade', onUpgrade);
    if (options.sse !== false) registerSseRoute(app, gateway);
    app.addHook('preClose', async () => {
      app.server.off('upgrade', onUpgrade);
      gateway.close();
      wss.close();
    });
  };
