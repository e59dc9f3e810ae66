/**
 * Durable bot events: every accepted ingest event, the latest state of each order, the bots seen.
 * Written in one transaction per batch, so an event is stored (committed) before it is acknowledged,
 * and the unique (bot_id, event_id) key stores an event sent twice once.
 * @module
 */
import type { BotEvent, Fill, Order } from '@tickdeck/protocol';
import type { SqlExecutor, SqlQueryable } from '../../store/sql/sql-executor.js';

/** An accepted event as stored, with its place in the global order. */
export interface StoredEvent {
  seq: number;
  event: BotEvent;
  receivedAt: number;
}

export interface SeqPage<T> {
  items: T[];
  /** Pass as `after` for the next page; null at the end. */
  nextCursor: string | null;
}

export interface BotRow {
  botId: string;
  firstSeen: number;
  lastSeen: number;
}

const eventTime = (e: BotEvent, receivedAt: number): number =>
  e.timestamp ?? (e.type === 'fill' ? e.fill.timestamp : e.type === 'order' ? e.order.timestamp : receivedAt);

const asBody = (v: unknown): BotEvent =>
  typeof v === 'string' ? (JSON.parse(v) as BotEvent) : (v as BotEvent);

/** Cursors are the last seq seen, in decimal. */
export function parseSeqCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^\d{1,18}$/.test(cursor)) throw new Error('invalid cursor');
  return Number(cursor);
}

export class BotEventStore {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Stores `events` in one transaction. Resolves with the events that were new, in the order given
   * (with their seq); the others were stored before (duplicates). Rejects if nothing could be committed.
   */
  async insert(events: readonly BotEvent[], receivedAt: number): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ seq: unknown; bot_id: string; event_id: string }>(
        `INSERT INTO bot_events (bot_id, event_id, type, event_time, received_at, body)
         SELECT b, e, t, ts, $5, j::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $6::text[])
           WITH ORDINALITY AS u(b, e, t, ts, j, n)
         ORDER BY n
         ON CONFLICT (bot_id, event_id) DO NOTHING
         RETURNING seq, bot_id, event_id`,
        [
          events.map((e) => e.botId),
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => eventTime(e, receivedAt)),
          receivedAt,
          events.map((e) => JSON.stringify(e)),
        ],
      );
      const seqOf = new Map(rows.map((r) => [`${r.bot_id}\u0000${r.event_id}`, Number(r.seq)]));
      const stored: StoredEvent[] = [];
      for (const event of events) {
        const seq = seqOf.get(`${event.botId}\u0000${event.eventId}`);
        if (seq !== undefined) stored.push({ seq, event, receivedAt });
      }
      stored.sort((a, b) => a.seq - b.seq);
      for (const s of stored)
        if (s.event.type === 'order') await upsertOrder(tx, s.event.botId, s.event.order, s.seq);
      const bots = [...new Set(events.map((e) => e.botId))];
      await tx.query(
        `INSERT INTO bots (bot_id, first_seen, last_seen) SELECT b, $2, $2 FROM unnest($1::text[]) AS u(b)
         ON CONFLICT (bot_id) DO UPDATE SET last_seen = EXCLUDED.last_seen`,
        [bots, receivedAt],
      );
      return stored;
    });
  }

  /** Every stored fill of every bot in the order applied (for rebuilding portfolios). */
  async allFills(): Promise<{ botId: string; fill: Fill }[]> {
    const rows = await this.db.query<{ body: unknown }>(
      `SELECT body FROM bot_events WHERE type = 'fill' ORDER BY seq`,
    );
    return rows.map((r) => {
      const e = asBody(r.body) as Extract<BotEvent, { type: 'fill' }>;
      return { botId: e.botId, fill: e.fill };
    });
  }

  /** Events of one bot (optionally one type), oldest first, paged by seq. */
  async events(q: {
    botId?: string | undefined;
    type?: BotEvent['type'] | undefined;
    after?: number | undefined;
    limit: number;
  }): Promise<SeqPage<StoredEvent>> {
    const params: (string | number)[] = [];
    const where: string[] = [];
    if (q.botId !== undefined) where.push(`bot_id = $${params.push(q.botId)}`);
    if (q.type !== undefined) where.push(`type = $${params.push(q.type)}`);
    if (q.after !== undefined) where.push(`seq > $${params.push(q.after)}`);
    const rows = await this.db.query<{ seq: unknown; body: unknown; received_at: unknown }>(
      `SELECT seq, body, received_at FROM bot_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq LIMIT $${params.push(q.limit + 1)}`,
      params,
    );
    const items = rows
      .slice(0, q.limit)
      .map((r) => ({ seq: Number(r.seq), event: asBody(r.body), receivedAt: Number(r.received_at) }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? String(last.seq) : null };
  }

  /** Whether (botId, eventId) is stored. */
  async has(botId: string, eventId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM bot_events WHERE bot_id = $1 AND event_id = $2', [
      botId,
      eventId,
    ]);
    return rows.length > 0;
  }

  /** Latest state of a bot's orders, most recently changed last; `open` keeps only open ones. */
  async orders(q: {
    botId?: string | undefined;
    open?: boolean | undefined;
    limit: number;
  }): Promise<Order[]> {
    const params: (string | number)[] = [];
    const where: string[] = [];
    if (q.botId !== undefined) where.push(`bot_id = $${params.push(q.botId)}`);
    if (q.open) where.push(`status = 'open'`);
    const rows = await this.db.query<{ body: unknown }>(
      `SELECT body FROM (SELECT body, seq FROM bot_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${params.push(q.limit)}) o ORDER BY seq`,
      params,
    );
    return rows.map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Order);
  }

  async bots(): Promise<BotRow[]> {
    const rows = await this.db.query<{ bot_id: string; first_seen: unknown; last_seen: unknown }>(
      'SELECT bot_id, first_seen, last_seen FROM bots ORDER BY bot_id',
    );
    return rows.map((r) => ({
      botId: r.bot_id,
      firstSeen: Number(r.first_seen),
      lastSeen: Number(r.last_seen),
    }));
  }
}

async function upsertOrder(tx: SqlQueryable, botId: string, order: Order, seq: number): Promise<void> {
  await tx.query(
    `INSERT INTO bot_orders (bot_id, order_id, symbol, status, updated_at, seq, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (bot_id, order_id) DO UPDATE SET symbol = EXCLUDED.symbol, status = EXCLUDED.status,
       updated_at = EXCLUDED.updated_at, seq = EXCLUDED.seq, body = EXCLUDED.body`,
    [botId, order.id, order.symbol, order.status, order.timestamp, seq, JSON.stringify(order)],
  );
}
