/**
 * Bot API keys made by an admin, in the history database (table `api_keys`, migration 3): hashed,
 * scoped to one bot, revocable. Every check reads the table, so a revocation takes effect at once on
 * every process sharing the database.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@tickdeck/core';
import type { SqlExecutor } from '../store/sql/sql-executor.js';
import { generateApiKey, hashApiKey, sameKeyHash } from './api-key-hash.js';

/** What an admin sees of a key: never the key nor its hash. */
export interface ApiKeyInfo {
  id: string;
  botId: string;
  label: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

type Row = {
  id: string;
  bot_id: string;
  label: string;
  key_hash: string;
  created_at: unknown;
  created_by: string;
  last_used_at: unknown;
  revoked_at: unknown;
};

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const info = (r: Row): ApiKeyInfo => ({
  id: r.id,
  botId: r.bot_id,
  label: r.label,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
  lastUsedAt: num(r.last_used_at),
  revokedAt: num(r.revoked_at),
});

/** `last_used_at` is written at most this often per key, ms (it is informative only). */
const LAST_USED_EVERY_MS = 60_000;

export class ApiKeyStore {
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly db: SqlExecutor,
    private readonly clock: Clock,
  ) {}

  /** Make a key for `botId`. The plain key is in the result only: it cannot be read back. */
  async create(botId: string, label: string, createdBy: string): Promise<{ key: string; info: ApiKeyInfo }> {
    const key = generateApiKey();
    const id = `key_${randomBytes(9).toString('base64url')}`;
    const rows = await this.db.query<Row>(
      `INSERT INTO api_keys (id, bot_id, label, key_hash, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [id, botId, label, hashApiKey(key), this.clock.now(), createdBy],
    );
    return { key, info: info(rows[0]!) };
  }

  /** Every key, newest first, revoked ones included. */
  async list(): Promise<ApiKeyInfo[]> {
    const rows = await this.db.query<Row>('SELECT * FROM api_keys ORDER BY created_at DESC, id');
    return rows.map(info);
  }

  /** Revoke a key; resolves with it, or undefined if there is no such key. Idempotent. */
  async revoke(id: string): Promise<ApiKeyInfo | undefined> {
    const rows = await this.db.query<Row>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *`,
      [id, this.clock.now()],
    );
    return rows[0] === undefined ? undefined : info(rows[0]);
  }

  /** The bot of a live (not revoked) key, or undefined. */
  async botOf(key: string): Promise<string | undefined> {
    const hash = hashApiKey(key);
    const rows = await this.db.query<Row>(
      'SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    // The index found it by equality; compare again in constant time rather than trust that alone.
    if (row === undefined || !sameKeyHash(row.key_hash, hash)) return undefined;
    this.touch(row.id);
    return row.bot_id;
  }

  /** Whether any live key exists (then anonymous ingest is refused). */
  async any(): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1');
    return rows.length > 0;
  }

  private touch(id: string): void {
    const now = this.clock.now();
    if (now - (this.lastWritten.get(id) ?? -Infinity) < LAST_USED_EVERY_MS) return;
    if (this.lastWritten.size > 10_000) this.lastWritten.clear();
    this.lastWritten.set(id, now);
    this.db
      .query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, now])
      .catch(() => this.lastWritten.delete(id));
  }
}
