/** SqlExecutor over an embedded PGlite database. */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlExecutor, SqlParam, SqlQueryable, SqlRow } from '../sql/sql-executor.js';

const queryable = (db: PGlite | Transaction): SqlQueryable => ({
  async query<R extends SqlRow = SqlRow>(text: string, params?: readonly SqlParam[]): Promise<R[]> {
    const result = await db.query<R>(text, params ? [...params] : undefined);
    return result.rows;
  },
});

export class PgliteExecutor implements SqlExecutor {
  readonly dialect = 'pglite';
  private readonly q: SqlQueryable;

  constructor(readonly pglite: PGlite) {
    this.q = queryable(pglite);
  }

  query<R extends SqlRow = SqlRow>(text: string, params?: readonly SqlParam[]): Promise<R[]> {
    return this.q.query<R>(text, params);
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(queryable(tx)));
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
