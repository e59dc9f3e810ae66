/** Live market metrics and the system's health, as REST for programs that do not stream. */
import { ErrorCode } from '@tickdeck/protocol';
import Type from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../http/app-error.js';
import { MarketMetricsSchema, ProblemSchema, SymbolParam } from '../http/schemas.js';

export const statusRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/v1/metrics',
      {
        schema: {
          tags: ['market data'],
          summary: 'Live market metrics (spread, 24h change and volume, feed latency, staleness) per symbol',
          querystring: Type.Object({ symbol: Type.Optional(SymbolParam) }, { additionalProperties: false }),
          response: { 200: Type.Object({ metrics: Type.Array(MarketMetricsSchema) }), 404: ProblemSchema },
        },
      },
      async (request) => {
        const { symbol } = request.query as { symbol?: string };
        if (symbol === undefined) {
          const metrics = await deps.live.allMetrics();
          return { metrics: metrics.sort((a, b) => (a.symbol < b.symbol ? -1 : 1)) };
        }
        const m = await deps.live.metrics(symbol.toUpperCase());
        if (!m) throw new AppError(ErrorCode.NotFound, `No metrics for ${symbol.toUpperCase()}`);
        return { metrics: [m] };
      },
    );

    app.get(
      '/api/v1/system',
      {
        schema: {
          tags: ['operations'],
          summary: 'Process and feed health: the latest sample of the `system` channel',
          response: { 200: Type.Object({}, { additionalProperties: true }), 503: ProblemSchema },
        },
      },
      async () => {
        if (!deps.system) throw new AppError(ErrorCode.Unavailable, 'System health is not sampled here');
        return deps.system();
      },
    );
  };
