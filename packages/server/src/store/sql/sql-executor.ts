/**
 * SqlExecutor: the few things the SQL stores need from a PostgreSQL-compatible database, so that the
 * store logic is written once and runs on PGlite (embedded) and on PostgreSQL (a `pg` Pool).
 *
 * Guarantees, for every driver:
 * - `query` runs one statement with `$1…$n` parameters and resolves with its rows;
 * - `transaction` runs `fn` on one connection between BEGIN and COMMIT, and rolls back if `fn` throws;
 * - int8 (bigint) values may come back as string, number or bigint: readers convert with `Number()`;
 *   float8 values come back as numbers equal to the JS doubles written.
 * @module
 */

export type SqlScalar = string | number | boolean | null;

/** A value bound to `$n`; arrays bind as PostgreSQL arrays (for `unnest`). */
export type SqlParam = SqlScalar | readonly SqlScalar[];

export type SqlRow = Record<string, unknown>;

/** Something that runs statements: the database itself, or one transaction. */
export interface SqlQueryable {
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly SqlParam[]): Promise<R[]>;
}

export interface SqlExecutor extends SqlQueryable {
  /** Driver name for /ready and logs: `pglite` or `postgres`. */
  readonly dialect: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
