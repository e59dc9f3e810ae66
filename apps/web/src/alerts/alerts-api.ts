/**
 * REST calls of the Alerts page: alerts, their history, acknowledgement, rules and the test
 * notification.
 * @module
 */
import type { Alert, AlertRule, AlertTransition } from '@tickdeck/protocol';
import { requestJson } from '../data/rest.js';

/** GET /api/v1/alerts: the alerts firing now. */
export const fetchActiveAlerts = async (signal?: AbortSignal): Promise<Alert[]> =>
  (await requestJson<{ alerts: Alert[] }>('/api/v1/alerts', { signal })).alerts;

/** GET /api/v1/alerts/history: transitions, newest first. */
export const fetchAlertHistory = async (limit = 200, signal?: AbortSignal): Promise<AlertTransition[]> =>
  (await requestJson<{ transitions: AlertTransition[] }>(`/api/v1/alerts/history?limit=${limit}`, { signal }))
    .transitions;

/** POST /api/v1/alerts/:id/ack */
export const acknowledgeAlert = (id: string): Promise<AlertTransition> =>
  requestJson<AlertTransition>(`/api/v1/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST' });

/** GET /api/v1/alerts/rules */
export const fetchRules = async (signal?: AbortSignal): Promise<AlertRule[]> =>
  (await requestJson<{ rules: AlertRule[] }>('/api/v1/alerts/rules', { signal })).rules;

/** Create (POST) or replace (PUT, when `editing`) a rule; a refusal is a `ProblemError` with `field`. */
export const saveRule = (rule: Record<string, unknown>, editing: boolean): Promise<AlertRule> =>
  editing
    ? requestJson<AlertRule>(`/api/v1/alerts/rules/${encodeURIComponent(String(rule.id))}`, {
        method: 'PUT',
        body: rule,
      })
    : requestJson<AlertRule>('/api/v1/alerts/rules', { method: 'POST', body: rule });

/** DELETE /api/v1/alerts/rules/:id */
export const deleteRule = (id: string): Promise<void> =>
  requestJson<void>(`/api/v1/alerts/rules/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** POST /api/v1/alerts/test-notification: resolves with the number of webhooks it was queued for. */
export const sendTestNotification = async (url?: string): Promise<number> =>
  (
    await requestJson<{ queued: number }>('/api/v1/alerts/test-notification', {
      method: 'POST',
      body: url ? { url } : {},
    })
  ).queued;
