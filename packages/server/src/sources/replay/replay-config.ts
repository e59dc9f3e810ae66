/**
 * Settings of the replay source.
 * @module
 */
import Type, { type Static } from 'typebox';

export const ReplayConfigSchema = Type.Object(
  {
    kind: Type.Literal('replay'),
    /** Name in status reports and metrics. Default `replay`. */
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$', default: 'replay' }),
    /** The recorded file: JSON lines, CSV, or one JSON array; gzip'd or not (detected by its bytes). */
    path: Type.String({ minLength: 1 }),
    /** `auto` (default) sniffs the content; or `jsonl`, `csv`, `json-array`. */
    format: Type.Union(
      [Type.Literal('auto'), Type.Literal('jsonl'), Type.Literal('csv'), Type.Literal('json-array')],
      {
        default: 'auto',
      },
    ),
    /** Symbol of records that carry none (the freqtrade files). A record's own symbol wins. */
    symbol: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9]{1,20}/[A-Za-z0-9]{1,20}(:[A-Za-z0-9]{1,20})?$' }),
    ),
    /** Timeframe of candle records that carry none; otherwise taken from the file name (`…-1m.json`). */
    timeframe: Type.Optional(Type.Union(['1m', '5m', '15m', '1h', '4h', '1d'].map((t) => Type.Literal(t)))),
    /** 1 = real time, N = N times faster, `max` = as fast as the pipeline takes them. Default 1. */
    speed: Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }), Type.Literal('max')], {
      default: 1,
    }),
    /** Longest wait between two events, ms, after scaling by speed: skips long pauses. Default 60,000. */
    maxGapMs: Type.Integer({ minimum: 0, default: 60_000 }),
    /** Start again at the end; each pass shifts timestamps by whole days so they keep growing. Default false. */
    loop: Type.Boolean({ default: false }),
    /**
     * `original` (default) keeps the file's timestamps; `clock` restamps each event with the time it is
     * played, so a live pipeline treats the recording as live data.
     */
    timestamps: Type.Union([Type.Literal('original'), Type.Literal('clock')], { default: 'original' }),
  },
  { additionalProperties: false },
);

export type ReplayConfig = Static<typeof ReplayConfigSchema>;
