/**
 * Settings of the ZeroMQ source.
 * @module
 */
import Type, { type Static } from 'typebox';

export const ZeromqConfigSchema = Type.Object(
  {
    kind: Type.Literal('zeromq'),
    /** Name in status reports and metrics. Default `zeromq`. */
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$', default: 'zeromq' }),
    /** The feed's PUB endpoint, e.g. `tcp://127.0.0.1:5556` or `ipc:///run/feed.sock`. */
    endpoint: Type.String({ pattern: '^(tcp|ipc|inproc)://.+' }),
    /** Topic prefixes to subscribe to (ZeroMQ prefix matching). Default `[]`: everything. */
    topics: Type.Array(Type.String({ maxLength: 255 }), { default: [] }),
    /** Silence after which the source is reported stale, ms. Default 10,000. */
    staleAfterMs: Type.Integer({ minimum: 100, default: 10_000 }),
    /** Malformed messages tolerated per `decodeWindowMs` before the source reports failed. Default 20. */
    maxDecodeErrors: Type.Integer({ minimum: 0, default: 20 }),
    /** Window of `maxDecodeErrors`, ms. Default 10,000. */
    decodeWindowMs: Type.Integer({ minimum: 100, default: 10_000 }),
    /** ZeroMQ's first reconnect delay, ms; it doubles up to `reconnectMaxMs`. Default 100. */
    reconnectMinMs: Type.Integer({ minimum: 1, default: 100 }),
    /** ZeroMQ's reconnect delay cap, ms. Default 10,000. */
    reconnectMaxMs: Type.Integer({ minimum: 1, default: 10_000 }),
  },
  { additionalProperties: false },
);

export type ZeromqConfig = Static<typeof ZeromqConfigSchema>;
