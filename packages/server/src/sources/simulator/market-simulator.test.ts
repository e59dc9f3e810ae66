import { describe, expect, it } from 'vitest';
import { MarketSimulator, simulate } from './market-simulator.js';
import { DEFAULT_SYMBOLS } from './symbol-specs.js';

interface T {
  symbol: string;
  timestamp: number;
  price: number;
  amount: number;
  side: string;
}
interface K {
  symbol: string;
  timestamp: number;
  bid: number;
  ask: number;
  bidVolume: number;
  askVolume: number;
  last: number;
}

const specOf = (s: string) => DEFAULT_SYMBOLS.find((x) => x.symbol === s)!;
const onGrid = (x: number, step: number) => Math.abs(x / step - Math.round(x / step)) < 1e-6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('simulate', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = [...simulate({ seed: 42, count: 5000 })];
    const b = [...simulate({ seed: 42, count: 5000 })];
    const c = [...simulate({ seed: 43, count: 5000 })];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(c.slice(0, 50)).not.toEqual(a.slice(0, 50));
  });

  it('keeps prices positive, on the tick grid, sane, with bid < ask, over 100,000 events of all symbols', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const check = (ok: boolean, what: string, ev: unknown) => {
      if (!ok && bad.length < 5) bad.push(`${what}: ${JSON.stringify(ev)}`);
    };
    let trades = 0;
    for (const ev of simulate({ seed: 7, count: 100_000, rate: 50 })) {
      if (ev.kind === 'trade') {
        const t = ev.trade as T;
        const spec = specOf(t.symbol);
        seen.add(t.symbol);
        trades++;
        check(t.price > spec.price / 3 && t.price < spec.price * 3, 'price in range', t);
        check(onGrid(t.price, spec.tick), 'price on tick grid', t);
        check(t.amount >= spec.lot && onGrid(t.amount, spec.lot), 'amount in lots', t);
        check(t.side === 'buy' || t.side === 'sell', 'side', t);
      } else {
        if (ev.kind !== 'ticker') {
          check(false, 'kind', ev);
          continue;
        }
        const k = ev.ticker as K;
        const spec = specOf(k.symbol);
        seen.add(k.symbol);
        check(k.bid > 0 && k.bid < k.ask, '0 < bid < ask', k);
        check(k.bid > spec.price / 3 && k.ask < spec.price * 3, 'bid/ask in range', k);
        check(onGrid(k.bid, spec.tick) && onGrid(k.ask, spec.tick), 'bid/ask on tick grid', k);
        // Spread stays a small fraction of the price (under 50 bps even in turbulent markets).
        check((k.ask - k.bid) / k.bid < 0.005 + spec.tick / k.bid, 'spread', k);
        check(k.bidVolume > 0 && k.askVolume > 0, 'sizes', k);
      }
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(DEFAULT_SYMBOLS.length);
    expect(seen.size).toBeGreaterThanOrEqual(8);
    expect(trades).toBeGreaterThan(20_000);
  });

  it('switches volatility regimes (realized vol differs) and jumps', () => {
    // 100,000 events at 2/s: about 14 hours of simulated market.
    const sim = new MarketSimulator(11);
    const byRegime: Record<string, number[]> = { calm: [], normal: [], turbulent: [] };
    const prev = new Map<string, { t: number; mid: number }>();
    let jumps = 0;
    let bigMoves = 0;
    for (let i = 0; i < 100_000; i++) {
      const ev = sim.next(Date.UTC(2024, 0, 1) + i * 500);
      if (sim.lastStep.jumped) jumps++;
      if (ev.kind !== 'ticker') continue;
      const k = ev.ticker as K;
      const mid = (k.bid + k.ask) / 2;
      const p = prev.get(k.symbol);
      prev.set(k.symbol, { t: k.timestamp, mid });
      if (p === undefined || k.timestamp === p.t) continue;
      const r = Math.log(mid / p.mid) / Math.sqrt((k.timestamp - p.t) / 1000);
      if (Math.abs(Math.log(mid / p.mid)) > 0.005) bigMoves++;
      if (k.symbol === 'BTC/USDT' || k.symbol === 'ETH/USDT')
        byRegime[sim.lastStep.regime]!.push(Math.abs(r));
    }
    for (const r of Object.values(byRegime)) expect(r.length).toBeGreaterThan(100);
    const calm = median(byRegime.calm!);
    const normal = median(byRegime.normal!);
    const turbulent = median(byRegime.turbulent!);
    expect(normal / calm).toBeGreaterThan(1.4);
    expect(turbulent / normal).toBeGreaterThan(2);
    // About 14 h × 10 symbols at one jump per 4 h each: ~35 expected.
    expect(jumps).toBeGreaterThan(20);
    // A 0.5% move between two quotes is far beyond diffusion at these gaps: those are jumps
    // (about half of N(0, 0.8%) jumps are that large).
    expect(bigMoves).toBeGreaterThan(8);
  });

  it('clusters trades and draws heavy-tailed sizes', () => {
    const events = [...simulate({ seed: 3, count: 50_000 })];
    const isTrade = events.map((e) => e.kind === 'trade');
    const share = isTrade.filter(Boolean).length / events.length;
    let after = 0;
    let afterTrade = 0;
    for (let i = 1; i < events.length; i++) {
      if (!isTrade[i - 1]) continue;
      after++;
      if (isTrade[i]) afterTrade++;
    }
    expect(afterTrade / after).toBeGreaterThan(share + 0.1);
    const btc = events
      .filter((e) => e.kind === 'trade' && (e.trade as T).symbol === 'BTC/USDT')
      .map((e) => (e.kind === 'trade' ? (e.trade as T).amount : 0))
      .sort((a, b) => a - b);
    const p50 = btc[Math.floor(btc.length * 0.5)]!;
    const p99 = btc[Math.floor(btc.length * 0.99)]!;
    expect(p99 / p50).toBeGreaterThan(8);
  });
});
