import { unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { assembleFrame, MessageKind, OutMessage } from './out-message.js';

const pub = (seq: number) =>
  new OutMessage(
    { op: 'pub', ch: 'c', ep: 'e', seq, d: { s: 'é'.repeat(seq % 3) } },
    MessageKind.Stream,
    'c',
    undefined,
  );

describe('frames', () => {
  it.each([1, 2, 15, 16, 300])('hold %i messages as one JSON array and one MessagePack array', (n) => {
    const items = Array.from({ length: n }, (_, i) => pub(i + 1));
    const expected = items.map((m) => m.msg);
    expect(JSON.parse(assembleFrame('json', items, 0, n).toString())).toEqual(expected);
    expect(unpack(assembleFrame('msgpack', items, 0, n))).toEqual(expected);
  });

  it('share one buffer for a single message', () => {
    const m = pub(1);
    expect(assembleFrame('json', [m], 0, 1)).toBe(m.frame('json'));
    expect(m.size('json')).toBe(Buffer.byteLength(JSON.stringify(m.msg)));
  });

  it.each([10, 200, 70_000])('carry a valid unmasked WebSocket header for a %i-byte payload', (n) => {
    const m = new OutMessage(
      { op: 'pong', t: 1, pad: 'x'.repeat(n) } as never,
      MessageKind.Control,
      undefined,
      undefined,
    );
    const ws = m.wsFrame('json');
    const payload = m.frame('json');
    expect(ws[0]).toBe(0x81);
    const len = ws[1]! < 126 ? ws[1] : ws[1] === 126 ? ws.readUInt16BE(2) : Number(ws.readBigUInt64BE(2));
    expect(len).toBe(payload.length);
    expect(ws.subarray(ws.length - payload.length).equals(payload)).toBe(true);
    expect(m.wsFrame('msgpack')[0]).toBe(0x82);
    expect(unpack(m.frame('msgpack'))).toEqual([m.msg]);
  });
});
