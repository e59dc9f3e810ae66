/**
 * HistoryStore written once over a {@link SqlExecutor}; the PGlite and PostgreSQL adapters only differ
 * in the executor they give it.
 * @module
 */
import type { Candle, MarketType, Side, Timeframe, Trade } from '@tickdeck/protocol';
import type { CandleQuery, HistoryStore, Page, TradeQuery } from '../history-store.js';
import { checkLimit, checkRange } from '../query-validation.js';
import { runMigrations, type Migration, HISTORY_MIGRATIONS } from './migrations.js';
import {
  decodeCandleCursor,
  decodeTradeCursor,
  encodeCandleCursor,
  encodeTradeCursor,
} from './page-cursor.js';
import type { SqlExecutor, SqlParam, SqlQueryable } from './sql-executor.js';

/**
 * Rows per INSERT statement. Rows travel as one array per column through `unnest`, so the statement text
 * never changes with the batch size (measured faster than multi-row VALUES on both PGlite and PostgreSQL).
 */
export const ROWS_PER_STATEMENT = 1000;

export interface SqlHistoryStoreOptions {
  /** Close the executor when the store is closed. Default true. */
  closeExecutor?: boolean;
  /** Schema to migrate to. Default {@link HISTORY_MIGRATIONS}. */
  migrations?: readonly Migration[];
}

interface CandleRow {
  time: unknown;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: unknown;
  closed: boolean;
  [k: string]: unknown;
}

interface TradeRow {
  seq: unknown;
  market_type: string;
  time: unknown;
  id: string | null;
  price: number;
  amount: number;
  side: string | null;
  [k: string]: unknown;
}

const CANDLE_COLUMNS = 'time, open, high, low, close, volume, trades, closed';
const TRADE_COLUMNS = 'seq, market_type, time, id, price, amount, side';

export class SqlHistoryStore implements HistoryStore {
  readonly name: string;
  private readonly closeExecutor: boolean;
  private readonly migrations: readonly Migration[];

