/** Candle history, paged. */
import type { Timeframe } from '@tickdeck/protocol';
import Type from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { CandleSchema, ProblemSchema, SymbolParam, TimeframeSchema } from '../http/schemas.js';
import { MAX_QUERY_LIMIT } from '../store/history-store.js';
import { checkRange, knownSymbol } from './history-query.js';

const CandleQuerySchema = Type.Object(
  {
    symbol: SymbolParam,
    tf: TimeframeSchema,
    from: Type.Optional(Type.Integer({ minimum: 0, description: 'Inclusive, open time ms' })),
    to: Type.Optional(Type.Integer({ minimum: 0, description: 'Exclusive, open time ms' })),
    limit: Type.Integer({ minimum: 1, maximum: MAX_QUERY_LIMIT, default: 1000 }),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
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
        const q = request.query as {
          symbol: string;
          tf: Timeframe;
          from?: number;
          to?: number;
          limit: number;
          cursor?: string;
        };
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
