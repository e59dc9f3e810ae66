/** POST /api/v1/ingest: a batch of bot events, acknowledged per event once stored. */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ProblemSchema } from '../../http/schemas.js';
import type { AnalyticsServices } from '../analytics-services.js';
import { scopeOf } from './route-helpers.js';

const ResultSchema = Type.Object({
  index: Type.Integer(),
  eventId: Type.Optional(Type.String()),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  code: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});

export const ingestRoutes =
  (s: AnalyticsServices): FastifyPluginAsync =>
  async (app) => {
    app.post(
      '/api/v1/ingest',
      {
        schema: {
          tags: ['bots'],
          summary: 'Ingest a batch of bot events (docs/ingest.md); each is acknowledged once stored',
          body: Type.Object({ events: Type.Array(Type.Unknown()) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              accepted: Type.Integer(),
              duplicate: Type.Integer(),
              rejected: Type.Integer(),
              results: Type.Array(ResultSchema),
            }),
            400: ProblemSchema,
            401: ProblemSchema,
            413: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(s, request, reply);
        if (scope === undefined) return reply;
        const { events } = request.body as { events: unknown[] };
        const results = await s.ingest.ingest(events, scope);
        const count = (st: string) => results.filter((r) => r.status === st).length;
        return {
          accepted: count('accepted'),
          duplicate: count('duplicate'),
          rejected: count('rejected'),
          results,
        };
      },
    );
  };
