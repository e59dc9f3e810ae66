/**
 * The Redis bus benchmark's publisher process: one connection, publications paced at a rate over the
 * channels (round robin) or as fast as a window of in-flight publications allows.
 * @module
 */
import { RedisBroker, createRedis, encodeData } from '@tickdeck/server';
import { wallNow, type PublishJob, type PublishOutcome, type PublisherRequest } from './redis-bus-ipc.js';
import { streamPublisher } from './redis-bus-streams.js';

/** About 150 bytes of JSON, like a ticker; `t` is the send time the receiver measures from. */
const payload = (t: number, i: number) => ({
  t,
  s: 'BTC/USDT',
  last: 43251.12 + (i % 100),
  bid: 43251.1,
  ask: 43251.2,
  v: 12345.678,
  n: i,
});

async function run(job: PublishJob): Promise<PublishOutcome> {
  const client = createRedis(job.url);
  const broker = new RedisBroker({ client, prefix: job.prefix, encoding: job.encoding });
  const streams = streamPublisher(client, job.prefix);
  const publish =
    job.design === 'pubsub'
      ? (ch: string, i: number) => broker.publish(ch, payload(wallNow(), i))
      : (ch: string, i: number) => {
          const time = Date.now();
          return streams(ch, time, encodeData(payload(wallNow(), i), job.encoding));
        };
  await client.ping();
  let sent = 0;
  let inFlight = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + job.durationMs;
  await new Promise<void>((resolve) => {
    const send = () => {
      const i = sent++;
      inFlight++;
      publish(job.channels[i % job.channels.length]!, i).then(
        () => {
          inFlight--;
          if (job.rate === 0) pump();
        },
        () => {
          inFlight--;
          failed++;
        },
      );
    };
    const pump = () => {
      const now = performance.now();
      if (now >= end) {
        if (inFlight === 0) resolve();
        else setTimeout(pump, 5);
        return;
      }
      const target = job.rate === 0 ? Infinity : Math.floor((job.rate * (now - start)) / 1000);
      while (sent < target && inFlight < job.window) send();
      if (job.rate > 0) setTimeout(pump, 2);
    };
    pump();
    if (job.rate === 0) setTimeout(pump, job.durationMs + 5);
  });
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  await broker.close();
  await client.quit();
  return { published: sent - failed, failed, elapsedMs, cpuUs: cpu.user + cpu.system };
}

process.on('message', (m: PublisherRequest) => {
  if (m.type !== 'run') return;
  run(m.job).then(
    (outcome) => process.send!({ id: m.id, type: 'run', ...outcome }),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
