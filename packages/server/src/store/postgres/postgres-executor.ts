/**
 * SqlExecutor over a PostgreSQL server through a `pg` Pool. The pool survives the server going away:
 * broken connections are dropped (their errors reported to `onError`, never thrown), and new ones are
 * made on the next query once the server is back.
 * @module
 */
import pg from 'pg';
import { HistoryStoreError, HistoryStoreErrorCode } from '../history-store-error.js';
import type { SqlExecutor, SqlParam, SqlQueryable, SqlRow } from '../sql/sql-executor.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (anything `pg` accepts). */
  url: string;
  /** Most connections open at once. Default 10. */
  poolSize?: number | undefined;
  /** Give up connecting after this long. Default 5000 ms. */
  connectionTimeoutMs?: number | undefined;
  /** Fail a query with no answer after this long (client side). Default 30,000 ms. */
  queryTimeoutMs?: number | undefined;
  /** Close a connection idle for this long. Default 30,000 ms. */
  idleTimeoutMs?: number | undefined;
  /** Errors of idle or broken connections, for the log. Default: ignored. */
  onError?: ((err: Error) => void) | undefined;
}

/** SQLSTATE classes and Node/pg messages meaning "the server cannot be used right now". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended|not queryable/i;

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export function isUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code)))
    return true;
  if (err instanceof AggregateError) return err.errors.some(isUnavailableError);
  return UNAVAILABLE_MESSAGE.test(err.message);
}

export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres';
  readonly pool: pg.Pool;
  private readonly where: string;

  constructor(options: PostgresOptions) {
    this.where = redactUrl(options.url);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      query_timeout: options.queryTimeoutMs ?? 30_000,
      idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
      keepAlive: true,
      application_name: 'tickdeck',
    });
    const onError = options.onError ?? (() => undefined);
    // pg attaches the pool's client (its connection parameters and state) to these errors: pass on
    // only what says what happened, so a log line stays short and carries no connection settings.
    this.pool.on('error', (err) => {
      const plain = new Error(err.message);
      const code = (err as { code?: unknown }).code;
      if (code !== undefined) Object.assign(plain, { code });
      onError(plain);
    });
  }

  async query<R extends SqlRow = SqlRow>(text: string, params?: readonly SqlParam[]): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(text, params ? [...params] : undefined);
      return result.rows;
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.wrap(err);
    }
    // A checked-out client has no error listener of the pool's: without ours a dropped socket would crash.
    let broken: unknown;
    const onClientError = (err: Error) => {
      broken = err;
    };
    client.on('error', onClientError);
    const tx: SqlQueryable = {
      query: async <R extends SqlRow = SqlRow>(text: string, params?: readonly SqlParam[]) =>
        (await client.query<R>(text, params ? [...params] : undefined)).rows,
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      broken ??= isUnavailableError(err) ? err : undefined;
      if (broken === undefined) await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
      throw this.wrap(err);
    } finally {
      client.removeListener('error', onClientError);
      client.release(broken === undefined ? undefined : true);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private wrap(err: unknown): unknown {
    if (err instanceof HistoryStoreError || !isUnavailableError(err)) return err;
    const detail = err instanceof Error ? err.message || (err as { code?: string }).code : String(err);
    return new HistoryStoreError(
      HistoryStoreErrorCode.Unavailable,
      `PostgreSQL at ${this.where}: ${detail}`,
      {
        cause: err,
      },
    );
  }
}
