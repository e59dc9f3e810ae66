/**
 * Holds a source's status and tells the sink about each change, so every adapter reports the same way.
 * @module
 */
import type { Clock } from '@tickdeck/core';
import type { SourceState, SourceStatus } from '@tickdeck/protocol';
import type { SourceSink } from './market-source.js';

/** A source's current status, reported to a sink on every change of state or reason. */
export class StatusReporter {
  private current: SourceStatus;
  private sink: SourceSink | undefined;
  private wasUp = false;

  constructor(
    name: string,
    kind: string,
    private readonly clock: Clock,
  ) {
    this.current = { name, kind, state: 'stopped', reason: 'not started', since: clock.now(), reconnects: 0 };
  }

  /** Where changes go from now on. */
  attach(sink: SourceSink): void {
    this.sink = sink;
  }

  status(): SourceStatus {
    return { ...this.current };
  }

  get state(): SourceState {
    return this.current.state;
  }

  /**
   * Moves to `state`; reports only if the state or the reason changed. Entering `connecting` after the
   * source has once been live counts a reconnect.
   */
  set(state: SourceState, reason?: string): void {
    const prev = this.current;
    if (prev.state === state && prev.reason === reason) return;
    let reconnects = prev.reconnects;
    if (state === 'connecting' && prev.state !== 'connecting' && this.wasUp) reconnects++;
    if (state === 'live') this.wasUp = true;
    const since = prev.state === state ? prev.since : this.clock.now();
    this.current = { ...prev, state, reason, since, reconnects };
    this.sink?.status(this.status());
  }
}
