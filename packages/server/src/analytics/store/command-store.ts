/**
 * Bot commands and their audit trail: who issued what, when, when it was delivered, and the result.
 * @module
 */
import type { BotCommand, BotCommandKind, BotCommandStatus } from '@tickdeck/protocol';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';

/** A command with its audit fields. */
export interface CommandRecord extends BotCommand {
  status: BotCommandStatus;
  deliveredAt: number | null;
  result: { ok: boolean; message: string | null; at: number } | null;
}

type Row = {
  command_id: string;
  bot_id: string;
  kind: BotCommandKind;
  name: string | null;
  params: unknown;
  issued_by: string;
  issued_at: unknown;
  status: BotCommandStatus;
  delivered_at: unknown;
  result_ok: boolean | null;
  result_message: string | null;
  result_at: unknown;
};

const toRecord = (r: Row): CommandRecord => ({
  commandId: r.command_id,
  botId: r.bot_id,
  kind: r.kind,
  ...(r.name !== null ? { name: r.name } : {}),
  ...(r.params !== null && r.params !== undefined
    ? { params: (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, unknown> }
    : {}),
  issuedBy: r.issued_by,
  issuedAt: Number(r.issued_at),
  status: r.status,
  deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
  result:
    r.result_ok === null ? null : { ok: r.result_ok, message: r.result_message, at: Number(r.result_at) },
});

const COLUMNS =
  'command_id, bot_id, kind, name, params, issued_by, issued_at, status, delivered_at, result_ok, result_message, result_at';

export class CommandStore {
  constructor(private readonly db: SqlExecutor) {}

  async insert(c: BotCommand): Promise<CommandRecord> {
    const rows = await this.db.query<Row>(
      `INSERT INTO bot_commands (command_id, bot_id, kind, name, params, issued_by, issued_at, status)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, 'pending') RETURNING ${COLUMNS}`,
      [
        c.commandId,
        c.botId,
        c.kind,
        c.name ?? null,
        c.params ? JSON.stringify(c.params) : null,
        c.issuedBy,
        c.issuedAt,
      ],
    );
    return toRecord(rows[0]!);
  }

  async get(commandId: string): Promise<CommandRecord | undefined> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM bot_commands WHERE command_id = $1`, [
      commandId,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Commands of a bot not yet answered (pending or delivered), oldest first; older than `expireBefore` expire. */
  async pending(botId: string, expireBefore: number): Promise<CommandRecord[]> {
    await this.db.query(
      `UPDATE bot_commands SET status = 'expired' WHERE bot_id = $1 AND status IN ('pending', 'delivered') AND issued_at < $2`,
      [botId, expireBefore],
    );
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM bot_commands WHERE bot_id = $1 AND status IN ('pending', 'delivered') ORDER BY seq`,
      [botId],
    );
    return rows.map(toRecord);
  }

  async markDelivered(commandIds: readonly string[], at: number): Promise<void> {
    if (commandIds.length === 0) return;
    await this.db.query(
      `UPDATE bot_commands SET status = 'delivered', delivered_at = coalesce(delivered_at, $2)
       WHERE command_id = ANY($1::text[]) AND status = 'pending'`,
      [commandIds, at],
    );
  }

  /** Records a bot's result; undefined if the command is unknown, not this bot's, or already answered. */
  async complete(
    botId: string,
    commandId: string,
    ok: boolean,
    message: string | null,
    at: number,
  ): Promise<CommandRecord | undefined> {
    const rows = await this.db.query<Row>(
      `UPDATE bot_commands SET status = $3, result_ok = $4, result_message = $5, result_at = $6,
         delivered_at = coalesce(delivered_at, $6)
       WHERE command_id = $1 AND bot_id = $2 AND status IN ('pending', 'delivered') RETURNING ${COLUMNS}`,
      [commandId, botId, ok ? 'succeeded' : 'failed', ok, message, at],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** The audit trail, newest first. */
  async list(q: { botId?: string | undefined; limit: number }): Promise<CommandRecord[]> {
    const params: (string | number)[] = [];
    const where = q.botId !== undefined ? `WHERE bot_id = $${params.push(q.botId)}` : '';
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM bot_commands ${where} ORDER BY seq DESC LIMIT $${params.push(q.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }
}
