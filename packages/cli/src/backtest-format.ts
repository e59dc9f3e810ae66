/**
 * Text output of `tickdeck backtest`: a progress bar (stderr) and the statistics and trade list.
 * @module
 */
import type { BacktestResult } from '@tickdeck/core';

const WIDTH = 30;

/** A progress bar redrawn in place with `\r`. */
export function progressBar(out: { write(s: string): unknown }): {
  update(done: number, total: number): void;
  done(): void;
} {
  let drawn = false;
  return {
    update(done, total) {
      const filled = Math.round((done / total) * WIDTH);
      out.write(
        `\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${Math.floor((done / total) * 100)}% ${done}/${total} candles`,
      );
      drawn = true;
    },
    done() {
      if (drawn) out.write('\n');
    },
  };
}

const fmt = (v: number | null, digits = 4) => (v === null ? '—' : Number(v.toFixed(digits)).toString());
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

export function formatBacktest(r: BacktestResult, label: string): string {
  const s = r.stats;
  const rows: [string, string][] = [
    ['total P&L', fmt(s.totalPnl)],
    ['return', pct(s.returnPct)],
    ['trades', String(s.tradeCount)],
    ['win rate', s.winRate === null ? '—' : pct(s.winRate * 100)],
    ['profit factor', fmt(s.profitFactor)],
    ['expectancy', fmt(s.expectancy)],
    ['avg win / loss', `${fmt(s.avgWin)} / ${fmt(s.avgLoss)}`],
    ['max drawdown', `${fmt(s.maxDrawdown)} (${pct(s.maxDrawdownPct)})`],
    ['sharpe / sortino', `${fmt(s.sharpe, 3)} / ${fmt(s.sortino, 3)} over ${s.days} day(s)`],
    ['calmar', fmt(s.calmar, 3)],
    ['exposure time', pct(s.exposureTime * 100)],
  ];
  const lines = [label, '', ...rows.map(([k, v]) => `  ${k.padEnd(18)}${v}`), ''];
  lines.push(`trades (${r.trades.length}):`);
  lines.push(
    `  ${'opened'.padEnd(22)}${'closed'.padEnd(22)}${'side'.padEnd(7)}${'entry'.padStart(14)}${'exit'.padStart(14)}${'pnl'.padStart(14)}`,
  );
  for (const t of r.trades) {
    lines.push(
      `  ${iso(t.openedAt).padEnd(22)}${iso(t.closedAt).padEnd(22)}${t.side.padEnd(7)}${fmt(t.entryPrice, 8).padStart(14)}${fmt(t.exitPrice, 8).padStart(14)}${fmt(t.pnl, 6).padStart(14)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
