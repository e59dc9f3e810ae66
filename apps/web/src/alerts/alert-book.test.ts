import { describe, expect, it } from 'vitest';
import type { Alert, AlertTransition } from '@tickdeck/protocol';
import { AlertBook, MAX_ALERTS } from './alert-book.js';

const alert = (id: string, firedAt: number, patch: Partial<Alert> = {}): Alert => ({
  id,
  ruleId: 'r',
  ruleName: 'rule',
  kind: 'spread',
  subject: 'BTC/USDT',
  severity: 'warning',
  state: 'firing',
  message: 'm',
  value: 1,
  threshold: 1,
  firedAt,
  resolvedAt: null,
  acknowledged: null,
  ...patch,
});

const fired = alert('x', 100);
const acked: AlertTransition = {
  type: 'acknowledged',
  at: 150,
  alert: { ...fired, acknowledged: { by: 'anonymous', at: 150 } },
};
const resolved: AlertTransition = {
  type: 'resolved',
  at: 200,
  alert: { ...fired, state: 'resolved', resolvedAt: 200 },
};

describe('AlertBook', () => {
  it('ends in the same state whatever order the transitions arrive in', () => {
    const orders = [
      [acked, resolved],
      [resolved, acked],
    ];
    for (const list of orders) {
      const book = new AlertBook();
      book.put(fired);
      for (const t of list) book.apply(t);
      book.put(fired); // a stale firing view arriving last changes nothing
      expect(book.get('x')).toEqual({
        ...fired,
        state: 'resolved',
        resolvedAt: 200,
        acknowledged: { by: 'anonymous', at: 150 },
      });
    }
  });

  it('lists firing alerts first, then the newest', () => {
    const book = new AlertBook();
    book.put(alert('old-firing', 1));
    book.put(alert('new-resolved', 50, { state: 'resolved', resolvedAt: 60 }));
    book.put(alert('new-firing', 40));
    expect(book.list().map((a) => a.id)).toEqual(['new-firing', 'old-firing', 'new-resolved']);
  });

  it('keeps at most MAX_ALERTS, dropping resolved ones before firing ones', () => {
    const book = new AlertBook();
    book.put(alert('firing', 0));
    for (let i = 1; i <= MAX_ALERTS + 5; i += 1)
      book.put(alert(`r${i}`, i, { state: 'resolved', resolvedAt: i }));
    expect(book.size).toBe(MAX_ALERTS);
    expect(book.get('firing')).toBeDefined();
    expect(book.get('r1')).toBeUndefined();
  });
});
