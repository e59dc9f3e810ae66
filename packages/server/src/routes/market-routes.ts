/** Symbols and the latest tickers. */
import Type from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { MarketTypeSchema, TickerSchema } from '../http/schemas.js';

export const marketRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/v1/symbols',
      {
        schema: {
          tags: ['market data'],
          summary: 'Every market tickdeck follows',
          response: {
            200: Type.Object({
              symbols: Type.Array(
                Type.Object({ symbol: Type.String(), type: MarketTypeSchema, source: Type.String() }),
              ),
            }),
          },
        },
      },
      async () => ({ symbols: deps.markets() }),
    );

    app.get(
      '/api/v1/tickers',
      {
        schema: {
          tags: ['market data'],
          summary: 'The latest ticker of every symbol',
          response: { 200: Type.Object({ tickers: Type.Array(TickerSchema) }) },
        },
      },
      async () => {
        const tickers = await deps.live.tickers();
        tickers.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
        return { tickers };
      },
    );
  };
