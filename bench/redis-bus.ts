/**
 * bench:redis-bus — Redis pub/sub vs Streams for carrying publications to gateways, in one run: the
 * broker's design (Lua publish + pub/sub delivery + stream history) against pure Streams delivery
 * (the same Lua without PUBLISH, gateways XREAD BLOCK on the channels' streams), at several channel
 * counts and rates: latency, one publisher's rate, CPU of Redis, gateway and publisher. Also the
 * publication encodings and LiveState writes. See docs/redis.md.
 */
import { cpus } from 'node:os';
import { Child } from './lib/fanout-children.js';
import { measureCodecs } from './lib/redis-bus-codec.js';
import type { PublisherReply, PublisherRequest } from './lib/redis-bus-ipc.js';
import { measureLiveStateWrites } from './lib/redis-bus-live-state.js';
import { parseRedisBusOptions } from './lib/redis-bus-options.js';
import { codecTable, liveStateTable, runsTable } from './lib/redis-bus-report.js';
import { idleRedisCpu, runOnce, type RunFigures } from './lib/redis-bus-run.js';
import { openBenchRedis } from './lib/redis-bus-server.js';

const o = parseRedisBusOptions(process.argv.slice(2));
const started = Date.now();
const redis = await openBenchRedis();
const { child: publisher } = await Child.start<PublisherRequest, PublisherReply>('redis-bus-publisher-child');
const runs: RunFigures[] = [];
try {
  const idleCpu = await idleRedisCpu(redis.url);
  // Warm up both sides (JIT, script cache) on one channel; not reported.
  for (const design of o.designs) {
    await runOnce(
      {
        url: redis.url,
        design,
        encoding: o.encoding,
        channels: 1,
        rate: 2000,
        durationMs: 1000,
        window: o.window,
        idleCpu,
      },
      publisher,
    );
  }
  for (const channels of o.channels) {
    for (const rate of [...o.rates, ...(o.max ? [0] : [])]) {
      for (const design of o.designs) {
        process.stderr.write(`${design}, ${channels} channels, ${rate || 'max'}/s… `);
        const r = await runOnce(
          {
            url: redis.url,
            design,
            encoding: o.encoding,
            channels,
            rate,
            durationMs: o.durationMs,
            window: o.window,
            idleCpu,
          },
          publisher,
        );
        runs.push(r);
        process.stderr.write(`${Math.round(r.pubsPerSec)}/s, p99 ${r.p99.toFixed(2)} ms\n`);
      }
    }
  }
  const codecs = o.codec ? measureCodecs() : [];
  const live = o.liveState ? await measureLiveStateWrites(redis.url) : [];

  console.log(
    `\n## bench:redis-bus — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
  );
  console.log(
    `Redis: ${redis.origin}. Runs of ${o.durationMs / 1000} s, encoding ${o.encoding}, one publisher process, one gateway (this process).`,
  );
  console.log(
    `Latency is publish call → listener, across processes. Lost: published but not received. Redis µs/pub leaves out its idle CPU (${(idleCpu * 100).toFixed(1)} % of a core).\n`,
  );
  console.log(runsTable(runs));
  if (codecs.length) console.log(`\n### Publication encodings\n\n${codecTable(codecs)}`);
  if (live.length)
    console.log(
      `\n### LiveState writes (ticker + metrics + candle per step, 20 symbols)\n\n${liveStateTable(live)}`,
    );
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.`);
} finally {
  await publisher.stop();
  await redis.stop();
}
