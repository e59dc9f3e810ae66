import { describe, expect, it } from 'vitest';
import { writerDependencyStatus } from './writer-readiness.js';

describe('writerDependencyStatus', () => {
  const base = { since: 0, written: 0, failures: 0, droppedCandles: 0, droppedTrades: 0, buffered: 0 };

  it('maps ok to up and shows the counts', () => {
    expect(writerDependencyStatus('history', { ...base, state: 'ok', buffered: 3 })).toEqual({
      name: 'history',
      state: 'up',
      detail: '3 buffered; 0 dropped',
    });
  });

  it('says why when the store is failing, with buffered and dropped items', () => {
    const s = {
      ...base,
      state: 'down' as const,
      reason: 'PostgreSQL at x: ECONNREFUSED',
      buffered: 70,
      droppedTrades: 5,
      droppedCandles: 1,
    };
    expect(writerDependencyStatus('history', s)).toEqual({
      name: 'history',
      state: 'down',
      detail: 'PostgreSQL at x: ECONNREFUSED; 70 buffered; 6 dropped',
    });
  });
});
