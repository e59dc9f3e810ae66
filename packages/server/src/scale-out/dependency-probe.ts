/**
 * A dependency checked on a timer (PostgreSQL answering `SELECT 1`, the collector's /health), so that
 * /ready and the system page say at once what is away, without waiting on it per request.
 * @module
 */
import type { DependencyStatus } from '@tickdeck/protocol';

export class DependencyProbe {
  private last: DependencyStatus;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly name: string,
    /** Resolves when the dependency answers; rejects (or times out) when it does not. */
    private readonly check: () => Promise<unknown>,
    private readonly timeoutMs = 2000,
  ) {
    this.last = { name, state: 'degraded', detail: 'not checked yet' };
  }

  async start(everyMs = 2000): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), everyMs);
    this.timer.unref();
  }

  async probe(): Promise<DependencyStatus> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.check(),
        new Promise((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
      this.last = { name: this.name, state: 'up' };
    } catch (err) {
      this.last = { name: this.name, state: 'down', detail: (err as Error).message };
    } finally {
      clearTimeout(timeout);
    }
    return this.last;
  }

  status = (): DependencyStatus => this.last;

  stop(): void {
    clearInterval(this.timer);
  }
}