  constructor(
    private readonly db: SqlExecutor,
    options: SqlHistoryStoreOptions = {},
  ) {
    this.name = db.dialect;
    this.closeExecutor = options.closeExecutor ?? true;
    this.migrations = options.migrations ?? HISTORY_MIGRATIONS;
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, this.migrations);
  }

  async upsertCandles(candles: readonly Candle[]): Promise<void> {
    // ON CONFLICT DO UPDATE refuses to touch one row twice in a statement: keep the last write per key.
    const unique = new Map<string, Candle>();
    for (const c of candles) unique.set(`${c.symbol}\u0000${c.timeframe}\u0000${c.time}`, c);
    await this.inChunks([...unique.values()], (db, chunk) =>
      db.query(
        `INSERT INTO candles (symbol, timeframe, ${CANDLE_COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[],
           $7::float8[], $8::float8[], $9::bigint[], $10::boolean[])
         ON CONFLICT (symbol, timeframe, time) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,
         low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume, trades = EXCLUDED.trades,
         closed = EXCLUDED.closed`,
        [
          chunk.map((c) => c.symbol),
          chunk.map((c) => c.timeframe),
          chunk.map((c) => c.time),
          chunk.map((c) => c.open),
          chunk.map((c) => c.high),
          chunk.map((c) => c.low),
          chunk.map((c) => c.close),
          chunk.map((c) => c.volume),
          chunk.map((c) => c.trades),
          chunk.map((c) => c.closed),
        ],
      ),
    );
  }

  async queryCandles(query: CandleQuery): Promise<Page<Candle>> {
    checkLimit(query.limit);
    checkRange(query.from, query.to);
    const params: SqlParam[] = [query.symbol, query.timeframe];
    const where = ['symbol = $1', 'timeframe = $2'];
    if (query.from !== undefined) where.push(`time >= $${params.push(query.from)}`);
    if (query.to !== undefined) where.push(`time < $${params.push(query.to)}`);
    if (query.cursor !== undefined)
      where.push(`time > $${params.push(decodeCandleCursor(query.cursor).time)}`);
    const rows = await this.db.query<CandleRow>(
      `SELECT ${CANDLE_COLUMNS} FROM candles WHERE ${where.join(' AND ')} ORDER BY time LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const items = rows.slice(0, query.limit).map((r) => toCandle(query.symbol, query.timeframe, r));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? encodeCandleCursor(last) : null };
  }

  async latestCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    checkLimit(limit);
    const rows = await this.db.query<CandleRow>(
      `SELECT ${CANDLE_COLUMNS} FROM candles WHERE symbol = $1 AND timeframe = $2 ORDER BY time DESC LIMIT $3`,
      [symbol, timeframe, limit],
    );
    return rows.reverse().map((r) => toCandle(symbol, timeframe, r));
  }

  async insertTrades(trades: readonly Trade[]): Promise<void> {
    await this.inChunks(trades, (db, chunk) =>
      db.query(
        `INSERT INTO trades (symbol, market_type, time, id, price, amount, side)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::float8[], $6::float8[],
           $7::text[])
         ON CONFLICT (symbol, id) WHERE id IS NOT NULL DO NOTHING`,
        [
          chunk.map((t) => t.symbol),
          chunk.map((t) => t.type),
          chunk.map((t) => t.timestamp),
          chunk.map((t) => t.id ?? null),
          chunk.map((t) => t.price),
          chunk.map((t) => t.amount),
          chunk.map((t) => t.side ?? null),
        ],
      ),
    );
  }

  async queryTrades(query: TradeQuery): Promise<Page<Trade>> {
    checkLimit(query.limit);
    checkRange(query.from, query.to);
    const params: SqlParam[] = [query.symbol];
    const where = ['symbol = $1'];
    if (query.from !== undefined) where.push(`time >= $${params.push(query.from)}`);
    if (query.to !== undefined) where.push(`time < $${params.push(query.to)}`);
    if (query.cursor !== undefined) {
      const key = decodeTradeCursor(query.cursor);
      where.push(`(time, seq) > ($${params.push(key.time)}, $${params.push(key.seq)})`);
    }
    const rows = await this.db.query<TradeRow>(
      `SELECT ${TRADE_COLUMNS} FROM trades WHERE ${where.join(' AND ')} ORDER BY time, seq LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const items = page.map((r) => toTrade(query.symbol, r));
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeTradeCursor({ time: Number(last.time), seq: Number(last.seq) })
        : null;
    return { items, nextCursor };
  }

  async pruneTrades(before: number): Promise<number> {
    checkRange(before, undefined);
    const rows = await this.db.query<{ n: unknown }>(
      'WITH d AS (DELETE FROM trades WHERE time < $1 RETURNING 1) SELECT count(*) AS n FROM d',
      [before],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closeExecutor) await this.db.close();
  }

  /** Runs `write` per chunk of {@link ROWS_PER_STATEMENT}, all in one transaction when there are several. */
  private async inChunks<T>(
    items: readonly T[],
    write: (db: SqlQueryable, chunk: readonly T[]) => Promise<unknown>,
  ): Promise<void> {
    if (items.length === 0) return;
    if (items.length <= ROWS_PER_STATEMENT) {
      await write(this.db, items);
      return;
    }
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
        await write(tx, items.slice(i, i + ROWS_PER_STATEMENT));
      }
    });
  }
}

function toCandle(symbol: string, timeframe: Timeframe, r: CandleRow): Candle {
  return {
    symbol,
    timeframe,
    time: Number(r.time),
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    volume: r.volume,
    trades: Number(r.trades),
    closed: r.closed,
  };
}

function toTrade(symbol: string, r: TradeRow): Trade {
  const trade: Trade = {
    symbol,
    type: r.market_type as MarketType,
    timestamp: Number(r.time),
    price: r.price,
    amount: r.amount,
  };
  if (r.id !== null) trade.id = r.id;
  if (r.side !== null) trade.side = r.side as Side;
  return trade;
}
