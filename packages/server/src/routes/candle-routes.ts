/** Candle history, paged. */
import type { Timeframe } from '@tickdeck/protocol';
import Type from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { CandleSchema, ProblemSchema, TimeframeSchema } from '../http/schemas.js';
import { checkRange, knownSymbol, pagedQueryProperties, type PagedQuery } from './history-query.js';

const CandleQuerySchema = Type.Object(
  { ...pagedQueryProperties, tf: TimeframeSchema },
  { additionalProperties: false, description: "`from` and `to` bound the candles' open time" },
);

export const candleRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/v1/candles',
      {
        schema: {
          tags: ['market data'],
          summary: 'Candles of one symbol and timeframe in ascending time, with a cursor for the next page',
          querystring: CandleQuerySchema,
          response: {
            200: Type.Object({
              candles: Type.Array(CandleSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            400: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const q = request.query as PagedQuery & { tf: Timeframe };
        const symbol = knownSymbol(deps, q.symbol);
        checkRange(q.from, q.to);
        const page = await deps.history.queryCandles({
          symbol,
          timeframe: q.tf,
          from: q.from,
          to: q.to,
          limit: q.limit,
          cursor: q.cursor,
        });
        return { candles: page.items, nextCursor: page.nextCursor };
      },
    );
  };
