/**
 * Prometheus metrics of the process, the pipeline and the sources (the gateway registers its own).
 * Process metrics (CPU, memory, event-loop lag) come from prom-client's default collectors.
 * @module
 */
import type { PipelineStats } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import { collectDefaultMetrics, Gauge, type Registry } from 'prom-client';

const SOURCE_STATES = ['connecting', 'live', 'stale', 'failed', 'stopped'] as const;

export function registerRuntimeMetrics(
  registry: Registry,
  pipeline: () => PipelineStats,
  sources: () => SourceStatus[],
): void {
  collectDefaultMetrics({ register: registry, prefix: 'tickdeck_' });

  new Gauge({
    name: 'tickdeck_pipeline_events_in_total',
    help: 'Market events received by the pipeline, per source (counter semantics)',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [source, s] of Object.entries(pipeline().sources)) this.set({ source }, s.in);
    },
  });
  new Gauge({
    name: 'tickdeck_pipeline_events_out_total',
    help: 'Market events accepted by the pipeline, per source (counter semantics)',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [source, s] of Object.entries(pipeline().sources)) this.set({ source }, s.out);
    },
  });
  new Gauge({
    name: 'tickdeck_pipeline_events_dropped_total',
    help: 'Market events dropped by the pipeline, per source and reason (counter semantics)',
    labelNames: ['source', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [source, s] of Object.entries(pipeline().sources)) {
        for (const [reason, n] of Object.entries(s.dropped)) if (n > 0) this.set({ source, reason }, n);
      }
    },
  });
  new Gauge({
    name: 'tickdeck_pipeline_processing_microseconds',
    help: 'Time spent per event in the pipeline since start, by quantile',
    labelNames: ['quantile'],
    registers: [registry],
    collect() {
      this.reset();
      const p = pipeline().processingUs;
      for (const [q, key] of [
        ['0.5', 'p50'],
        ['0.9', 'p90'],
        ['0.99', 'p99'],
        ['1', 'max'],
      ] as const) {
        this.set({ quantile: q }, p[key]);
      }
    },
  });
  new Gauge({
    name: 'tickdeck_source_state',
    help: 'State of each source: 1 for its current state, 0 for the others',
    labelNames: ['source', 'kind', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of sources()) {
        for (const state of SOURCE_STATES)
          this.set({ source: s.name, kind: s.kind, state }, s.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'tickdeck_source_reconnects_total',
    help: 'Times each source went back to connecting after being live (counter semantics)',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of sources()) this.set({ source: s.name }, s.reconnects);
    },
  });
}
