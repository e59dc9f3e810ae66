/** Trade history (raw prints, kept for the configured retention), paged. */
import Type from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { ProblemSchema, TradeSchema } from '../http/schemas.js';
import { checkRange, knownSymbol, pagedQueryProperties, type PagedQuery } from './history-query.js';

const TradeQuerySchema = Type.Object(pagedQueryProperties, { additionalProperties: false });

export const tradeRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/v1/trades',
      {
        schema: {
          tags: ['market data'],
          summary: 'Trades of one symbol in ascending time, with a cursor for the next page',
          querystring: TradeQuerySchema,
          response: {
            200: Type.Object({
              trades: Type.Array(TradeSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            400: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const q = request.query as PagedQuery;
        const symbol = knownSymbol(deps, q.symbol);
        checkRange(q.from, q.to);
        const page = await deps.history.queryTrades({
          symbol,
          from: q.from,
          to: q.to,
          limit: q.limit,
          cursor: q.cursor,
        });
        return { trades: page.items, nextCursor: page.nextCursor };
      },
    );
  };
