import { describe, expect, it } from 'vitest';
import { OutgoingQueue } from './outgoing-queue.js';

describe('OutgoingQueue', () => {
  it('keeps order and drops the oldest past its bound', () => {
    const q = new OutgoingQueue<number>(3);
    expect(q.push(1)).toBeUndefined();
    q.push(2);
    q.push(3);
    expect(q.push(4)).toEqual({ dropped: 1 });
    expect(q.size).toBe(3);
    expect(q.drain()).toEqual([2, 3, 4]);
    expect(q.size).toBe(0);
  });

  it('clears', () => {
    const q = new OutgoingQueue<string>();
    q.push('a');
    q.clear();
    expect(q.drain()).toEqual([]);
  });
});
