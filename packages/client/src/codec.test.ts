import { describe, expect, it } from 'vitest';
import { Packr } from 'msgpackr';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK } from '@tickdeck/protocol';
import type { ClientMessage, ServerMessage } from '@tickdeck/protocol';
import { decodeFrame, encodeMessage, encodingOfSubprotocol, subprotocolOf } from './codec.js';
import { ClientError } from './errors.js';

const frame: ServerMessage[] = [
  {
    op: 'pub',
    ch: 'ticker:BTC/USDT',
    ep: 'e1',
    seq: 7,
    d: { symbol: 'BTC/USDT', last: 43_210.5, timestamp: 1_700_000_000_123 },
  },
  { op: 'ping', t: 1_700_000_000_999 },
];

describe('codec', () => {
  it('names the subprotocols both ways', () => {
    expect(subprotocolOf('json')).toBe(SUBPROTOCOL_JSON);
    expect(subprotocolOf('msgpack')).toBe(SUBPROTOCOL_MSGPACK);
    expect(encodingOfSubprotocol(SUBPROTOCOL_MSGPACK)).toBe('msgpack');
    expect(encodingOfSubprotocol('')).toBe('json');
  });

  it('decodes the same messages from JSON text and MessagePack bytes (ArrayBuffer or view)', () => {
    const packed = new Packr({ useRecords: false }).pack(frame);
    const buffer = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength);
    expect(decodeFrame(JSON.stringify(frame))).toEqual(frame);
    expect(decodeFrame(buffer)).toEqual(frame);
    expect(decodeFrame(packed)).toEqual(frame);
  });

  it('accepts a bare message object', () => {
    expect(decodeFrame(JSON.stringify({ op: 'pong', t: 1 }))).toEqual([{ op: 'pong', t: 1 }]);
  });

  it('refuses what is not a protocol frame with DECODE_FAILED', () => {
    for (const bad of ['{not json', '[1,2]', '"x"', 42, new Uint8Array([0xc1])]) {
      expect(() => decodeFrame(bad)).toThrow(ClientError);
      try {
        decodeFrame(bad);
      } catch (error) {
        expect((error as ClientError).code).toBe('DECODE_FAILED');
      }
    }
  });

  it('encodes client messages so that a generic decoder reads them back', () => {
    const message: ClientMessage = {
      op: 'subscribe',
      id: 3,
      channels: [{ channel: 'tickers', maxRateMs: 250 }],
    };
    expect(JSON.parse(encodeMessage(message, 'json') as string)).toEqual(message);
    expect(new Packr({ useRecords: false }).unpack(encodeMessage(message, 'msgpack') as Uint8Array)).toEqual(
      message,
    );
  });
});
