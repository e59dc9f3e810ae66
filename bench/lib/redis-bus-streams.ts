/**
 * Design (2) of the Redis bus benchmark: publications numbered and stored by the broker's Lua script
 * minus its PUBLISH, and gateways reading the channels' streams with XREAD BLOCK.
 * @module
 */
import {
  decodePublication,
  PUBLISH_SCRIPT,
  type BrokerPublication,
  type createRedis,
} from '@tickdeck/server';

type Redis = ReturnType<typeof createRedis>;

/** The broker's own publish script without its PUBLISH: the same numbering and history, no push. */
const STREAM_PUBLISH = PUBLISH_SCRIPT.replace(/^redis\.call\('PUBLISH'.*\n/m, '');
if (STREAM_PUBLISH === PUBLISH_SCRIPT)
  throw new Error('the broker publish script no longer ends with PUBLISH');

export const metaKey = (prefix: string, channel: string) => `${prefix}{${channel}}:meta`;
export const streamKey = (prefix: string, channel: string) => `${prefix}{${channel}}:stream`;

export function streamPublisher(client: Redis, prefix: string) {
  client.defineCommand('benchStreamPublish', { numberOfKeys: 2, lua: STREAM_PUBLISH });
  const call = (client as unknown as Record<string, (...a: unknown[]) => Promise<[string, number]>>)
    .benchStreamPublish!;
  let n = 0;
  return (channel: string, time: number, data: string | Buffer) =>
    call.call(
      client,
      metaKey(prefix, channel),
      streamKey(prefix, channel),
      `bench${n++}`,
      String(time),
      data,
      1000,
      300_000,
      86_400_000,
    );
}

/** One gateway connection blocked on every followed channel's stream, re-issuing XREAD after each reply. */
export class StreamsReader {
  private running = true;
  private readonly ids: string[];
  private readonly index = new Map<string, number>();
  readonly done: Promise<void>;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly channels: string[],
    private readonly onPub: (pub: BrokerPublication) => void,
  ) {
    this.ids = channels.map(() => '0-0');
    channels.forEach((c, i) => this.index.set(streamKey(prefix, c), i));
    this.done = this.loop();
  }

  stop(): Promise<void> {
    this.running = false;
    return this.done;
  }

  private async loop(): Promise<void> {
    const keys = this.channels.map((c) => streamKey(this.prefix, c));
    while (this.running) {
      const res = (await this.client.xreadBuffer(
        'COUNT',
        100,
        'BLOCK',
        200,
        'STREAMS',
        ...keys,
        ...this.ids,
      )) as [Buffer, [Buffer, Buffer[]][]][] | null;
      if (!res) continue;
      for (const [key, entries] of res) {
        const i = this.index.get(key.toString())!;
        const channel = this.channels[i]!;
        for (const [id, fields] of entries) {
          this.ids[i] = id.toString();
          this.onPub(decodePublication(channel, fields[1]!));
        }
      }
    }
  }
}
