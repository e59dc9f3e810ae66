/**
 * Frame encodings: JSON text frames (default) or MessagePack binary frames, negotiated by
 * subprotocol. Server frames are arrays of messages; a bare message object is accepted too.
 * @module
 */
import { Packr, Unpackr } from 'msgpackr';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK } from '@tickdeck/protocol';
import type { ClientMessage, ServerMessage } from '@tickdeck/protocol';
import { ClientError, ClientErrorCode } from './errors.js';

export type Encoding = 'json' | 'msgpack';

const packr = new Packr({ useRecords: false });
const unpackr = new Unpackr({ useRecords: false });

export const subprotocolOf = (encoding: Encoding): string =>
  encoding === 'msgpack' ? SUBPROTOCOL_MSGPACK : SUBPROTOCOL_JSON;

/** The encoding the server chose: MessagePack only if it accepted that subprotocol. */
export const encodingOfSubprotocol = (protocol: string): Encoding =>
  protocol === SUBPROTOCOL_MSGPACK ? 'msgpack' : 'json';

export const encodeMessage = (message: ClientMessage, encoding: Encoding): string | Uint8Array =>
  encoding === 'msgpack' ? packr.pack(message) : JSON.stringify(message);

const isMessage = (value: unknown): value is ServerMessage =>
  typeof value === 'object' && value !== null && typeof (value as { op?: unknown }).op === 'string';

/**
 * Decode one server frame, whatever its type: a string is JSON, binary data is MessagePack.
 * @throws ClientError `DECODE_FAILED`
 */
export const decodeFrame = (data: unknown): ServerMessage[] => {
  let value: unknown;
  try {
    if (typeof data === 'string') value = JSON.parse(data);
    else if (data instanceof ArrayBuffer) value = unpackr.unpack(new Uint8Array(data));
    else if (ArrayBuffer.isView(data))
      value = unpackr.unpack(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else throw new Error(`unsupported frame type ${Object.prototype.toString.call(data)}`);
  } catch (cause) {
    throw new ClientError(ClientErrorCode.DecodeFailed, 'cannot decode a server frame', { cause });
  }
  const messages = Array.isArray(value) ? value : [value];
  for (const m of messages) {
    if (!isMessage(m))
      throw new ClientError(ClientErrorCode.DecodeFailed, 'a server frame holds a non-message');
  }
  return messages as ServerMessage[];
};
