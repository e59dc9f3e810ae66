/**
 * A redis-server process of a test's own, on a free loopback port, without persistence: killing it
 * loses its data, as a Redis restart without persistence does. Stopped by its PID only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` can be started here. */
export const haveRedisServer = (): boolean =>
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export const isCi = process.env.CI === 'true' || process.env.CI === '1';

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class RedisServerProcess {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'tickdeck-redis-'));

  private constructor(
    readonly port: number,
    /** Sentinel mode: the master it watches, as group `name`. */
    private readonly sentinelOf?: { name: string; port: number },
  ) {}

  static async start(): Promise<RedisServerProcess> {
    const server = new RedisServerProcess(await freePort());
    await server.restart();
    return server;
  }

  /** A Sentinel watching `master` as group `name` (quorum 1). */
  static async sentinel(name: string, master: RedisServerProcess): Promise<RedisServerProcess> {
    const server = new RedisServerProcess(await freePort(), { name, port: master.port });
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Start (again) on the same port; resolves once it accepts connections (at most 10 s). */
  async restart(): Promise<void> {
    if (this.child) throw new Error('redis-server is running');
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--daemonize', 'no', '--dir', this.dir];
    if (this.sentinelOf) {
      // Sentinel rewrites its configuration file, so it gets one of its own.
      const conf = join(this.dir, 'sentinel.conf');
      const { name, port } = this.sentinelOf;
      writeFileSync(conf, `sentinel monitor ${name} 127.0.0.1 ${port} 1\n`);
      args.unshift(conf, '--sentinel');
    } else {
      args.push('--save', '', '--appendonly', 'no');
    }
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port))) {
      if (Date.now() > deadline || this.child !== child) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** SIGKILL the process (by its PID) and wait for it to exit (at most 10 s). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    this.child = undefined;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
