/**
 * The alert rules engine: pure, fed by the server with market metrics, portfolio states and custom
 * metrics, and by {@link AlertEngine.tick} for time passing. Returns transitions (fired, resolved,
 * acknowledged) for the alerts channel, history and webhooks.
 * @module
 */
import {
  AlertErrorCode,
  type Alert,
  type AlertErrorCodeValue,
  type AlertRule,
  type AlertTransition,
  type MarketMetrics,
  type PortfolioState,
} from '@tickdeck/protocol';
import { systemClock, type Clock } from '../../clock.js';
import { describeObservation } from './alert-text.js';
import { PriceWindow } from './price-window.js';
import {
  initialThresholdState,
  stepThreshold,
  type ThresholdCheck,
  type ThresholdState,
} from './threshold.js';

interface Slot {
  state: ThresholdState;
  alert: Alert | null;
}

export interface AlertEngineOptions {
  /** Resolved alerts kept for acknowledgement, most recent. Default 1000. */
  maxRecent?: number | undefined;
  /** Time of evaluations called without `now`. Default the system clock. */
  clock?: Clock | undefined;
}

/** A custom metric as the engine sees it. */
export interface MetricSample {
  botId: string;
  name: string;
  value: number;
  tags?: Record<string, string> | undefined;
}

export type AckResult = { ok: true; transition: AlertTransition } | { ok: false; code: AlertErrorCodeValue };

const clone = (a: Alert): Alert => ({ ...a, acknowledged: a.acknowledged && { ...a.acknowledged } });

export class AlertEngine {
  private readonly rules = new Map<string, AlertRule>();
  private readonly slots = new Map<string, Slot>();
  private readonly recent = new Map<string, Alert>();
  private readonly lastEventAt = new Map<string, number>();
  private readonly windows = new Map<string, PriceWindow>();
  private readonly maxRecent: number;
  private readonly clock: Clock;

  constructor(rules: readonly AlertRule[] = [], options: AlertEngineOptions = {}) {
    this.maxRecent = options.maxRecent ?? 1000;
    this.clock = options.clock ?? systemClock;
    for (const r of rules) this.rules.set(r.id, r);
  }

  listRules(): AlertRule[] {
    return [...this.rules.values()];
  }

  /** Adds or replaces a rule. A replaced rule's firing alerts resolve and its state starts over. */
  setRule(rule: AlertRule, now: number = this.clock.now()): AlertTransition[] {
    const out = this.removeRule(rule.id, now);
    this.rules.set(rule.id, rule);
    return out;
  }

