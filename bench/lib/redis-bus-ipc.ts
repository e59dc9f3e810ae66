/**
 * Messages between the Redis bus benchmark and its publisher process.
 * @module
 */

/** (1) Lua publish + pub/sub delivery + stream history; (2) the same Lua without PUBLISH, gateways XREAD BLOCK. */
export type Design = 'pubsub' | 'streams';
export const DESIGNS: readonly Design[] = ['pubsub', 'streams'];
export const DESIGN_LABELS: Record<Design, string> = {
  pubsub: 'Lua + pub/sub (chosen)',
  streams: 'Lua + XREAD BLOCK',
};

export interface PublishJob {
  url: string;
  prefix: string;
  design: Design;
  encoding: 'json' | 'msgpack';
  channels: string[];
  /** Publications per second over all channels (round robin); 0: as fast as `window` allows. */
  rate: number;
  durationMs: number;
  /** Most publications in flight at once. */
  window: number;
}

export interface PublishOutcome {
  published: number;
  failed: number;
  elapsedMs: number;
  cpuUs: number;
}

export type PublisherRequest = { id: number; type: 'run'; job: PublishJob };
export type PublisherReply = { id: number; type: 'run' } & PublishOutcome;

/** Wall-clock ms with sub-ms precision, comparable between processes on one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();
