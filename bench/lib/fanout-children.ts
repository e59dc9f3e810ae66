/**
 * Child processes of the fan-out benchmark: forked with an IPC channel, asked things by request id
 * with a timeout, and always killed by PID at the end (also on error or Ctrl-C).
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const live = new Set<ChildProcess>();

/** Kill every child still running, by PID. */
export function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });
}
process.once('exit', killAll);

/** Running from sources (tsx) the children are .ts files loaded through tsx; built, plain .js. */
const fromSources = import.meta.url.endsWith('.ts');

export interface ChildOptions {
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  args?: string[];
  /** Wait this long for the child's `ready` message. Default 30000 ms. */
  readyTimeoutMs?: number;
}

export class Child<Req extends { id: number; type: string }, Rep extends { id: number }> {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: Rep) => void; reject: (e: Error) => void }>();
  private exitError: Error | undefined;

  private constructor(readonly proc: ChildProcess) {
    proc.on('message', (m: Rep) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      w.resolve(m);
    });
    proc.on('exit', (code, signal) => {
      live.delete(proc);
      this.exitError = new Error(`child ${proc.pid} exited (${code ?? signal})`);
      for (const w of this.waiting.values()) w.reject(this.exitError);
      this.waiting.clear();
    });
  }

  /** Fork `lib/<name>` (.ts or .js) and wait for its `ready` message (returned). */
  static async start<Q extends { id: number; type: string }, P extends { id: number }>(
    name: string,
    o: ChildOptions = {},
  ): Promise<{ child: Child<Q, P>; ready: Record<string, unknown> }> {
    const file = fileURLToPath(new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url));
    const execArgv = [...(fromSources ? ['--import', 'tsx'] : []), '--expose-gc', ...(o.nodeFlags ?? [])];
    const proc = fork(file, o.args ?? [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    live.add(proc);
    const child = new Child<Q, P>(proc);
    const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} not ready in time`)),
        o.readyTimeoutMs ?? 30_000,
      );
      proc.once('message', (m: Record<string, unknown>) => {
        clearTimeout(timer);
        resolve(m);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) before ready`));
      });
    });
    return { child, ready };
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Send a request and wait for its reply. */
  ask<T extends Req['type']>(
    type: T,
    body: Omit<Extract<Req, { type: T }>, 'id' | 'type'>,
    timeoutMs: number,
  ): Promise<Extract<Rep, { type: T }>> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`child ${this.pid}: no reply to ${type} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as Extract<Rep, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.send({ ...body, id, type });
    });
  }

  /** Ask the child to exit, then kill it by PID if it has not within `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    const proc = this.proc;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    if (proc.connected) proc.disconnect();
    const timer = setTimeout(() => {
      if (proc.pid !== undefined && proc.exitCode === null) process.kill(proc.pid, 'SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}
