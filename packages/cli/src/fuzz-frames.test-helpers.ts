/**
 * Generators of hostile WebSocket frames and REST bodies for the fuzz test, from fast-check
 * arbitraries sampled with a fixed seed (a failure replays with the same frames).
 */
import fc from 'fast-check';
import { pack } from 'msgpackr';

export interface Frame {
  data: Buffer | string;
  binary: boolean;
}

const OPS = ['subscribe', 'unsubscribe', 'ping', 'pong', 'auth', 'nope', '', 'SUBSCRIBE'];
const CHANNELS = [
  'system',
  'tickers',
  'ticker:BTC/USDT',
  'trades:BTC/USDT',
  'candles:BTC/USDT:1m',
  'orders',
  'logs:x',
  'nope:x',
  'a'.repeat(200),
  ':::',
  'ticker:',
  '',
];
const weird = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 2 ** 64, 1e-320),
  fc.constantFrom(null, true, false, '', [], {}),
  fc.string({ maxLength: 50 }),
  fc.integer(),
  fc.double(),
);

const validLooking = fc.record(
  {
    op: fc.constantFrom(...OPS),
    id: fc.oneof(fc.integer(), weird),
    t: fc.oneof(fc.double(), weird),
    token: fc.oneof(fc.string({ maxLength: 300 }), weird),
    channels: fc.oneof(
      fc.array(
        fc.oneof(
          fc.constantFrom(...CHANNELS),
          fc.record(
            {
              channel: fc.oneof(fc.constantFrom(...CHANNELS), weird),
              since: fc.oneof(
                fc.record({ epoch: fc.oneof(fc.string(), weird), seq: fc.oneof(fc.nat(), weird) }),
                weird,
              ),
              maxRateMs: fc.oneof(fc.nat(100_000), weird),
            },
            { requiredKeys: [] },
          ),
          weird,
        ),
        { maxLength: 12 },
      ),
      weird,
    ),
  },
  { requiredKeys: ['op'] },
);

const nested = fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const deepObject = fc.integer({ min: 100, max: 5000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d));

/** An arbitrary of one frame, of every kind the test names. */
export const frameArbitrary: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 4, arbitrary: validLooking.map((v) => ({ data: JSON.stringify(v), binary: false })) },
  { weight: 2, arbitrary: validLooking.map((v) => ({ data: pack(v), binary: true })) },
  {
    weight: 2,
    arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => ({ data: JSON.stringify(v), binary: false })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(validLooking, fc.nat()).map(([v, cut]) => {
      const s = JSON.stringify(v);
      return { data: s.slice(0, cut % Math.max(1, s.length)), binary: false };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => ({ data: Buffer.from(b), binary: true })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => ({ data: Buffer.from(b), binary: false })),
  },
  { weight: 1, arbitrary: nested.map((s) => ({ data: s, binary: false })) },
  { weight: 1, arbitrary: deepObject.map((s) => ({ data: s, binary: false })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ data: s, binary: false })) },
);

/** A REST body: JSON of any shape, or text that is not JSON, with a content type. */
export const bodyArbitrary: fc.Arbitrary<{ body: string; type: string }> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .jsonValue({ maxDepth: 5 })
      .map((v) => ({ body: JSON.stringify(v), type: 'application/json' })),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }).map((s) => ({ body: s, type: 'application/json' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((s) => ({ body: s, type: 'text/plain' })) },
  { weight: 1, arbitrary: nested.map((s) => ({ body: s, type: 'application/json' })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '1e999', '"\\ud800"')
      .map((body) => ({ body, type: 'application/json' })),
  },
);

/** `count` samples of `arb`, reproducible from `seed`. */
export const samples = <T>(arb: fc.Arbitrary<T>, count: number, seed: number): T[] =>
  fc.sample(arb, { numRuns: count, seed });
