/**
 * Command line of the Redis bus benchmark.
 * @module
 */
import { parseArgs } from 'node:util';
import { DESIGNS, type Design } from './redis-bus-ipc.js';

export interface RedisBusOptions {
  designs: Design[];
  channels: number[];
  /** Paced rates (publications/s over all channels); a max-rate run is added unless --no-max. */
  rates: number[];
  max: boolean;
  durationMs: number;
  window: number;
  encoding: 'json' | 'msgpack';
  codec: boolean;
  liveState: boolean;
}

const USAGE = `Usage: npm run bench:redis-bus -- [options]
  --designs pubsub,streams   which delivery designs (default both)
  --channels 1,100,1000      channels the gateway follows
  --rates 1000,5000          paced publications/s over all channels
  --no-max                   skip the as-fast-as-possible run
  --duration 3               seconds per run
  --window 64                publications in flight in the max run
  --encoding json|msgpack    publication encoding (default json)
  --no-codec --no-live-state skip the encoding and LiveState measures
Redis: TICKDECK_BENCH_REDIS_URL, else an own redis-server on a free port, else 127.0.0.1:6379.`;

const list = (s: string) =>
  s
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((n) => Number.isFinite(n) && n >= 0);

export function parseRedisBusOptions(argv: string[]): RedisBusOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      designs: { type: 'string', default: DESIGNS.join(',') },
      channels: { type: 'string', default: '1,100,1000' },
      rates: { type: 'string', default: '1000,5000' },
      'no-max': { type: 'boolean', default: false },
      duration: { type: 'string', default: '3' },
      window: { type: 'string', default: '64' },
      encoding: { type: 'string', default: 'json' },
      'no-codec': { type: 'boolean', default: false },
      'no-live-state': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const designs = values.designs.split(',').map((d) => d.trim()) as Design[];
  if (designs.some((d) => !DESIGNS.includes(d)) || !['json', 'msgpack'].includes(values.encoding)) {
    console.error(USAGE);
    process.exit(2);
  }
  return {
    designs,
    channels: list(values.channels).filter((n) => n >= 1 && n <= 10_000),
    rates: list(values.rates).filter((n) => n > 0 && n <= 200_000),
    max: !values['no-max'],
    durationMs: Math.min(60, Math.max(0.5, Number(values.duration) || 3)) * 1000,
    window: Math.min(10_000, Math.max(1, Number(values.window) || 64)),
    encoding: values.encoding as 'json' | 'msgpack',
    codec: !values['no-codec'],
    liveState: !values['no-live-state'],
  };
}
