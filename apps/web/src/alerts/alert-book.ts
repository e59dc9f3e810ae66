/**
 * The alerts on screen, merged from the history, the firing list and the live `alerts` stream.
 * Merging is order-independent: an alert only moves forward (firing → resolved; acknowledged
 * stays acknowledged), so a late or replayed transition never undoes a newer one. Pure.
 * @module
 */
import type { Alert, AlertTransition } from '@tickdeck/protocol';

/** Alerts kept; the oldest resolved ones go first. */
export const MAX_ALERTS = 200;

/** Combine two views of one alert into the most advanced one. */
export const mergeAlert = (a: Alert, b: Alert): Alert => {
  const resolved = a.state === 'resolved' ? a : b.state === 'resolved' ? b : undefined;
  return {
    ...(resolved ?? b),
    state: resolved ? 'resolved' : 'firing',
    resolvedAt: a.resolvedAt ?? b.resolvedAt,
    acknowledged: a.acknowledged ?? b.acknowledged,
  };
};

/** Firing first, then the newest. */
const order = (a: Alert, b: Alert): number =>
  (a.state === 'firing' ? 0 : 1) - (b.state === 'firing' ? 0 : 1) || b.firedAt - a.firedAt;

export class AlertBook {
  private readonly alerts = new Map<string, Alert>();

  get size(): number {
    return this.alerts.size;
  }

  put(alert: Alert): void {
    const known = this.alerts.get(alert.id);
    this.alerts.set(alert.id, known ? mergeAlert(known, alert) : alert);
    if (this.alerts.size > MAX_ALERTS) {
      const drop = [...this.alerts.values()].sort(order).slice(MAX_ALERTS);
      for (const a of drop) this.alerts.delete(a.id);
    }
  }

  apply(transition: AlertTransition): void {
    this.put(transition.alert);
  }

  get(id: string): Alert | undefined {
    return this.alerts.get(id);
  }

  /** Firing first, then the newest. */
  list(): Alert[] {
    return [...this.alerts.values()].sort(order);
  }
}
