/**
 * The publisher inside the server child: every `1000 / rate` ms, one update on each topic, stamped
 * with the time it was due. Late timers catch up (the due ticks are published at once), so the rate
 * holds on average under load, and the delay shows in the latency.
 * @module
 */
import type { PublishPlan } from './fanout-ipc.js';
import { makeTick, type TickPayload } from './fanout-payload.js';

export interface PublishOutcome {
  /** Publications per topic (warm-up included). */
  perTopic: number;
  measuredPerTopic: number;
  /** Largest delay of a tick behind its schedule, ms (the server child could not keep up). */
  lagMaxMs: number;
}

/**
 * Run `plan`, calling `onMeasureStart` just before the first publication of the measurement window.
 * Resolves when the last publication was made.
 */
export function runPublisher(
  plan: PublishPlan,
  publish: (topic: string, d: TickPayload) => void,
  onMeasureStart: () => void,
): Promise<PublishOutcome> {
  const interval = 1000 / plan.rate;
  const warmupTicks = Math.round(plan.warmupMs / interval);
  const totalTicks = warmupTicks + Math.max(1, Math.round(plan.measureMs / interval));
  const start = performance.now();
  let tick = 0;
  let lagMaxMs = 0;
  return new Promise((resolve) => {
    const step = () => {
      const now = performance.now();
      while (tick < totalTicks && start + tick * interval <= now) {
        const measured = tick >= warmupTicks;
        if (tick === warmupTicks) onMeasureStart();
        const n = tick + 1;
        const due = start + tick * interval;
        lagMaxMs = Math.max(lagMaxMs, now - due);
        const t = performance.timeOrigin + due;
        for (const topic of plan.topics) publish(topic, makeTick(topic, n, measured, t));
        tick++;
      }
      if (tick >= totalTicks) {
        resolve({ perTopic: totalTicks, measuredPerTopic: totalTicks - warmupTicks, lagMaxMs });
        return;
      }
      setTimeout(step, Math.max(0, start + tick * interval - performance.now()));
    };
    step();
  });
}
