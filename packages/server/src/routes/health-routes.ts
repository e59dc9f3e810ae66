/** Liveness and readiness. */
import Type from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';

const DependencySchema = Type.Object({
  name: Type.String(),
  state: Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')]),
  detail: Type.Optional(Type.String()),
});

const ReadySchema = Type.Object({
  ready: Type.Boolean(),
  dependencies: Type.Array(DependencySchema),
});

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['operations'],
          summary: 'Liveness: the process answers',
          response: {
            200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), time: Type.Number() }),
          },
        },
      },
      async () => ({ status: 'ok' as const, version: deps.version ?? '0.0.0', time: deps.clock.now() }),
    );

    app.get(
      '/ready',
      {
        schema: {
          tags: ['operations'],
          summary: 'Readiness: every dependency with its state; 503 when one is down',
          response: { 200: ReadySchema, 503: ReadySchema },
        },
      },
      async (_request, reply) => {
        const dependencies = await deps.readiness();
        const ready = dependencies.every((d) => d.state !== 'down');
        return reply.code(ready ? 200 : 503).send({ ready, dependencies });
      },
    );
  };
