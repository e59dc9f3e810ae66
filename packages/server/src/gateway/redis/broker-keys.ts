/**
 * Names of a channel's Redis keys and pub/sub channel. The meta hash and the stream share a hash tag,
 * so the publish script touches one Cluster slot.
 * @module
 */
export class BrokerKeys {
  constructor(readonly prefix: string) {}

  /** Hash: `e` the epoch, `s` the seq of the latest publication. */
  meta(channel: string): string {
    return `${this.prefix}{${channel}}:meta`;
  }

  /** Stream: the history, one entry per publication, id `<seq>-0`, field `p` the payload. */
  stream(channel: string): string {
    return `${this.prefix}{${channel}}:stream`;
  }

  /** Pub/sub channel carrying the payloads. */
  pubsub(channel: string): string {
    return this.prefix + channel;
  }
}
