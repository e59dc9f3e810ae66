/**
 * The one schema of tickdeck's history, as an ordered list of migrations run by the same code on PGlite
 * and PostgreSQL. Append new migrations (orders, fills, alerts…) at the end with the next version;
 * never edit one that has shipped.
 * @module
 */
import { HistoryStoreError, HistoryStoreErrorCode } from '../history-store-error.js';
import type { SqlExecutor } from './sql-executor.js';

export interface Migration {
  /** 1, 2, 3… in order, without gaps. */
  version: number;
  name: string;
  /** Statements run in order, inside the migration's transaction. One statement per string. */
  statements: readonly string[];
}

export const MIGRATIONS_TABLE = 'tickdeck_migrations';

/** Serializes concurrent migrators (a collector and gateways starting together) on PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_420_613_001;

export const HISTORY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'candles and trades',
    statements: [
      `CREATE TABLE candles (
        symbol text NOT NULL,
        timeframe text NOT NULL,
        time bigint NOT NULL,
        open double precision NOT NULL,
        high double precision NOT NULL,
        low double precision NOT NULL,
        close double precision NOT NULL,
        volume double precision NOT NULL,
        trades bigint NOT NULL,
        closed boolean NOT NULL,
        PRIMARY KEY (symbol, timeframe, time)
      )`,
      `CREATE TABLE trades (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        symbol text NOT NULL,
        market_type text NOT NULL,
        time bigint NOT NULL,
        id text,
        price double precision NOT NULL,
        amount double precision NOT NULL,
        side text
      )`,
      // (time, seq) is the keyset of trade pages; seq breaks ties between trades of the same ms.
      'CREATE INDEX trades_symbol_time ON trades (symbol, time, seq)',
      // Lets a writer retry a batch whose commit it could not confirm without storing a trade twice.
      'CREATE UNIQUE INDEX trades_symbol_id ON trades (symbol, id) WHERE id IS NOT NULL',
      'CREATE INDEX trades_time ON trades (time)',
    ],
  },
  {
    version: 2,
    name: 'bot events, orders, equity, alerts, commands',
    statements: [
      // Every event a bot sent, as validated; (bot_id, event_id) makes ingest idempotent, seq is the order
      // events were applied in (the portfolio is rebuilt by replaying fills in seq order).
      `CREATE TABLE bot_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        bot_id text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        event_time bigint NOT NULL,
        received_at bigint NOT NULL,
        body jsonb NOT NULL,
        CONSTRAINT bot_events_bot_event UNIQUE (bot_id, event_id)
      )`,
      'CREATE INDEX bot_events_bot_type ON bot_events (bot_id, type, seq)',
      'CREATE INDEX bot_events_type ON bot_events (type, seq)',
      // The latest state of each order.
      `CREATE TABLE bot_orders (
        bot_id text NOT NULL,
        order_id text NOT NULL,
        symbol text NOT NULL,
        status text NOT NULL,
        updated_at bigint NOT NULL,
        seq bigint NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (bot_id, order_id)
      )`,
      'CREATE INDEX bot_orders_bot_seq ON bot_orders (bot_id, seq)',
      `CREATE TABLE bots (
        bot_id text PRIMARY KEY,
        first_seen bigint NOT NULL,
        last_seen bigint NOT NULL
      )`,
      `CREATE TABLE equity_points (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        bot_id text NOT NULL,
        t bigint NOT NULL,
        equity double precision NOT NULL,
        realized double precision NOT NULL,
        unrealized double precision NOT NULL,
        fees double precision NOT NULL,
        cause text NOT NULL
      )`,
      'CREATE INDEX equity_points_bot_t ON equity_points (bot_id, t, seq)',
      `CREATE TABLE alert_rules (
        id text PRIMARY KEY,
        body jsonb NOT NULL,
        updated_at bigint NOT NULL
      )`,
      `CREATE TABLE alert_history (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        alert_id text NOT NULL,
        rule_id text NOT NULL,
        type text NOT NULL,
        at bigint NOT NULL,
        body jsonb NOT NULL
      )`,
      'CREATE INDEX alert_history_alert ON alert_history (alert_id)',
      `CREATE TABLE bot_commands (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        command_id text NOT NULL UNIQUE,
        bot_id text NOT NULL,
        kind text NOT NULL,
        name text,
        params jsonb,
        issued_by text NOT NULL,
        issued_at bigint NOT NULL,
        status text NOT NULL,
        delivered_at bigint,
        result_ok boolean,
        result_message text,
        result_at bigint
      )`,
      'CREATE INDEX bot_commands_bot ON bot_commands (bot_id, seq)',
    ],
  },
  {
    version: 3,
    name: 'bot API keys',
    statements: [
      // Only the SHA-256 of each key is kept (keys are random, 256 bits: see docs/security.md).
      `CREATE TABLE api_keys (
        id text PRIMARY KEY,
        bot_id text NOT NULL,
        label text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at bigint NOT NULL,
        created_by text NOT NULL,
        last_used_at bigint,
        revoked_at bigint
      )`,
      'CREATE INDEX api_keys_bot ON api_keys (bot_id)',
    ],
  },
];

export interface MigrationResult {
  /** Versions applied by this call, ascending (empty when the schema was current). */
  applied: number[];
  /** Schema version after the call. */
  version: number;
}

/**
 * Bring the database to the newest version in `migrations`, each migration in its own transaction,
 * recorded in {@link MIGRATIONS_TABLE}. Idempotent; safe to run from several processes at once.
 * Refuses a database whose schema is newer than this code.
 */
export async function runMigrations(
  db: SqlExecutor,
  migrations: readonly Migration[] = HISTORY_MIGRATIONS,
): Promise<MigrationResult> {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const applied: number[] = [];
  for (;;) {
    const step = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
      const rows = await tx.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${MIGRATIONS_TABLE}`);
      const current = rows[0]?.v ?? 0;
      if (current > latest) {
        throw new HistoryStoreError(
          HistoryStoreErrorCode.MigrationFailed,
          `The database schema is at version ${current}, newer than this tickdeck knows (${latest}); upgrade tickdeck`,
        );
      }
      const next = migrations.find((m) => m.version === current + 1);
      if (next === undefined) return { current, done: true };
      try {
        for (const statement of next.statements) await tx.query(statement);
      } catch (cause) {
        throw new HistoryStoreError(
          HistoryStoreErrorCode.MigrationFailed,
          `Migration ${next.version} (${next.name}) failed: ${(cause as Error).message}`,
          { cause },
        );
      }
      await tx.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name) VALUES ($1, $2)`, [
        next.version,
        next.name,
      ]);
      return { current: next.version, done: false };
    });
    if (step.done) return { applied, version: step.current };
    applied.push(step.current);
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration list out of order at ${m.name}: expected version ${i + 1}`);
  });
}
