/**
 * Where the gateway keeps the latest value of every key of a `retain` state channel (see
 * ChannelDeclaration.retain). LiveState fits it: in memory for one process, in Redis so that every
 * gateway answers the same snapshot.
 * @module
 */
export interface RetainedStates {
  /** Store the latest value of `key` on `channel`, before the publication that carries it. */
  setState(channel: string, key: string, value: unknown): void;
  /** The latest value of `key` on `channel`, undefined if none. */
  state(channel: string, key: string): Promise<unknown>;
  /** The latest value of every key on `channel`, ordered by key. */
  states(channel: string): Promise<unknown[]>;
}
