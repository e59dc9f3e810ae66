/**
 * CPU time of Chromium's processes (DevTools protocol `SystemInfo.getProcessInfo`), so the
 * benchmark can report what the dashboard costs in CPU: on a shared machine wall-clock figures
 * stretch with the load average, CPU time much less.
 * @module
 */
import type { Browser, CDPSession } from 'playwright-core';

/** CPU seconds of each process at one moment, by process id. */
export type CpuSnapshot = Map<number, { type: string; cpuSeconds: number }>;

/** CPU used between two snapshots, ms: renderer processes, and every Chromium process. */
export interface CpuUsed {
  rendererMs: number;
  totalMs: number;
}

export class BrowserCpu {
  private constructor(private readonly session: CDPSession) {}

  static async attach(browser: Browser): Promise<BrowserCpu> {
    return new BrowserCpu(await browser.newBrowserCDPSession());
  }

  async snapshot(): Promise<CpuSnapshot> {
    const { processInfo } = await this.session.send('SystemInfo.getProcessInfo');
    return new Map(processInfo.map((p) => [p.id, { type: p.type, cpuSeconds: p.cpuTime }]));
  }
}

/**
 * What ran between `before` and `after`; a process that started in between counts from zero, one
 * that ended is not counted (its last interval is lost).
 * @example cpuUsed(new Map(), new Map([[7, { type: 'renderer', cpuSeconds: 0.25 }]])) // { rendererMs: 250, totalMs: 250 }
 */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): CpuUsed {
  let rendererMs = 0;
  let totalMs = 0;
  for (const [id, p] of after) {
    const ms = Math.max(0, (p.cpuSeconds - (before.get(id)?.cpuSeconds ?? 0)) * 1000);
    totalMs += ms;
    if (p.type === 'renderer') rendererMs += ms;
  }
  return { rendererMs, totalMs };
}
