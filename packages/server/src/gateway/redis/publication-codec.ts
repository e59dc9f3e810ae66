/**
 * The bytes of a publication in Redis, the same in the pub/sub message and in the history stream:
 * `<epoch>:<seq>:<time>:<tag><data>`. The publish script writes the header around data the publisher
 * encoded once; `tag` says how (`j` JSON, `m` MessagePack), so readers decode either.
 * @module
 */
import { Packr } from 'msgpackr';
import type { BrokerPublication } from '../broker.js';

export type PublicationEncoding = 'json' | 'msgpack';

const COLON = 0x3a;
const TAG_JSON = 0x6a; // 'j'
const TAG_MSGPACK = 0x6d; // 'm'
const JSON_PREFIX = 'j';
const MSGPACK_PREFIX = Buffer.from('m');

// Plain maps and arrays only (no record extension), so any msgpack reader understands the data.
const packr = new Packr({ useRecords: false, moreTypes: false });

/** The tagged data argument of the publish script. */
export function encodeData(data: unknown, encoding: PublicationEncoding): string | Buffer {
  if (encoding === 'json') {
    const json = JSON.stringify(data);
    // JSON.stringify(undefined) is undefined: carry it as null, as a JSON client would see it.
    return JSON_PREFIX + (json === undefined ? 'null' : json);
  }
  return Buffer.concat([MSGPACK_PREFIX, packr.pack(data)]);
}

export class PublicationFormatError extends Error {
  override readonly name = 'PublicationFormatError';
}

/** Decode a payload written by the publish script. @throws PublicationFormatError */
export function decodePublication(channel: string, payload: Buffer): BrokerPublication {
  const a = payload.indexOf(COLON);
  const b = a < 0 ? -1 : payload.indexOf(COLON, a + 1);
  const c = b < 0 ? -1 : payload.indexOf(COLON, b + 1);
  if (c < 0 || c + 1 >= payload.length) throw new PublicationFormatError(`bad publication on ${channel}`);
  const epoch = payload.toString('latin1', 0, a);
  const seq = Number(payload.toString('latin1', a + 1, b));
  const time = Number(payload.toString('latin1', b + 1, c));
  const tag = payload[c + 1];
  let data: unknown;
  if (tag === TAG_JSON) data = JSON.parse(payload.toString('utf8', c + 2));
  else if (tag === TAG_MSGPACK) data = packr.unpack(payload.subarray(c + 2));
  else throw new PublicationFormatError(`unknown encoding on ${channel}`);
  return { channel, epoch, seq, data, time };
}
