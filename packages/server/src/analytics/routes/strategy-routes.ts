/** The paper bot (state, start, stop, parameters), indicator series and backtests. */
import type { IndicatorParams } from '@tickdeck/core';
import { ErrorCode, type Timeframe } from '@tickdeck/protocol';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../http/app-error.js';
import { ProblemSchema, SymbolParam, TimeframeSchema } from '../../http/schemas.js';
import type { PaperBotConfig } from '../analytics-config.js';
import type { AnalyticsServices } from '../analytics-services.js';
import { backtest, type BacktestRequest } from '../backtest-service.js';
import { sendProblem, ValidationProblemSchema } from './route-helpers.js';

const Period = Type.Optional(Type.Integer({ minimum: 2, maximum: 500 }));
const Strategy = Type.Union([Type.Literal('ema_cross'), Type.Literal('rsi_reversion')]);
const Params = Type.Record(Type.String({ maxLength: 32 }), Type.Number(), { maxProperties: 16 });
const Num = (o: object = {}) => Type.Optional(Type.Number({ minimum: 0, ...o }));

const PaperPatch = Type.Object(
  {
    strategy: Type.Optional(Strategy),
    params: Type.Optional(Params),
    symbol: Type.Optional(SymbolParam),
    timeframe: Type.Optional(TimeframeSchema),
    orderQuote: Num({ exclusiveMinimum: 0 }),
    feeRate: Num({ maximum: 0.1 }),
    slippageBps: Num({ maximum: 1000 }),
    stopLossPct: Num({ maximum: 100 }),
    takeProfitPct: Num(),
  },
  { additionalProperties: false },
);

const CandleIn = Type.Object({
  time: Type.Integer({ minimum: 0 }),
  open: Type.Number(),
  high: Type.Number(),
  low: Type.Number(),
  close: Type.Number({ exclusiveMinimum: 0 }),
  volume: Type.Number({ minimum: 0 }),
  trades: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const BacktestBodySchema = Type.Object(
  {
    strategy: Strategy,
    params: Type.Optional(Params),
    symbol: SymbolParam,
    timeframe: TimeframeSchema,
    from: Type.Optional(Type.Integer({ minimum: 0 })),
    to: Type.Optional(Type.Integer({ minimum: 0 })),
    candles: Type.Optional(Type.Array(CandleIn, { maxItems: 200_000 })),
    orderQuote: Num({ exclusiveMinimum: 0 }),
    feeRate: Num({ maximum: 0.1 }),
    slippageBps: Num({ maximum: 1000 }),
    stopLossPct: Num({ maximum: 100 }),
    takeProfitPct: Num(),
    spreadBps: Num({ maximum: 10_000 }),
    startingCash: Num(),
    periodsPerYear: Num({ exclusiveMinimum: 0, maximum: 366 }),
    riskFreeRate: Type.Optional(Type.Number({ minimum: -1, maximum: 1 })),
  },
  { additionalProperties: false },
);

export const strategyRoutes =
  (s: AnalyticsServices): FastifyPluginAsync =>
  async (app) => {
    const paper = () => {
      if (s.paper === null) throw new AppError(ErrorCode.NotFound, 'the paper bot is not configured');
      return s.paper;
    };
    const view = () => ({
      config: paper().currentConfig(),
      running: paper().running,
      state: paper().state(),
    });

    app.get(
      '/api/v1/paper',
      { schema: { tags: ['paper bot'], summary: 'Paper bot settings and state' } },
      async () => view(),
    );

    app.post(
      '/api/v1/paper/start',
      {
        schema: {
          tags: ['paper bot'],
          summary: 'Start or restart the paper bot, optionally with new settings (a new strategy instance)',
          body: Type.Optional(PaperPatch),
          response: { 400: ValidationProblemSchema },
        },
      },
      async (request, reply) => {
        const patch = (request.body ?? {}) as Partial<PaperBotConfig>;
        const next = { ...paper().currentConfig(), ...patch };
        if (patch.strategy !== undefined && patch.params === undefined) next.params = {};
        const r = await paper().start(next);
        if (!r.ok)
          return sendProblem(reply, ErrorCode.BadRequest, r.message, { reason: r.code, field: r.field });
        return view();
      },
    );

    app.post(
      '/api/v1/paper/stop',
      { schema: { tags: ['paper bot'], summary: 'Stop the paper bot' } },
      async () => {
        paper().stop();
        return view();
      },
    );

    app.get(
      '/api/v1/indicators',
      {
        schema: {
          tags: ['market data'],
          summary: 'EMA, Bollinger, RSI and MACD over the latest candles (docs/metrics.md, Indicators)',
          querystring: Type.Object(
            {
              symbol: SymbolParam,
              tf: TimeframeSchema,
              emaPeriod: Period,
              bbPeriod: Period,
              bbStdDev: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
              rsiPeriod: Period,
              macdFast: Period,
              macdSlow: Period,
              macdSignal: Period,
            },
            { additionalProperties: false },
          ),
          response: { 400: ValidationProblemSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { symbol, tf, ...params } = request.query as {
          symbol: string;
          tf: Timeframe;
        } & Partial<IndicatorParams>;
        const sym = symbol.toUpperCase();
        if (!s.isKnownSymbol(sym)) throw new AppError(ErrorCode.NotFound, `Unknown symbol ${sym}`);
        return { symbol: sym, timeframe: tf, points: await s.indicators.series(sym, tf, params) };
      },
    );

    app.post(
      '/api/v1/backtests',
      {
        bodyLimit: 32 * 1_048_576,
        schema: {
          tags: ['backtest'],
          summary: 'Run a backtest synchronously over stored candles (from/to) or the candles given',
          body: BacktestBodySchema,
          response: { 400: ValidationProblemSchema },
        },
      },
      async (request, reply) => {
        const body = request.body as BacktestRequest;
        const r = await backtest(s.history, body, s.config.maxBacktestCandles);
        if (!r.ok)
          return sendProblem(reply, ErrorCode.BadRequest, r.message, { reason: r.code, field: r.field });
        return { candles: r.candles, ...r.result };
      },
    );
  };
