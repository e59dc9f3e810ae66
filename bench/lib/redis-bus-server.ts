/**
 * The Redis the bus benchmark runs against: TICKDECK_BENCH_REDIS_URL if set, else a redis-server of
 * its own on a free port (so that its CPU figures are the benchmark's alone), else 127.0.0.1:6379.
 * Also reads the server's CPU time and removes the benchmark's keys.
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { createRedis } from '@tickdeck/server';

type Redis = ReturnType<typeof createRedis>;

export interface BenchRedis {
  url: string;
  /** Where it came from, for the report. */
  origin: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });

export async function openBenchRedis(): Promise<BenchRedis> {
  const url = process.env.TICKDECK_BENCH_REDIS_URL;
  if (url) return { url, origin: 'TICKDECK_BENCH_REDIS_URL', stop: async () => {} };
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0)
    return {
      url: 'redis://127.0.0.1:6379',
      origin: 'shared server (redis-server not on PATH)',
      stop: async () => {},
    };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tickdeck-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child: ChildProcess = spawn('redis-server', [...args, '--daemonize', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 25));
  }
  const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    url: `redis://127.0.0.1:${port}`,
    origin: `own process (${version.split(' ').slice(0, 3).join(' ')})`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server's CPU time so far (user + system), seconds. */
export async function redisCpuSeconds(client: Redis): Promise<number> {
  const info = await client.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** SCAN + UNLINK every key under `prefix` (bounded). */
export async function deleteBenchKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  for (let round = 0; round < 10_000; round++) {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
    if (cursor === '0') return;
  }
}
