import { describe, expect, it } from 'vitest';
import { validateAlertRule } from './alert-rule-schemas.js';

const ok = { id: 'r1', name: 'BTC above 70k', enabled: true, severity: 'critical' };

describe('validateAlertRule', () => {
  it('accepts each kind', () => {
    const rules = [
      { kind: 'price_cross', symbol: 'BTC/USDT', direction: 'above', price: 70000, hysteresis: 100 },
      { kind: 'pct_move', symbol: 'BTC/USDT', windowMs: 300_000, pct: 3, direction: 'either' },
      { kind: 'spread', symbol: 'BTC/USDT', bps: 20, clearBps: 10 },
      { kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 30 },
      { kind: 'feed_latency', symbol: 'BTC/USDT', ms: 500 },
      { kind: 'drawdown', botId: 'bot-1', pct: 10 },
      { kind: 'daily_loss', botId: 'bot-1', amount: 500 },
      { kind: 'position_size', botId: 'bot-1', measure: 'notional', size: 10000 },
      { kind: 'metric', name: 'gas_price', direction: 'below', value: 5, clearValue: 6, cooldownMs: 60000 },
    ];
    for (const r of rules)
      expect(validateAlertRule({ ...ok, ...r }), JSON.stringify(r)).toMatchObject({ ok: true });
  });

  it.each([
    [{ kind: 'nope' }, 'UNKNOWN_KIND', '/kind'],
    [{ kind: 'spread', symbol: 'BTC/USDT' }, 'MISSING_FIELD', '/bps'],
    [{ kind: 'spread', symbol: 'BTC/USDT', bps: '20' }, 'WRONG_TYPE', '/bps'],
    [{ kind: 'spread', symbol: 'btc-usdt', bps: 20 }, 'BAD_SYMBOL', '/symbol'],
    [{ kind: 'spread', symbol: 'BTC/USDT', bps: -1 }, 'NEGATIVE', '/bps'],
    [{ kind: 'spread', symbol: 'BTC/USDT', bps: 20, extra: 1 }, 'UNKNOWN_FIELD', '/extra'],
    [{ kind: 'spread', symbol: 'BTC/USDT', bps: 20, clearBps: 30 }, 'INCONSISTENT', ''],
    [{ kind: 'metric', name: 'm', direction: 'above', value: 5, clearValue: 6 }, 'INCONSISTENT', ''],
    [{ kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 5, name: 'x'.repeat(101) }, 'TOO_LONG', '/name'],
    [
      { kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 5, webhooks: ['javascript:alert(1)'] },
      'BAD_VALUE',
      '/webhooks/0',
    ],
  ])('refuses %j with %s', (r, code, field) => {
    expect(validateAlertRule({ ...ok, ...r })).toMatchObject({ ok: false, code, field });
  });

  it('refuses a non-object and a name with control characters', () => {
    expect(validateAlertRule(null)).toMatchObject({ ok: false, code: 'BAD_VALUE' });
    expect(
      validateAlertRule({ ...ok, name: 'a\nb', kind: 'feed_stale', symbol: 'BTC/USDT', seconds: 1 }),
    ).toMatchObject({
      ok: false,
      code: 'BAD_VALUE',
      field: '/name',
    });
  });
});
