import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, StatsSnapshot } from '@tickdeck/protocol';
import { BotPortfolio } from '../portfolio/bot-portfolio.js';
import { computeStatsBatch, type Mark } from './stats-batch.js';

const HOUR = 3_600_000;
const convert = (amount: number, from: string, to: string) =>
  from === 'BNB' && to === 'USDT' ? amount * 300 : undefined;

type Ev = { kind: 'fill'; fill: Fill } | { kind: 'mark'; mark: Mark };

const symbolArb = fc.constantFrom('BTC/USDT', 'ETH/USDT');
// Round sizes make exact closes and flips frequent; random ones exercise the rest.
const amountArb = fc.oneof(
  fc.constantFrom(0.1, 0.2, 0.3, 0.5, 1, 2, 3),
  fc.double({ min: 0.001, max: 5, noNaN: true, noDefaultInfinity: true }),
);
const priceArb = fc.double({ min: 50, max: 150, noNaN: true, noDefaultInfinity: true });
const feeKindArb = fc.constantFrom('none', 'quote', 'base', 'bnb', 'unknown', 'rebate');

const eventsArb = fc
  .array(
    fc.record({
      isFill: fc.boolean(),
      symbol: symbolArb,
      side: fc.constantFrom('buy' as const, 'sell' as const),
      amount: amountArb,
      price: priceArb,
      feeKind: feeKindArb,
      gap: fc.integer({ min: 1, max: 40 * HOUR }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((raw) => {
    let t = Date.UTC(2024, 0, 1, 12);
    return raw.map((r, i): Ev => {
      t += r.gap;
      if (!r.isFill) return { kind: 'mark', mark: { symbol: r.symbol, price: r.price, timestamp: t } };
      const notional = r.amount * r.price;
      const fee =
        r.feeKind === 'quote'
          ? { cost: notional * 0.001, currency: 'USDT' }
          : r.feeKind === 'base'
            ? { cost: r.amount * 0.001, currency: r.symbol.split('/')[0]! }
            : r.feeKind === 'bnb'
              ? { cost: (notional * 0.00075) / 300, currency: 'BNB' }
              : r.feeKind === 'unknown'
                ? { cost: 0.5, currency: 'XYZ' }
                : r.feeKind === 'rebate'
                  ? { cost: -notional * 0.0001, currency: 'USDT' }
                  : undefined;
      return {
        kind: 'fill',
        fill: {
          id: `f${i}`,
          symbol: r.symbol,
          side: r.side,
          amount: r.amount,
          price: r.price,
          timestamp: t,
          fee,
        },
      };
    });
  });

/** Equal within 1e-9 relative, with an absolute floor of 1e-9 for values near zero. */
function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function diff(a: StatsSnapshot, b: StatsSnapshot): string[] {
  return (Object.keys(a) as (keyof StatsSnapshot)[]).filter((k) => !close(a[k], b[k]));
}

describe('incremental statistics equal a batch recomputation', () => {
  it('after every event of thousands of random fill sequences (long, short, flips, fees)', () => {
    let checkedSteps = 0;
    fc.assert(
      fc.property(eventsArb, (events) => {
        const live = new BotPortfolio({ botId: 'b', startingCash: 1000, convert });
        const fills: Fill[] = [];
        const marks: Mark[] = [];
        for (const ev of events) {
          if (ev.kind === 'fill') {
            live.applyFill(ev.fill);
            fills.push(ev.fill);
          } else {
            live.mark(ev.mark.symbol, ev.mark.price);
            live.sample(ev.mark.timestamp);
            marks.push(ev.mark);
          }
          const batch = computeStatsBatch(fills, marks, { startingCash: 1000, convert });
          const inc = live.stats.snapshot();
          expect(diff(inc, batch.stats), JSON.stringify({ inc, batch: batch.stats })).toEqual([]);
          expect(live.stats.trades.length).toBe(batch.trades.length);
          live.stats.trades.forEach((t, i) => expect(close(t.pnl, batch.trades[i]!.pnl)).toBe(true));
          expect(close(live.state().equity, batch.equity.at(-1)!.equity)).toBe(true);
          checkedSteps += 1;
        }
      }),
      { numRuns: 2000, seed: 20240601 },
    );
    expect(checkedSteps).toBeGreaterThan(10_000);
  });
});
