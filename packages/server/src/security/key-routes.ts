/**
 * Admin routes of bot API keys: create (the plain key is returned once), list (never the key nor its
 * hash), revoke (at once). Permissions come from the route table (admin).
 * @module
 */
import { BOT_ID_PATTERN, ErrorCode } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { AppError } from '../http/app-error.js';
import { ProblemSchema } from '../http/schemas.js';
import type { ApiKeyStore } from './api-key-store.js';

const NullableNum = Type.Union([Type.Number(), Type.Null()]);

export const ApiKeyInfoSchema = Type.Object({
  id: Type.String(),
  botId: Type.String(),
  label: Type.String(),
  createdAt: Type.Number(),
  createdBy: Type.String(),
  lastUsedAt: NullableNum,
  revokedAt: NullableNum,
});

export const keyRoutes =
  (store: ApiKeyStore): FastifyPluginAsync =>
  async (app) => {
    app.post(
      '/api/v1/keys',
      {
        schema: {
          tags: ['keys'],
          summary: 'Make an API key for one bot; the key is in this answer only (admin)',
          body: Type.Object(
            {
              botId: Type.String({ maxLength: 64, pattern: BOT_ID_PATTERN.source }),
              label: Type.String({ maxLength: 200, default: '' }),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              key: Type.String({ description: 'tdk_…: store it now' }),
              info: ApiKeyInfoSchema,
            }),
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { botId, label } = request.body as { botId: string; label: string };
        const made = await store.create(botId, label, request.principal?.username ?? 'anonymous');
        request.log.info({ keyId: made.info.id, botId }, 'API key created');
        return reply.code(201).send(made);
      },
    );

    app.get(
      '/api/v1/keys',
      {
        schema: {
          tags: ['keys'],
          summary: 'Every API key made here, revoked ones included (admin)',
          response: { 200: Type.Object({ keys: Type.Array(ApiKeyInfoSchema) }) },
        },
      },
      async () => ({ keys: await store.list() }),
    );

    app.delete(
      '/api/v1/keys/:id',
      {
        schema: {
          tags: ['keys'],
          summary: 'Revoke an API key, at once (admin)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: ApiKeyInfoSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const revoked = await store.revoke(id);
        if (revoked === undefined) throw new AppError(ErrorCode.NotFound, `No API key ${id}`);
        request.log.info({ keyId: id }, 'API key revoked');
        return revoked;
      },
    );
  };
