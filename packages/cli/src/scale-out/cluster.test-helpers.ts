/**
 * A scale-out deployment for tests: one `tickdeck collector` and N `tickdeck gateway` processes (the
 * built CLI, `packages/cli/dist/main.js`), on a Redis and a PostgreSQL the test gives, each on a
 * free loopback port. Processes are ended by their PID only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/src/testing/redis-server.test-helpers.js';

export const CLI_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Why a cluster cannot be started here, or undefined. */
export const clusterSkipReason = (): string | undefined =>
  existsSync(CLI_MAIN) ? undefined : `the CLI is not built (${CLI_MAIN} missing: run npm run build)`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RoleProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly role: 'collector' | 'gateway',
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** What the process wrote so far (the last 20,000 characters), for failure messages. */
  logs(): string {
    return this.output;
  }

  /** Spawn it and wait until /health answers (at most `timeoutMs`). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error(`${this.role} on ${this.port} is running`);
    const child = spawn(process.execPath, [CLI_MAIN, this.role], {
      env: { ...process.env, ...this.env, TICKDECK_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child !== child) throw new Error(`${this.role} exited at start:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${this.role} did not answer /health:\n${this.output}`);
      await sleep(100);
    }
  }

  /** Send `signal` to its PID and wait for it to exit (SIGKILL after 10 s). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, signal);
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** GET a path; the JSON body and the status. */
  async get(path: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.json() };
  }
}

export interface ClusterOptions {
  gateways: number;
  redisUrl: string;
  databaseUrl: string;
  /** Key prefix in Redis. */
  prefix: string;
  /** Extra settings of the config file (sources, analytics…). */
  config?: Record<string, unknown>;
  /** Log level of every process. Default `warn`. */
  logLevel?: string;
}

export class Cluster {
  readonly collector: RoleProcess;
  readonly gateways: RoleProcess[] = [];

  private constructor(
    collector: RoleProcess,
    private readonly dir: string,
  ) {
    this.collector = collector;
  }

  /** Start the collector, then the gateways (in parallel). */
  static async start(o: ClusterOptions): Promise<Cluster> {
    const collectorPort = await freePort();
    const config = {
      sources: [{ kind: 'simulator', seed: 7, rate: 400, symbols: ['BTC/USDT', 'ETH/USDT'] }],
      analytics: { paperBot: { enabled: false } },
      ...o.config,
    };
    const dir = mkdtempSync(join(tmpdir(), 'tickdeck-cluster-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(config));
    const base = {
      TICKDECK_CONFIG: file,
      TICKDECK_HOST: '127.0.0.1',
      TICKDECK_LOG_LEVEL: o.logLevel ?? 'warn',
      TICKDECK_DATABASE_URL: o.databaseUrl,
      TICKDECK_REDIS_URL: o.redisUrl,
      TICKDECK_REDIS_PREFIX: o.prefix,
    };
    const collector = new RoleProcess('collector', collectorPort, base);
    const cluster = new Cluster(collector, dir);
    try {
      await collector.start();
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    for (let i = 0; i < o.gateways; i++) {
      cluster.gateways.push(
        new RoleProcess('gateway', await freePort(), {
          ...base,
          TICKDECK_COLLECTOR_URL: collector.url,
          TICKDECK_GATEWAY_ID: `gw${i + 1}`,
        }),
      );
    }
    try {
      await Promise.all(cluster.gateways.map((g) => g.start()));
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  /** Every process's logs, labelled, for failure messages. */
  logs(): string {
    return [this.collector, ...this.gateways].map((p) => `--- ${p.role} :${p.port}\n${p.logs()}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.gateways.map((g) => g.stop()));
    await this.collector.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
