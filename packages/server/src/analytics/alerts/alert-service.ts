/**
 * Alerts at run time: the core engine fed with market metrics, portfolio states, custom metrics and
 * time; rules kept in the store; every transition published on the urgent `alerts` channel, recorded
 * in the history and handed to the webhook sender (which never blocks this path).
 * @module
 */
import {
  AlertEngine,
  validateAlertRule,
  type AckResult,
  type Clock,
  type MetricSample,
} from '@tickdeck/core';
import {
  AnalyticsChannels,
  type Alert,
  type AlertRule,
  type AlertTransition,
  type MarketMetrics,
  type PortfolioState,
} from '@tickdeck/protocol';
import type { WebhookTarget } from '../analytics-config.js';
import type { AlertStore } from '../store/alert-store.js';
import { webhookHostAllowed } from './webhook-hosts.js';
import { targetOfUrl, type WebhookSender } from './webhook-sender.js';

export interface AlertServiceOptions {
  store: AlertStore;
  sender: WebhookSender;
  globalWebhooks: readonly WebhookTarget[];
  /** Hosts rules' own webhooks and the test `url` may point at; empty or missing: any. */
  webhookHosts?: readonly string[];
  clock: Clock;
  publish(channel: string, data: unknown): void;
  onError(err: unknown, what: string): void;
}

/** The reason of a rule refused for a webhook outside `webhookHosts`. */
export const WEBHOOK_HOST_NOT_ALLOWED = 'WEBHOOK_HOST_NOT_ALLOWED';

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'the URL';
  }
};

export type RuleChange =
  { ok: true; rule: AlertRule } | { ok: false; code: string; field: string; message: string };

export class AlertService {
  readonly engine: AlertEngine;
  private history: Promise<void> = Promise.resolve();

  constructor(private readonly o: AlertServiceOptions) {
    this.engine = new AlertEngine([], { clock: o.clock });
  }

  /** Loads the stored rules. */
  async start(): Promise<void> {
    for (const rule of await this.o.store.rules()) this.engine.setRule(rule);
  }

  onMarket(m: MarketMetrics): void {
    this.emit(this.engine.onMarket(m));
  }

  onPortfolio(p: PortfolioState): void {
    this.emit(this.engine.onPortfolio(p));
  }

  onMetric(s: MetricSample): void {
    this.emit(this.engine.onMetric(s));
  }

  tick(): void {
    this.emit(this.engine.tick());
  }

  rules(): AlertRule[] {
    return this.engine.listRules();
  }

  active(): Alert[] {
    return this.engine.active();
  }

  /** Validates and stores a rule (new or replacing the one with its id), then applies it. */
  async putRule(body: unknown): Promise<RuleChange> {
    const v = validateAlertRule(body);
    if (!v.ok) return v;
    const refused = (v.rule.webhooks ?? []).findIndex((url) => !this.hostAllowed(url));
    if (refused >= 0) {
      return {
        ok: false,
        code: WEBHOOK_HOST_NOT_ALLOWED,
        field: `/webhooks/${refused}`,
        message: `webhook host not allowed: ${hostOf(v.rule.webhooks![refused]!)} is not in the configured webhookHosts`,
      };
    }
    await this.o.store.putRule(v.rule, this.o.clock.now());
    this.emit(this.engine.setRule(v.rule));
    return { ok: true, rule: v.rule };
  }

  /** Resolves with whether the rule existed. */
  async deleteRule(id: string): Promise<boolean> {
    const existed = await this.o.store.deleteRule(id);
    this.emit(this.engine.removeRule(id));
    return existed || false;
  }

  acknowledge(alertId: string, by: string): AckResult {
    const r = this.engine.acknowledge(alertId, by);
    if (r.ok) this.emit([r.transition]);
    return r;
  }

  /** Resolves once the history writes queued so far are done. */
  async drain(): Promise<void> {
    await this.history;
  }

  /** Whether a trader may point a webhook at `url` (the configured `webhookHosts`). */
  hostAllowed(url: string): boolean {
    return webhookHostAllowed(url, this.o.webhookHosts ?? []);
  }

  /** Sends a made-up transition to the global webhooks (or `url`), to check a webhook works. */
  testNotification(url?: string): { targets: number } {
    const now = this.o.clock.now();
    const t: AlertTransition = {
      type: 'fired',
      at: now,
      alert: {
        id: `test|tickdeck|${now}`,
        ruleId: 'test',
        ruleName: 'Test notification',
        kind: 'metric',
        subject: 'tickdeck',
        severity: 'info',
        state: 'firing',
        message: 'Test notification: tickdeck can reach this webhook',
        value: 0,
        threshold: 0,
        firedAt: now,
        resolvedAt: null,
        acknowledged: null,
      },
    };
    const targets = url !== undefined ? [targetOfUrl(url)] : this.o.globalWebhooks;
    this.o.sender.send(t, targets);
    return { targets: targets.length };
  }

  private emit(transitions: readonly AlertTransition[]): void {
    if (transitions.length === 0) return;
    for (const t of transitions) {
      this.o.publish(AnalyticsChannels.alerts, t);
      const rule = this.engine.listRules().find((r) => r.id === t.alert.ruleId);
      // A rule stored before webhookHosts was set keeps its other webhooks, not the refused ones.
      const own = (rule?.webhooks ?? []).filter((url) => this.hostAllowed(url));
      const targets = [...this.o.globalWebhooks, ...own.map(targetOfUrl)];
      this.o.sender.send(t, targets);
    }
    const batch = [...transitions];
    this.history = this.history
      .then(() => this.o.store.record(batch))
      .catch((err: unknown) => this.o.onError(err, 'alert history not stored'));
  }
}
