/** A sink that keeps everything a source gives it. */
import type { RawMarketEvent } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';
import type { SourceSink } from '../market-source.js';

export interface CollectSink extends SourceSink {
  events: RawMarketEvent[];
  statuses: SourceStatus[];
  /** States in the order reported. */
  states(): string[];
}

export function collectSink(onEvent?: (e: RawMarketEvent) => void): CollectSink {
  const events: RawMarketEvent[] = [];
  const statuses: SourceStatus[] = [];
  return {
    events,
    statuses,
    event: (e) => {
      events.push(e);
      onEvent?.(e);
    },
    status: (s) => statuses.push(s),
    states: () => statuses.map((s) => s.state),
  };
}

/** Polls `cond` on real time until it holds or `ms` pass. */
export async function waitFor(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Path of a file in the shared test data, beside the repository (or under TICKDECK_TESTDATA). */
export function testDataPath(rel: string): string {
  const base = process.env.TICKDECK_TESTDATA;
  if (base) return `${base.replace(/\/$/, '')}/${rel}`;
  return new URL(`../../../../../../shared/testdata/${rel}`, import.meta.url).pathname;
}
