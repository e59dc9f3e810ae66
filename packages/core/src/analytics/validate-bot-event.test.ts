import { describe, expect, it } from 'vitest';
import { validateBotEvent, validateIngestBatch } from './validate-bot-event.js';

const env = { botId: 'arb-1', eventId: 'e1' };
const fill = {
  ...env,
  type: 'fill',
  fill: {
    id: 'f1',
    symbol: 'BTC/USDT',
    side: 'buy',
    price: 100,
    amount: 0.5,
    timestamp: 1_700_000_000_000,
    fee: { cost: 0.05, currency: 'USDT' },
  },
};
const known = { isKnownSymbol: (s: string) => s === 'BTC/USDT' };

describe('validateBotEvent', () => {
  it('accepts every event type', () => {
    const events = [
      fill,
      {
        ...env,
        type: 'order',
        action: 'new',
        order: {
          id: 'o1',
          symbol: 'BTC/USDT',
          side: 'sell',
          amount: 1,
          status: 'open',
          timestamp: 1,
          price: 101,
        },
      },
      { ...env, type: 'position', symbol: 'BTC/USDT', amount: -0.2, entryPrice: 99 },
      {
        ...env,
        type: 'balance',
        balances: { USDT: { total: 1000, free: 900, used: 100 }, BTC: { total: 0.1 } },
      },
      { ...env, type: 'metric', name: 'gas_used', value: 21000, unit: 'gas', tags: { chain: 'eth' } },
      { ...env, type: 'log', level: 'warn', text: 'rpc slow <b>' },
      {
        ...env,
        type: 'signal',
        strategy: 'ema',
        symbol: 'BTC/USDT',
        side: 'none',
        indicators: { ema: 1.5, rsi: null },
      },
    ];
    for (const e of events) expect(validateBotEvent(e, known), JSON.stringify(e)).toMatchObject({ ok: true });
  });

  it('normalizes a ccxt object: extra fields dropped, nulls absent, indicator nulls kept', () => {
    const r = validateBotEvent({
      ...fill,
      timestamp: null,
      fill: {
        ...fill.fill,
        info: { raw: 1 },
        datetime: '2023-11-14T22:13:20.000Z',
        order: null,
        type: 'limit',
        fee: null,
      },
    });
    expect(r.ok && r.event).toEqual({ ...env, type: 'fill', fill: { ...fill.fill, fee: undefined } });
    expect(r.ok && r.event.type === 'fill' && 'fee' in r.event.fill).toBe(false);
    const s = validateBotEvent({
      ...env,
      type: 'signal',
      strategy: 's',
      symbol: 'BTC/USDT',
      side: 'buy',
      indicators: { a: null },
    });
    expect(s.ok && s.event.type === 'signal' && s.event.indicators).toEqual({ a: null });
  });

  it.each([
    ['not an object', 'x', 'MALFORMED', ''],
    ['no type', { ...env }, 'MALFORMED', '/type'],
    ['unknown type', { ...env, type: 'trade' }, 'UNKNOWN_TYPE', '/type'],
    ['wrong type', { ...fill, fill: { ...fill.fill, price: '100' } }, 'WRONG_TYPE', '/fill/price'],
    ['NaN', { ...fill, fill: { ...fill.fill, amount: NaN } }, 'NOT_FINITE', '/fill/amount'],
    [
      'Infinity in a map',
      { ...env, type: 'signal', strategy: 's', symbol: 'BTC/USDT', side: 'buy', indicators: { x: Infinity } },
      'NOT_FINITE',
      '/indicators/x',
    ],
    ['negative size', { ...fill, fill: { ...fill.fill, amount: -1 } }, 'NEGATIVE', '/fill/amount'],
    ['zero size', { ...fill, fill: { ...fill.fill, amount: 0 } }, 'NEGATIVE', '/fill/amount'],
    [
      'missing field',
      { ...fill, fill: (({ side: _s, ...rest }) => rest)(fill.fill) },
      'MISSING_FIELD',
      '/fill/side',
    ],
    ['unknown envelope field', { ...fill, extra: 1 }, 'UNKNOWN_FIELD', '/extra'],
    ['too-long log', { ...env, type: 'log', level: 'info', text: 'x'.repeat(4097) }, 'TOO_LONG', '/text'],
    [
      'too many tags',
      {
        ...env,
        type: 'metric',
        name: 'm',
        value: 1,
        tags: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`t${i}`, 'v'])),
      },
      'TOO_LONG',
      '/tags',
    ],
    ['bad bot id', { ...fill, botId: 'bad bot' }, 'BAD_ID', '/botId'],
    ['empty event id', { ...fill, eventId: '' }, 'BAD_ID', '/eventId'],
    [
      'ccxt settle suffix',
      { ...fill, fill: { ...fill.fill, symbol: 'BTC/USDT:USDT' } },
      'BAD_SYMBOL',
      '/fill/symbol',
    ],
    [
      'markup in a symbol',
      { ...env, type: 'position', symbol: '<img>/USDT', amount: 1 },
      'BAD_SYMBOL',
      '/symbol',
    ],
    [
      'unknown symbol',
      { ...fill, fill: { ...fill.fill, symbol: 'DOGE/USDT' } },
      'UNKNOWN_SYMBOL',
      '/fill/symbol',
    ],
    ['bad side', { ...fill, fill: { ...fill.fill, side: 'long' } }, 'BAD_VALUE', '/fill/side'],
    [
      'bad currency',
      { ...fill, fill: { ...fill.fill, fee: { cost: 1, currency: 'usdt' } } },
      'BAD_VALUE',
      '/fill/fee/currency',
    ],
  ])('rejects %s with %s', (_what, event, code, field) => {
    expect(validateBotEvent(event, known)).toMatchObject({ ok: false, code, field });
  });

  it('allows a negative fee (maker rebate)', () => {
    expect(
      validateBotEvent({ ...fill, fill: { ...fill.fill, fee: { cost: -0.01, currency: 'USDT' } } }),
    ).toMatchObject({ ok: true });
  });
});

describe('validateIngestBatch', () => {
  it('takes the good events, rejects the bad ones with reasons, flags repeats and overflow', () => {
    const res = validateIngestBatch(
      [
        fill,
        { ...fill, fill: { ...fill.fill, amount: -1 }, eventId: 'e2' },
        fill,
        { ...fill, eventId: 'e3' },
        { ...fill, eventId: 'e4' },
      ],
      { ...known, maxEvents: 4 },
    );
    expect(res.map((r) => r.status)).toEqual(['valid', 'rejected', 'duplicate', 'valid', 'rejected']);
    expect(res[1]).toMatchObject({ code: 'NEGATIVE', eventId: 'e2', field: '/fill/amount' });
    expect(res[4]).toMatchObject({ code: 'BATCH_TOO_LARGE', eventId: 'e4' });
  });
});
