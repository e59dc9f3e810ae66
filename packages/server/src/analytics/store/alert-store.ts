/**
 * Alert rules (as the trader wrote them) and the history of alert transitions.
 * @module
 */
import type { AlertRule, AlertTransition } from '@tickdeck/protocol';
import type { SqlExecutor } from '../../store/sql/sql-executor.js';

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export class AlertStore {
  constructor(private readonly db: SqlExecutor) {}

  async rules(): Promise<AlertRule[]> {
    const rows = await this.db.query<{ body: unknown }>('SELECT body FROM alert_rules ORDER BY id');
    return rows.map((r) => parse<AlertRule>(r.body));
  }

  async putRule(rule: AlertRule, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_rules (id, body, updated_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
      [rule.id, JSON.stringify(rule), now],
    );
  }

  /** Resolves with whether the rule existed. */
  async deleteRule(id: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM alert_rules WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }

  async record(transitions: readonly AlertTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    await this.db.query(
      `INSERT INTO alert_history (alert_id, rule_id, type, at, body)
       SELECT a, r, t, at, j::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
         WITH ORDINALITY AS u(a, r, t, at, j, n) ORDER BY n`,
      [
        transitions.map((t) => t.alert.id),
        transitions.map((t) => t.alert.ruleId),
        transitions.map((t) => t.type),
        transitions.map((t) => t.at),
        transitions.map((t) => JSON.stringify(t)),
      ],
    );
  }

  /** The newest `limit` transitions (optionally after `before` seq), newest first. */
  async history(q: { limit: number; ruleId?: string | undefined }): Promise<AlertTransition[]> {
    const params: (string | number)[] = [];
    const where = q.ruleId !== undefined ? `WHERE rule_id = $${params.push(q.ruleId)}` : '';
    const rows = await this.db.query<{ body: unknown }>(
      `SELECT body FROM alert_history ${where} ORDER BY seq DESC LIMIT $${params.push(q.limit)}`,
      params,
    );
    return rows.map((r) => parse<AlertTransition>(r.body));
  }
}
