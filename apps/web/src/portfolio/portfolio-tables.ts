/**
 * The Portfolio page's tables: statistics per bot, open positions with live unrealized P&L, fills.
 * @module
 */
import type { PortfolioState, PositionView } from '@tickdeck/protocol';
import { formatAmount, formatDateTime, formatPct, formatPrice } from '../format/format.js';
import { DataTable } from './data-table.js';
import type { FillRow } from './fill-book.js';
import { formatFraction, formatMoney, formatRatio, toneOf } from './money.js';

/** Statistics of each bot (docs/metrics.md). */
export const statsTable = (): DataTable<PortfolioState> =>
  new DataTable<PortfolioState>(
    'stats-table',
    'Statistics per bot',
    [
      { label: 'Bot', text: (p) => p.botId },
      { label: 'Sharpe', text: (p) => formatRatio(p.stats.sharpe), numeric: true, field: 'sharpe' },
      { label: 'Sortino', text: (p) => formatRatio(p.stats.sortino), numeric: true, field: 'sortino' },
      { label: 'Win rate', text: (p) => formatFraction(p.stats.winRate), numeric: true, field: 'winRate' },
      {
        label: 'Profit factor',
        text: (p) => formatRatio(p.stats.profitFactor),
        numeric: true,
        field: 'profitFactor',
      },
      {
        label: 'Max drawdown',
        text: (p) => `${formatMoney(p.stats.maxDrawdown)} (${p.stats.maxDrawdownPct.toFixed(2)}%)`,
        numeric: true,
        field: 'maxDrawdown',
      },
      {
        label: 'Drawdown now',
        text: (p) => `${p.stats.currentDrawdownPct.toFixed(2)}%`,
        numeric: true,
        field: 'currentDrawdown',
      },
      { label: 'Trades', text: (p) => String(p.stats.tradeCount), numeric: true, field: 'tradeCount' },
      {
        label: 'Expectancy',
        text: (p) => formatMoney(p.stats.expectancy, true),
        numeric: true,
        tone: (p) => toneOf(p.stats.expectancy),
        field: 'expectancy',
      },
      { label: 'Calmar', text: (p) => formatRatio(p.stats.calmar), numeric: true, field: 'calmar' },
      {
        label: 'Return',
        text: (p) => formatPct(p.stats.returnPct),
        numeric: true,
        tone: (p) => toneOf(p.stats.returnPct),
        field: 'returnPct',
      },
    ],
    (p) => ({ 'data-bot': p.botId }),
  );

export interface PositionRow {
  botId: string;
  position: PositionView;
}

/** Open positions, marked to the live price. */
export const positionsTable = (): DataTable<PositionRow> =>
  new DataTable<PositionRow>(
    'positions-table',
    'Open positions',
    [
      { label: 'Bot', text: (r) => r.botId },
      { label: 'Symbol', text: (r) => r.position.symbol },
      {
        label: 'Side',
        text: (r) => (r.position.amount > 0 ? 'long' : 'short'),
        tone: (r) => toneOf(r.position.amount),
      },
      { label: 'Amount', text: (r) => formatAmount(Math.abs(r.position.amount)), numeric: true },
      { label: 'Entry', text: (r) => formatPrice(r.position.avgPrice), numeric: true },
      { label: 'Mark', text: (r) => formatPrice(r.position.markPrice), numeric: true, field: 'mark' },
      { label: 'Notional', text: (r) => formatMoney(r.position.notional), numeric: true },
      {
        label: 'Unrealized P&L',
        text: (r) => formatMoney(r.position.unrealizedPnl, true),
        numeric: true,
        tone: (r) => toneOf(r.position.unrealizedPnl),
        field: 'unrealizedPnl',
      },
    ],
    (r) => ({ 'data-bot': r.botId, 'data-symbol': r.position.symbol }),
  );

/** Fills, newest first. */
export const fillsTable = (): DataTable<FillRow> =>
  new DataTable<FillRow>(
    'fills-table',
    'Fills',
    [
      { label: 'Time', text: (r) => formatDateTime(r.fill.timestamp) },
      { label: 'Bot', text: (r) => r.botId },
      { label: 'Symbol', text: (r) => r.fill.symbol },
      { label: 'Side', text: (r) => r.fill.side, tone: (r) => (r.fill.side === 'buy' ? 'up' : 'down') },
      { label: 'Price', text: (r) => formatPrice(r.fill.price), numeric: true },
      { label: 'Amount', text: (r) => formatAmount(r.fill.amount), numeric: true },
      {
        label: 'Fee',
        text: (r) => (r.fill.fee ? `${formatMoney(r.fill.fee.cost)} ${r.fill.fee.currency}` : '—'),
        numeric: true,
      },
    ],
    (r) => ({ 'data-bot': r.botId, 'data-fill': r.fill.id }),
  );
