/**
 * The equity curve of every bot: a point per fill and per fixed-interval sample.
 * @module
 */
import type { EquityPoint } from '@tickdeck/protocol';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';

type Row = {
  bot_id: string;
  t: unknown;
  equity: number;
  realized: number;
  unrealized: number;
  fees: number;
  cause: EquityPoint['cause'];
};

export class EquityStore {
  constructor(private readonly db: SqlExecutor) {}

  async insert(points: readonly EquityPoint[]): Promise<void> {
    if (points.length === 0) return;
    await this.db.query(
      `INSERT INTO equity_points (bot_id, t, equity, realized, unrealized, fees, cause)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::text[])`,
      [
        points.map((p) => p.botId),
        points.map((p) => p.t),
        points.map((p) => p.equity),
        points.map((p) => p.realizedPnl),
        points.map((p) => p.unrealizedPnl),
        points.map((p) => p.fees),
        points.map((p) => p.cause),
      ],
    );
  }

  /** Points of one bot with `from` ≤ t < `to`, oldest first, at most `limit` (the newest ones). */
  async query(q: {
    botId: string;
    from?: number | undefined;
    to?: number | undefined;
    limit: number;
  }): Promise<EquityPoint[]> {
    const params: (string | number)[] = [q.botId];
    const where = ['bot_id = $1'];
    if (q.from !== undefined) where.push(`t >= $${params.push(q.from)}`);
    if (q.to !== undefined) where.push(`t < $${params.push(q.to)}`);
    const rows = await this.db.query<Row & { seq: unknown }>(
      `SELECT * FROM (SELECT seq, bot_id, t, equity, realized, unrealized, fees, cause FROM equity_points
       WHERE ${where.join(' AND ')} ORDER BY t DESC, seq DESC LIMIT $${params.push(q.limit)}) p ORDER BY t, seq`,
      params,
    );
    return rows.map((r) => ({
      botId: r.bot_id,
      t: Number(r.t),
      equity: r.equity,
      realizedPnl: r.realized,
      unrealizedPnl: r.unrealized,
      fees: r.fees,
      cause: r.cause,
    }));
  }
}
