/**
 * What a client worker measures: per-topic order and loss by the publisher's numbers, latency from
 * the publication stamp to receipt (measurement window only), and unexpected disconnects.
 * @module
 */
import { LatencyHistogram } from './fanout-histogram.js';
import type { WorkerResult } from './fanout-ipc.js';
import type { TickPayload } from './fanout-payload.js';

/** One client's position per topic. */
export type ClientSeqs = Map<string, number>;

export class Recorder {
  readonly latency = new LatencyHistogram();
  received = 0;
  measured = 0;
  gaps = 0;
  disorder = 0;
  disconnects = 0;
  readonly closeCodes = new Map<string, number>();
  private readonly last = new Map<string, number>();
  private readonly clients: ClientSeqs[] = [];
  private cpu = process.cpuUsage();

  /** A new client's per-topic positions, cleared by {@link reset}. */
  newClient(): ClientSeqs {
    const seqs: ClientSeqs = new Map();
    this.clients.push(seqs);
    return seqs;
  }

  record(seqs: ClientSeqs, d: TickPayload, now: number): void {
    this.received++;
    const prev = seqs.get(d.s) ?? 0;
    if (d.n > prev) {
      this.gaps += d.n - prev - 1;
      seqs.set(d.s, d.n);
      if (d.n > (this.last.get(d.s) ?? 0)) this.last.set(d.s, d.n);
    } else {
      this.disorder++;
    }
    if (d.m === 1) {
      this.measured++;
      this.latency.record(now - d.t);
    }
  }

  disconnected(code: string): void {
    this.disconnects++;
    this.closeCodes.set(code, (this.closeCodes.get(code) ?? 0) + 1);
  }

  /** Start a new measurement: the publisher numbers from 1 again. */
  reset(): void {
    for (const c of this.clients) c.clear();
    this.last.clear();
    this.latency.reset();
    this.received = this.measured = this.gaps = this.disorder = this.disconnects = 0;
    this.closeCodes.clear();
    this.cpu = process.cpuUsage();
  }

  result(): WorkerResult {
    const cpu = process.cpuUsage(this.cpu);
    return {
      received: this.received,
      measured: this.measured,
      gaps: this.gaps,
      disorder: this.disorder,
      disconnects: this.disconnects,
      closeCodes: Object.fromEntries(this.closeCodes),
      latency: this.latency.toData(),
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      lastByTopic: Object.fromEntries(this.last),
    };
  }
}
