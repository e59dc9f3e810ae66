/** Bot control: commands (issue, poll, result), bot statuses and the audit trail. */
import { ErrorCode } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../http/app-error.js';
import { ProblemSchema } from '../../http/schemas.js';
import type { AnalyticsServices } from '../analytics-services.js';
import { mayActFor } from '../ingest/api-keys.js';
import { actorOf, BotIdParam, scopeOf } from './route-helpers.js';

const BotParams = Type.Object({ botId: BotIdParam });

export const CommandBodySchema = Type.Object(
  {
    kind: Type.Union(['pause', 'resume', 'stop', 'close_all', 'custom'].map((k) => Type.Literal(k))),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_][A-Za-z0-9_.:-]*$' })),
    params: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 32 })),
  },
  { additionalProperties: false },
);

export const botRoutes =
  (s: AnalyticsServices): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/v1/bots',
      { schema: { tags: ['bots'], summary: 'Bots: connection, last heartbeat, state' } },
      async () => ({
        bots: s.commands.statuses(await s.events.bots()),
      }),
    );

    app.post(
      '/api/v1/bots/:botId/commands',
      {
        schema: {
          tags: ['bots'],
          summary: 'Send a bot a command (custom needs a name); audited',
          params: BotParams,
          body: CommandBodySchema,
          response: {
            202: Type.Unknown({ description: 'The command with its audit fields' }),
            400: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { botId } = request.params as { botId: string };
        const body = request.body as { kind: 'custom'; name?: string; params?: Record<string, unknown> };
        if (body.kind === 'custom' && body.name === undefined) {
          throw new AppError(ErrorCode.BadRequest, 'a custom command needs a name');
        }
        const rec = await s.commands.issue(botId, body, actorOf(request));
        return reply.code(202).send(rec);
      },
    );

    app.get(
      '/api/v1/bots/:botId/commands/pending',
      {
        schema: {
          tags: ['bots'],
          summary: "The bot's commands not yet answered (the bot polls this with its key)",
          params: BotParams,
          response: { 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { botId } = request.params as { botId: string };
        const scope = await scopeOf(s, request, reply);
        if (scope === undefined) return reply;
        if (!mayActFor(scope, botId))
          throw new AppError(ErrorCode.Forbidden, `this API key is not bot ${botId}'s`);
        return { commands: await s.commands.pending(botId) };
      },
    );

    app.post(
      '/api/v1/bots/:botId/commands/:commandId/result',
      {
        schema: {
          tags: ['bots'],
          summary: "The bot reports a command's result",
          params: Type.Object({ botId: BotIdParam, commandId: Type.String({ minLength: 1, maxLength: 64 }) }),
          body: Type.Object(
            { ok: Type.Boolean(), message: Type.Optional(Type.String({ maxLength: 1000 })) },
            { additionalProperties: false },
          ),
          response: { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { botId, commandId } = request.params as { botId: string; commandId: string };
        const scope = await scopeOf(s, request, reply);
        if (scope === undefined) return reply;
        if (!mayActFor(scope, botId))
          throw new AppError(ErrorCode.Forbidden, `this API key is not bot ${botId}'s`);
        const { ok, message } = request.body as { ok: boolean; message?: string };
        const rec = await s.commands.complete(botId, commandId, ok, message);
        if (rec === undefined)
          throw new AppError(ErrorCode.NotFound, `No open command ${commandId} for bot ${botId}`);
        return rec;
      },
    );

    app.post(
      '/api/v1/bots/:botId/heartbeat',
      {
        schema: { tags: ['bots'], summary: 'The bot is alive (polling bots call it)', params: BotParams },
      },
      async (request, reply) => {
        const { botId } = request.params as { botId: string };
        const scope = await scopeOf(s, request, reply);
        if (scope === undefined) return reply;
        if (!mayActFor(scope, botId))
          throw new AppError(ErrorCode.Forbidden, `this API key is not bot ${botId}'s`);
        s.commands.seen(botId, true);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/bots/commands',
      {
        schema: {
          tags: ['bots'],
          summary: 'Command audit trail, newest first: who, when, what, delivery and result',
          querystring: Type.Object(
            {
              botId: Type.Optional(BotIdParam),
              limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => ({
        commands: await s.commands.audit(request.query as { botId?: string; limit: number }),
      }),
    );
  };
