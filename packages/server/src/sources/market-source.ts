/**
 * MarketSource: where market data comes from (simulator, replay file, ccxt exchange, ZeroMQ feed).
 *
 * A source emits raw events to its sink; the pipeline normalizes and validates them, so a source never
 * needs to trust its upstream. A source reports every change of its status, reconnects by itself with
 * backoff after a failure, and never throws out of `start` for a run-time loss of its upstream.
 * @module
 */
import type { RawMarketEvent } from '@tickdeck/core';
import type { SourceStatus } from '@tickdeck/protocol';

export type { RawMarketEvent };

export interface SourceSink {
  event(event: RawMarketEvent): void;
  status(status: SourceStatus): void;
}

export interface MarketSource {
  readonly name: string;
  readonly kind: string;
  /** Begin producing; resolves once the source has started trying (not when it is live). */
  start(sink: SourceSink): Promise<void>;
  /** Stop producing and release every resource; idempotent. */
  stop(): Promise<void>;
  status(): SourceStatus;
}
