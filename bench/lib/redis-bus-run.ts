/**
 * One run of the Redis bus benchmark: a gateway (this process) follows `channels` channels with one
 * design, the publisher process publishes on them, and we measure publish→receive latency, the
 * publisher's rate and the CPU of Redis, the gateway and the publisher.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { RedisBroker, createRedis, type BrokerPublication } from '@tickdeck/server';
import type { Child } from './fanout-children.js';
import { LatencyHistogram } from './fanout-histogram.js';
import { wallNow, type Design, type PublisherReply, type PublisherRequest } from './redis-bus-ipc.js';
import { StreamsReader } from './redis-bus-streams.js';
import { deleteBenchKeys, redisCpuSeconds } from './redis-bus-server.js';

export interface RunPlan {
  url: string;
  design: Design;
  encoding: 'json' | 'msgpack';
  channels: number;
  /** 0: as fast as the window allows. */
  rate: number;
  durationMs: number;
  window: number;
  /** Redis CPU while idle, seconds per second: subtracted from the per-publication figure. */
  idleCpu: number;
}

export interface RunFigures extends RunPlan {
  published: number;
  received: number;
  failed: number;
  pubsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  /** Redis CPU over the run, % of one core. */
  redisCpuPct: number;
  /** Redis CPU per publication, its idle CPU taken out. */
  redisUsPerPub: number;
  gatewayUsPerPub: number;
  publisherUsPerPub: number;
}

/** Redis CPU while nothing happens, seconds per second, over `ms`. */
export async function idleRedisCpu(url: string, ms = 1000): Promise<number> {
  const admin = createRedis(url);
  try {
    const c0 = await redisCpuSeconds(admin);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, ms));
    return ((await redisCpuSeconds(admin)) - c0) / ((performance.now() - t0) / 1000);
  } finally {
    await admin.quit();
  }
}

export async function runOnce(
  plan: RunPlan,
  publisher: Child<PublisherRequest, PublisherReply>,
): Promise<RunFigures> {
  const prefix = `tickdeck-bench:${randomBytes(4).toString('hex')}:`;
  const channels = Array.from({ length: plan.channels }, (_, i) => `ticker:S${i}/USDT`);
  const admin = createRedis(plan.url);
  const gatewayClient = createRedis({ url: plan.url, commandTimeoutMs: 30_000 });
  const hist = new LatencyHistogram();
  let received = 0;
  const onPub = (p: BrokerPublication) => {
    received++;
    hist.record(wallNow() - (p.data as { t: number }).t);
  };
  let stopReceiver: () => Promise<void>;
  if (plan.design === 'pubsub') {
    const broker = new RedisBroker({ client: gatewayClient, prefix });
    for (const ch of channels) await broker.subscribe(ch, onPub);
    stopReceiver = () => broker.close();
  } else {
    const reader = new StreamsReader(gatewayClient, prefix, channels, onPub);
    stopReceiver = () => reader.stop();
  }
  try {
    const redis0 = await redisCpuSeconds(admin);
    const gw0 = process.cpuUsage();
    const t0 = performance.now();
    const job = { url: plan.url, prefix, design: plan.design, encoding: plan.encoding, channels };
    const out = await publisher.ask(
      'run',
      { job: { ...job, rate: plan.rate, durationMs: plan.durationMs, window: plan.window } },
      plan.durationMs + 60_000,
    );
    const deadline = Date.now() + 10_000;
    while (received < out.published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const wallMs = performance.now() - t0;
    const gw = process.cpuUsage(gw0);
    const redisSec = (await redisCpuSeconds(admin)) - redis0;
    const n = Math.max(1, out.published);
    return {
      ...plan,
      published: out.published,
      received,
      failed: out.failed,
      pubsPerSec: (out.published / out.elapsedMs) * 1000,
      p50: hist.quantile(0.5),
      p99: hist.quantile(0.99),
      max: hist.maxMs,
      redisCpuPct: ((redisSec * 1000) / wallMs) * 100,
      redisUsPerPub: (Math.max(0, redisSec - (plan.idleCpu * wallMs) / 1000) * 1e6) / n,
      gatewayUsPerPub: (gw.user + gw.system) / n,
      publisherUsPerPub: out.cpuUs / n,
    };
  } finally {
    await stopReceiver();
    await deleteBenchKeys(admin, prefix);
    gatewayClient.disconnect();
    await admin.quit();
  }
}
