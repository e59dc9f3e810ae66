import { describe, expect, it } from 'vitest';
import type { Fill } from '@tickdeck/protocol';
import { FillBook } from './fill-book.js';

const fill = (id: string, timestamp: number): Fill => ({
  id,
  symbol: 'BTC/USDT',
  side: 'buy',
  price: 1,
  amount: 1,
  timestamp,
});

describe('FillBook', () => {
  it('pages per bot until each cursor runs out, newest first, without duplicates', () => {
    const book = new FillBook(['a', 'b']);
    expect(book.nextRequests()).toEqual([
      { botId: 'a', cursor: null },
      { botId: 'b', cursor: null },
    ]);
    expect(book.addPage('a', [fill('1', 10), fill('2', 20)], 'c1')).toBe(2);
    expect(book.addPage('b', [fill('1', 15)], null)).toBe(1);
    expect(book.nextRequests()).toEqual([{ botId: 'a', cursor: 'c1' }]);
    expect(book.addPage('a', [fill('2', 20), fill('3', 30)], null)).toBe(1);
    expect(book.hasMore).toBe(false);
    expect(book.newest(10).map((r) => `${r.botId}${r.fill.id}`)).toEqual(['a3', 'a2', 'b1', 'a1']);
    expect(book.newest(2)).toHaveLength(2);
  });

  it('takes live fills only once a bot is caught up, so pages keep their order', () => {
    const book = new FillBook(['a']);
    expect(book.addLive({ botId: 'a', fill: fill('9', 90) })).toBe(false);
    book.addPage('a', [fill('1', 10)], null);
    expect(book.addLive({ botId: 'a', fill: fill('9', 90) })).toBe(true);
    expect(book.addLive({ botId: 'a', fill: fill('9', 90) })).toBe(false);
    // A bot not seen before gets paged from the start.
    expect(book.addLive({ botId: 'z', fill: fill('1', 5) })).toBe(false);
    expect(book.nextRequests()).toEqual([{ botId: 'z', cursor: null }]);
    expect(book.size).toBe(2);
  });
});
