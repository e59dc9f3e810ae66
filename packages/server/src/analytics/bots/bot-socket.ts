/**
 * The bot WebSocket, for a bot that wants one connection to publish events and receive commands
 * (docs/ingest.md, "WebSocket"). JSON text frames, one message each:
 *   bot → server: `{op:'events', id?, events:[...]}`, `{op:'result', commandId, ok, message?}`, `{op:'ping', t?}`
 *   server → bot: `{op:'welcome', botId}`, `{op:'ack', id, results}`, `{op:'command', command}`,
 *                 `{op:'result_ack', commandId, recorded}`, `{op:'pong', t}`, `{op:'error', code, message}`
 * Served on its own path through the HTTP server's `upgrade` event, beside the gateway's /ws.
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { BOT_ID_PATTERN, ErrorCode, WS_PATH, type BotCommand } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnalyticsServices } from '../analytics-services.js';
import { keyFromHeaders, mayActFor, type KeyScope } from '../ingest/api-keys.js';

export const BOT_WS_PATH = '/api/v1/bot/ws';
/** Largest frame a bot may send, bytes. */
export const BOT_WS_MAX_PAYLOAD = 1_048_576;

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const botSocketPlugin =
  (s: AnalyticsServices): FastifyPluginAsync =>
  async (app) => {
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: BOT_WS_MAX_PAYLOAD,
      perMessageDeflate: false,
    });

    const serve = async (ws: WebSocket, botId: string, scope: KeyScope) => {
      const send = (m: unknown) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
      };
      let closed = false;
      const attached: { detach?: () => void } = {};
      ws.on('close', () => {
        closed = true;
        attached.detach?.();
      });
      ws.on('message', (data, isBinary) => {
        void (async () => {
          let msg: unknown;
          try {
            msg = isBinary ? undefined : JSON.parse(String(data));
          } catch {
            msg = undefined;
          }
          if (!isObject(msg))
            return send({ op: 'error', code: ErrorCode.MalformedMessage, message: 'expected a JSON object' });
          s.commands.seen(botId, msg['op'] === 'ping');
          switch (msg['op']) {
            case 'events': {
              if (!Array.isArray(msg['events'])) {
                return send({
                  op: 'error',
                  id: msg['id'],
                  code: ErrorCode.BadRequest,
                  message: 'events must be an array',
                });
              }
              try {
                const results = await s.ingest.ingest(msg['events'], scope);
                return send({ op: 'ack', id: msg['id'], results });
              } catch {
                return send({
                  op: 'error',
                  id: msg['id'],
                  code: ErrorCode.Unavailable,
                  message: 'events not stored; send again',
                });
              }
            }
            case 'result': {
              const commandId = msg['commandId'];
              if (typeof commandId !== 'string' || typeof msg['ok'] !== 'boolean') {
                return send({
                  op: 'error',
                  code: ErrorCode.BadRequest,
                  message: 'result needs commandId and ok',
                });
              }
              const message = typeof msg['message'] === 'string' ? msg['message'].slice(0, 1000) : undefined;
              const rec = await s.commands.complete(botId, commandId, msg['ok'], message);
              return send({ op: 'result_ack', commandId, recorded: rec !== undefined });
            }
            case 'ping':
              return send({ op: 'pong', t: msg['t'] });
            default:
              return send({ op: 'error', code: ErrorCode.UnknownCommand, message: 'unknown op' });
          }
        })().catch(() => ws.close(1011, 'internal error'));
      });
      send({ op: 'welcome', botId });
      attached.detach = await s.commands.attach(botId, {
        deliver: (command: BotCommand) => send({ op: 'command', command }),
      });
      if (closed) attached.detach();
    };

    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== BOT_WS_PATH) {
        // The gateway answers /ws; with two listeners it no longer refuses other paths itself.
        if (url.pathname !== WS_PATH) refuse(socket, 404, 'Not Found');
        return;
      }
      socket.on('error', () => socket.destroy());
      s.keys.scope(keyFromHeaders(req.headers)).then(
        (scope) => {
          if (scope.kind === 'none') return refuse(socket, 401, 'Unauthorized');
          const botId = url.searchParams.get('botId') ?? (scope.kind === 'bot' ? scope.botId : '');
          if (!BOT_ID_PATTERN.test(botId)) return refuse(socket, 400, 'Bad Request');
          if (!mayActFor(scope, botId)) return refuse(socket, 403, 'Forbidden');
          wss.handleUpgrade(req, socket, head, (ws) => void serve(ws, botId, scope));
        },
        () => refuse(socket, 503, 'Service Unavailable'),
      );
    };

    app.server.on('upgrade', onUpgrade);
    app.addHook('preClose', async () => {
      app.server.off('upgrade', onUpgrade);
      for (const c of wss.clients) c.close(1001, 'server shutting down');
      wss.close();
    });
  };
