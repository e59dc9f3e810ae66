/** Portfolio, fills, orders, equity curve and statistics of the bots, over REST. */
import { ErrorCode } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../http/app-error.js';
import { ProblemSchema } from '../../http/schemas.js';
import { parseSeqCursor } from '../store/bot-event-store.js';
import type { AnalyticsServices } from '../analytics-services.js';
import { BotIdParam } from './route-helpers.js';

const BotQuery = Type.Object({ botId: BotIdParam }, { additionalProperties: false });
const Limit = (max: number, dflt: number) => Type.Integer({ minimum: 1, maximum: max, default: dflt });
const errors = { 400: ProblemSchema, 404: ProblemSchema };

export const portfolioRoutes =
  (s: AnalyticsServices): FastifyPluginAsync =>
  async (app) => {
    const stateOf = (botId: string) => {
      const st = s.portfolio.state(botId);
      if (st === undefined) throw new AppError(ErrorCode.NotFound, `No portfolio for bot ${botId}`);
      return st;
    };

    app.get(
      '/api/v1/portfolio',
      {
        schema: {
          tags: ['portfolio'],
          summary: 'Portfolio state of one bot (botId) or of every bot',
          querystring: Type.Object({ botId: Type.Optional(BotIdParam) }, { additionalProperties: false }),
          response: { 404: ProblemSchema },
        },
      },
      async (request) => {
        const { botId } = request.query as { botId?: string };
        return botId === undefined ? { portfolios: s.portfolio.states() } : stateOf(botId);
      },
    );

    app.get(
      '/api/v1/stats',
      {
        schema: {
          tags: ['portfolio'],
          summary: 'Live statistics of a bot (docs/metrics.md) and its round trips',
          querystring: BotQuery,
          response: errors,
        },
      },
      async (request) => {
        const { botId } = request.query as { botId: string };
        const p = stateOf(botId);
        return { botId, stats: p.stats, trades: s.portfolio.registry.get(botId).stats.trades };
      },
    );

    app.get(
      '/api/v1/fills',
      {
        schema: {
          tags: ['portfolio'],
          summary: 'Fills of a bot, oldest first, paged (cursor = nextCursor of the previous page)',
          querystring: Type.Object(
            {
              botId: BotIdParam,
              limit: Limit(5000, 500),
              cursor: Type.Optional(Type.String({ maxLength: 20 })),
            },
            { additionalProperties: false },
          ),
          response: errors,
        },
      },
      async (request) => {
        const q = request.query as { botId: string; limit: number; cursor?: string };
        let after: number | undefined;
        try {
          after = parseSeqCursor(q.cursor);
        } catch {
          throw new AppError(ErrorCode.BadRequest, 'invalid cursor');
        }
        const page = await s.events.events({ botId: q.botId, type: 'fill', after, limit: q.limit });
        return {
          fills: page.items.map((i) =>
            i.event.type === 'fill' ? { eventId: i.event.eventId, ...i.event.fill } : null,
          ),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/api/v1/orders',
      {
        schema: {
          tags: ['portfolio'],
          summary: 'Latest state of the orders of a bot (open=true: only open ones), oldest change first',
          querystring: Type.Object(
            { botId: BotIdParam, open: Type.Boolean({ default: false }), limit: Limit(5000, 500) },
            { additionalProperties: false },
          ),
          response: errors,
        },
      },
      async (request) => {
        const q = request.query as { botId: string; open: boolean; limit: number };
        return { orders: await s.events.orders(q) };
      },
    );

    app.get(
      '/api/v1/equity',
      {
        schema: {
          tags: ['portfolio'],
          summary:
            'Equity curve of a bot (a point per fill and per sample), the newest `limit` in time order',
          querystring: Type.Object(
            {
              botId: BotIdParam,
              from: Type.Optional(Type.Integer({ minimum: 0 })),
              to: Type.Optional(Type.Integer({ minimum: 0 })),
              limit: Limit(10_000, 1000),
            },
            { additionalProperties: false },
          ),
          response: errors,
        },
      },
      async (request) => {
        const q = request.query as { botId: string; from?: number; to?: number; limit: number };
        await s.portfolio.drain();
        return { points: await s.equity.query(q) };
      },
    );
  };
