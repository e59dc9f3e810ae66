/** A Transport that records frames in memory, with a settable socket buffer: fan-out tests without a network. */
import { unpack } from 'msgpackr';
import { assembleFrame, type Encoding, type OutMessage } from '../out-message.js';
import type { Transport } from '../transport.js';

export class FakeTransport implements Transport {
  readonly kind = 'ws';
  readonly frames: Buffer[] = [];
  buffered = 0;
  closed: { code: number; reason: string } | undefined;
  private drained: (() => void)[] = [];

  constructor(readonly encoding: Encoding = 'json') {}

  bufferedAmount(): number {
    return this.buffered;
  }

  send(items: readonly OutMessage[], from: number, to: number): number {
    const frame = assembleFrame(this.encoding, items, from, to);
    this.frames.push(frame);
    return frame.length;
  }

  onceDrained(cb: () => void): void {
    this.drained.push(cb);
  }

  /** Empty the socket buffer and fire the drain callbacks. */
  drain(): void {
    this.buffered = 0;
    const cbs = this.drained.splice(0);
    for (const cb of cbs) cb();
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  /** Every message received, frames flattened, decoded. */
  messages(): Record<string, unknown>[] {
    return this.frames.flatMap(
      (f) => (this.encoding === 'json' ? JSON.parse(f.toString()) : unpack(f)) as Record<string, unknown>[],
    );
  }

  pubs(ch?: string): { ch: string; seq: number; d: unknown }[] {
    return this.messages().filter((m) => m.op === 'pub' && (ch === undefined || m.ch === ch)) as never;
  }
}
