/**
 * An outbound message, encoded at most once per encoding however many connections it goes to.
 * @module
 */
import type { ServerMessage } from '@tickdeck/protocol';
import { Packr } from 'msgpackr';

export type Encoding = 'json' | 'msgpack';

/** Plain MessagePack maps and arrays (no msgpackr records), so any MessagePack library can read it. */
export const packr = new Packr({ useRecords: false, moreTypes: false });

/** Message kinds as counted by metrics. */
export const MessageKind = { Control: 0, State: 1, Stream: 2 } as const;
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

/** How many times messages were encoded, per encoding (read by tests and benchmarks). */
export const encodeCounts = { json: 0, msgpack: 0 };

const OPEN = 0x5b; // '['

/**
 * The message and its encodings. `frame(enc)` is a whole one-message frame (`[m]` / msgpack
 * fixarray of 1); `item(enc)` is the message alone, a view into the same bytes.
 */
export class OutMessage {
  private jsonFrame: Buffer | undefined;
  private packFrame: Buffer | undefined;
  private jsonPayload: Buffer | undefined;
  private packPayload: Buffer | undefined;
  private jsonHeader = 0;
  private packHeader = 0;

  constructor(
    readonly msg: ServerMessage,
    readonly kind: MessageKind,
    /** Channel name, for publications and per-channel replies. */
    readonly ch: string | undefined,
    /** Publications: `ch` + key (state channels) — same value means the later one supersedes. */
    readonly confKey: string | undefined,
  ) {}

  /** The one-message frame's payload (`[m]`). */
  frame(enc: Encoding): Buffer {
    if (enc === 'json') return (this.jsonPayload ??= this.wsFrame(enc).subarray(this.jsonHeader));
    return (this.packPayload ??= this.wsFrame(enc).subarray(this.packHeader));
  }

  /**
   * The complete WebSocket frame (FIN, text for JSON / binary for MessagePack, unmasked) holding
   * `[m]`: built once, written as is to every socket that gets this message alone.
   */
  wsFrame(enc: Encoding): Buffer {
    if (enc === 'json') {
      if (this.jsonFrame === undefined) {
        encodeCounts.json++;
        const text = '[' + JSON.stringify(this.msg) + ']';
        const len = Buffer.byteLength(text);
        const frame = allocFrame(0x81, len);
        this.jsonHeader = frame.length - len;
        frame.write(text, this.jsonHeader);
        this.jsonFrame = frame;
      }
      return this.jsonFrame;
    }
    if (this.packFrame === undefined) {
      encodeCounts.msgpack++;
      const item = packr.pack(this.msg);
      const frame = allocFrame(0x82, item.length + 1);
      this.packHeader = frame.length - item.length - 1;
      frame[this.packHeader] = 0x91;
      item.copy(frame, this.packHeader + 1);
      this.packFrame = frame;
    }
    return this.packFrame;
  }

  item(enc: Encoding): Buffer {
    const f = this.frame(enc);
    return enc === 'json' ? f.subarray(1, f.length - 1) : f.subarray(1);
  }

  /** Encoded size of the message alone, bytes. */
  size(enc: Encoding): number {
    const f = this.wsFrame(enc);
    return enc === 'json' ? f.length - this.jsonHeader - 2 : f.length - this.packHeader - 1;
  }
}

/** A buffer for a WebSocket frame of `len` payload bytes, its header (RFC 6455 §5.2) written. */
function allocFrame(firstByte: number, len: number): Buffer {
  const header = len < 126 ? 2 : len < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + len);
  frame[0] = firstByte;
  if (len < 126) {
    frame[1] = len;
  } else if (len < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(len, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
    frame.writeUInt32BE(len >>> 0, 6);
  }
  return frame;
}

/** One frame holding `items` in order: a JSON array, or a MessagePack array. */
export function assembleFrame(enc: Encoding, items: readonly OutMessage[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return items[from]!.frame(enc);
  let total = 0;
  for (let i = from; i < to; i++) total += items[i]!.size(enc);
  let out: Buffer;
  let pos: number;
  if (enc === 'json') {
    out = Buffer.allocUnsafe(total + n + 1);
    out[0] = OPEN;
    pos = 1;
    for (let i = from; i < to; i++) {
      if (i > from) out[pos++] = 0x2c; // ','
      const f = items[i]!.frame(enc);
      pos += f.copy(out, pos, 1, f.length - 1);
    }
    out[pos++] = 0x5d; // ']'
    return out;
  }
  const header = n < 16 ? 1 : n < 65_536 ? 3 : 5;
  out = Buffer.allocUnsafe(total + header);
  if (n < 16) out[0] = 0x90 | n;
  else if (n < 65_536) {
    out[0] = 0xdc;
    out.writeUInt16BE(n, 1);
  } else {
    out[0] = 0xdd;
    out.writeUInt32BE(n, 1);
  }
  pos = header;
  for (let i = from; i < to; i++) {
    const f = items[i]!.frame(enc);
    pos += f.copy(out, pos, 1);
  }
  return out;
}