  /** Removes a rule; its firing alerts resolve. */
  removeRule(id: string, now: number = this.clock.now()): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const [key, slot] of this.slots) {
      if (!key.startsWith(`${id}|`)) continue;
      if (slot.alert)
        out.push(
          this.resolve(slot.alert, slot.alert.value, now, `${slot.alert.ruleName}: rule changed or removed`),
        );
      this.slots.delete(key);
    }
    this.rules.delete(id);
    return out;
  }

  /** Alerts now firing. */
  active(): Alert[] {
    return [...this.slots.values()].flatMap((s) => (s.alert ? [clone(s.alert)] : []));
  }

  /** Evaluates the market rules of `m.symbol` (price cross, % move, spread, latency, staleness). */
  onMarket(m: MarketMetrics, now: number = this.clock.now()): AlertTransition[] {
    if (m.silenceMs !== null) this.lastEventAt.set(m.symbol, m.asOf - m.silenceMs);
    const out: AlertTransition[] = [];
    const rules = this.enabled().filter((r) => 'symbol' in r && r.symbol === m.symbol && !('botId' in r));
    if (m.last !== null) {
      const keep = Math.max(0, ...rules.map((r) => (r.kind === 'pct_move' ? r.windowMs : 0)));
      if (keep > 0) {
        let w = this.windows.get(m.symbol);
        if (w === undefined) this.windows.set(m.symbol, (w = new PriceWindow()));
        w.add(now, m.last, keep);
      }
    }
    for (const r of rules) {
      const cd = r.cooldownMs ?? 0;
      switch (r.kind) {
        case 'price_cross': {
          if (m.last === null) break;
          const h = r.hysteresis ?? 0;
          const clear = r.direction === 'above' ? r.price - h : r.price + h;
          this.eval(
            r,
            m.symbol,
            m.last,
            { direction: r.direction, threshold: r.price, clear, needsCross: true, cooldownMs: cd },
            now,
            out,
          );
          break;
        }
        case 'pct_move': {
          const change = this.windows.get(m.symbol)?.changePct(now, r.windowMs) ?? null;
          if (change === null) break;
          const clearPct = r.clearPct ?? r.pct / 2;
          if (r.direction === 'down') {
            this.eval(
              r,
              m.symbol,
              change,
              { direction: 'below', threshold: -r.pct, clear: -clearPct, cooldownMs: cd },
              now,
              out,
            );
          } else {
            const v = r.direction === 'up' ? change : Math.abs(change);
            this.eval(
              r,
              m.symbol,
              v,
              { direction: 'above', threshold: r.pct, clear: clearPct, cooldownMs: cd },
              now,
              out,
            );
          }
          break;
        }
        case 'spread':
          if (m.spreadBps !== null) {
            this.eval(
              r,
              m.symbol,
              m.spreadBps,
              { direction: 'above', threshold: r.bps, clear: r.clearBps ?? r.bps, cooldownMs: cd },
              now,
              out,
            );
          }
          break;
        case 'feed_latency':
          if (m.feedLatencyMs !== null) {
            this.eval(
              r,
              m.symbol,
              m.feedLatencyMs,
              { direction: 'above', threshold: r.ms, clear: r.clearMs ?? r.ms, cooldownMs: cd },
              now,
              out,
            );
          }
          break;
        case 'feed_stale':
          this.evalStale(r, now, out);
          break;
      }
    }
    return out;
  }

  /** Time passing: feed-staleness rules of symbols that sent at least one event. */
  tick(now: number = this.clock.now()): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const r of this.enabled()) if (r.kind === 'feed_stale') this.evalStale(r, now, out);
    return out;
  }

  /** Evaluates the rules of a bot: drawdown, daily loss, position size. */
  onPortfolio(p: PortfolioState, now: number = this.clock.now()): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const r of this.enabled()) {
      if (!('botId' in r) || r.botId !== p.botId) continue;
      const cd = r.cooldownMs ?? 0;
      if (r.kind === 'drawdown') {
        const v = p.stats.currentDrawdownPct;
        this.eval(
          r,
          p.botId,
          v,
          { direction: 'above', threshold: r.pct, clear: r.clearPct ?? r.pct, cooldownMs: cd },
          now,
          out,
        );
      } else if (r.kind === 'daily_loss') {
        const v = -p.stats.dailyPnl;
        this.eval(
          r,
          p.botId,
          v,
          { direction: 'above', threshold: r.amount, clear: r.clearAmount ?? r.amount, cooldownMs: cd },
          now,
          out,
        );
      } else if (r.kind === 'position_size') {
        for (const pos of p.positions) {
          if (r.symbol !== undefined && pos.symbol !== r.symbol) continue;
          const v = Math.abs(r.measure === 'amount' ? pos.amount : pos.notional);
          const check: ThresholdCheck = {
            direction: 'above',
            threshold: r.size,
            clear: r.clearSize ?? r.size,
            cooldownMs: cd,
          };
          this.eval(r, `${p.botId}/${pos.symbol}`, v, check, now, out);
        }
      }
    }
    return out;
  }

  /** Evaluates custom-metric rules; each (bot, name, tags) is its own series. */
  onMetric(s: MetricSample, now: number = this.clock.now()): AlertTransition[] {
    const out: AlertTransition[] = [];
    const tags = Object.entries(s.tags ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const subject = `${s.botId}/${s.name}${tags ? `{${tags}}` : ''}`;
    for (const r of this.enabled()) {
      if (r.kind !== 'metric' || r.name !== s.name || (r.botId !== undefined && r.botId !== s.botId))
        continue;
      const check: ThresholdCheck = {
        direction: r.direction,
        threshold: r.value,
        clear: r.clearValue ?? r.value,
        cooldownMs: r.cooldownMs ?? 0,
      };
      this.eval(r, subject, s.value, check, now, out);
    }
    return out;
  }

  /** A trader acknowledges a firing or recently resolved alert. */
  acknowledge(alertId: string, by: string, now: number = this.clock.now()): AckResult {
    const alert =
      [...this.slots.values()].find((s) => s.alert?.id === alertId)?.alert ??
      this.recent.get(alertId) ??
      null;
    if (alert === null) return { ok: false, code: AlertErrorCode.AlertNotFound };
    if (alert.acknowledged !== null) return { ok: false, code: AlertErrorCode.AlreadyAcknowledged };
    alert.acknowledged = { by, at: now };
    return { ok: true, transition: { type: 'acknowledged', at: now, alert: clone(alert) } };
  }

  private enabled(): AlertRule[] {
    return [...this.rules.values()].filter((r) => r.enabled);
  }

  private evalStale(
    r: Extract<AlertRule, { kind: 'feed_stale' }>,
    now: number,
    out: AlertTransition[],
  ): void {
    const last = this.lastEventAt.get(r.symbol);
    if (last === undefined) return;
    const check: ThresholdCheck = {
      direction: 'above',
      threshold: r.seconds,
      clear: r.seconds,
      cooldownMs: r.cooldownMs ?? 0,
    };
    this.eval(r, r.symbol, Math.max(0, now - last) / 1000, check, now, out);
  }

  private eval(
    rule: AlertRule,
    subject: string,
    value: number,
    c: ThresholdCheck,
    now: number,
    out: AlertTransition[],
  ): void {
    const key = `${rule.id}|${subject}`;
    let slot = this.slots.get(key);
    if (slot === undefined) this.slots.set(key, (slot = { state: initialThresholdState(), alert: null }));
    const step = stepThreshold(slot.state, value, c, now);
    if (step === 'fire') {
      slot.alert = {
        id: `${key}|${now}`,
        ruleId: rule.id,
        ruleName: rule.name,
        kind: rule.kind,
        subject,
        severity: rule.severity,
        state: 'firing',
        message: `${rule.name}: ${describeObservation(rule, subject, value, true)}`,
        value,
        threshold: c.threshold,
        firedAt: now,
        resolvedAt: null,
        acknowledged: null,
      };
      out.push({ type: 'fired', at: now, alert: clone(slot.alert) });
    } else if (step === 'resolve' && slot.alert) {
      out.push(
        this.resolve(
          slot.alert,
          value,
          now,
          `${rule.name}: ${describeObservation(rule, subject, value, false)}`,
        ),
      );
      slot.alert = null;
    }
  }

  private resolve(alert: Alert, value: number, now: number, message: string): AlertTransition {
    alert.state = 'resolved';
    alert.resolvedAt = now;
    alert.value = value;
    alert.message = message;
    this.recent.set(alert.id, alert);
    if (this.recent.size > this.maxRecent) this.recent.delete(this.recent.keys().next().value!);
    return { type: 'resolved', at: now, alert: clone(alert) };
  }
}
