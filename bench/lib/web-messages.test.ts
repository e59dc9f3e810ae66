import { describe, expect, it } from 'vitest';
import { MessageCounts, since, totalPublications } from './web-messages.js';

describe('MessageCounts', () => {
  it('counts publications by channel prefix, frame by frame', () => {
    const c = new MessageCounts();
    c.addFrame(
      JSON.stringify([
        { op: 'pub', ch: 'ticker:BTC/USDT', ep: 'e', seq: 1, d: {} },
        { op: 'pub', ch: 'trades:BTC/USDT', ep: 'e', seq: 1, d: {} },
        { op: 'pub', ch: 'tickers', ep: 'e', seq: 9, d: {} },
        { op: 'subscribed', ch: 'candles:BTC/USDT:1m' },
      ]),
    );
    c.addFrame(JSON.stringify([{ op: 'pub', ch: 'ticker:ETH/USDT', ep: 'e', seq: 2, d: {} }]));
    expect(c.frames).toBe(2);
    expect(c.snapshot().byPrefix).toEqual({ ticker: 2, trades: 1, tickers: 1 });
  });

  it('counts frames it cannot read without failing', () => {
    const c = new MessageCounts();
    c.addFrame('not json');
    c.addFrame(Buffer.from([0x91]));
    c.addFrame('{"op":"ping"}');
    expect(c.frames).toBe(3);
    expect(c.snapshot().byPrefix).toEqual({});
  });
});

describe('since', () => {
  it('subtracts two snapshots and drops what did not change', () => {
    const d = since(
      { frames: 10, byPrefix: { ticker: 7, metrics: 2 } },
      { frames: 4, byPrefix: { ticker: 3, metrics: 2 } },
    );
    expect(d).toEqual({ frames: 6, byPrefix: { ticker: 4 } });
    expect(totalPublications(d)).toBe(4);
  });
});
