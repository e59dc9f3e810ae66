/** Alert rules CRUD, active alerts, history, acknowledgement and the test notification. */
import { AlertErrorCode, ErrorCode } from '@tickdeck/protocol';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../http/app-error.js';
import { WEBHOOK_HOST_NOT_ALLOWED } from '../alerts/alert-service.js';
import type { AnalyticsServices } from '../analytics-services.js';
import { actorOf, sendProblem, ValidationProblemSchema } from './route-helpers.js';

const RuleId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' });

export const alertRoutes =
  (s: AnalyticsServices): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/v1/alerts/rules', { schema: { tags: ['alerts'], summary: 'Alert rules' } }, async () => ({
      rules: s.alerts.rules(),
    }));

    const put = async (body: unknown, reply: FastifyReply) => {
      const r = await s.alerts.putRule(body);
      if (!r.ok)
        return sendProblem(reply, ErrorCode.BadRequest, r.message, { reason: r.code, field: r.field });
      return r.rule;
    };

    app.post(
      '/api/v1/alerts/rules',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Create (or replace) a rule; the body is validated per kind (reason and field on 400)',
          body: Type.Unknown({ description: 'An alert rule (docs/alerts.md)' }),
          response: { 400: ValidationProblemSchema },
        },
      },
      async (request, reply) => put(request.body, reply),
    );

    app.put(
      '/api/v1/alerts/rules/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Replace a rule (the body id must match the path)',
          params: Type.Object({ id: RuleId }),
          response: { 400: ValidationProblemSchema },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const body = request.body as Record<string, unknown> | null;
        if (typeof body !== 'object' || body === null || (body['id'] !== undefined && body['id'] !== id)) {
          throw new AppError(ErrorCode.BadRequest, 'the body must be a rule whose id matches the path');
        }
        return put({ ...body, id }, reply);
      },
    );

    app.delete(
      '/api/v1/alerts/rules/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Delete a rule; its firing alerts resolve',
          params: Type.Object({ id: RuleId }),
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        if (!(await s.alerts.deleteRule(id))) throw new AppError(ErrorCode.NotFound, `No rule ${id}`);
        return reply.code(204).send();
      },
    );

    app.get('/api/v1/alerts', { schema: { tags: ['alerts'], summary: 'Alerts firing now' } }, async () => ({
      alerts: s.alerts.active(),
    }));

    app.get(
      '/api/v1/alerts/history',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Alert transitions (fired, resolved, acknowledged), newest first',
          querystring: Type.Object(
            {
              limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
              ruleId: Type.Optional(RuleId),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const q = request.query as { limit: number; ruleId?: string };
        await s.alerts.drain();
        return { transitions: await s.alertStore.history(q) };
      },
    );

    app.post(
      '/api/v1/alerts/:id/ack',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge a firing or recently resolved alert',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) }),
          response: { 404: ValidationProblemSchema, 409: ValidationProblemSchema },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const r = s.alerts.acknowledge(id, actorOf(request));
        if (r.ok) return r.transition;
        return r.code === AlertErrorCode.AlertNotFound
          ? sendProblem(reply, ErrorCode.NotFound, `No alert ${id}`, { reason: r.code })
          : sendProblem(reply, ErrorCode.Conflict, 'Already acknowledged', { reason: r.code });
      },
    );

    app.post(
      '/api/v1/alerts/test-notification',
      {
        schema: {
          tags: ['alerts'],
          summary:
            'Send a test notification to the global webhooks, or to `url` (a host in webhookHosts, if set)',
          body: Type.Optional(
            Type.Object(
              { url: Type.Optional(Type.String({ maxLength: 2048, pattern: '^https?://[^\\s]+$' })) },
              { additionalProperties: false },
            ),
          ),
        },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as { url?: string };
        if (body.url !== undefined && !s.alerts.hostAllowed(body.url)) {
          return sendProblem(reply, ErrorCode.BadRequest, 'webhook host not in the configured webhookHosts', {
            reason: WEBHOOK_HOST_NOT_ALLOWED,
            field: '/url',
          });
        }
        const r = s.alerts.testNotification(body.url);
        return reply.code(202).send({ queued: r.targets });
      },
    );
  };
