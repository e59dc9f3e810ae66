/**
 * Delivers alert transitions to webhooks without ever blocking the caller: a bounded queue (past its
 * size new deliveries are dropped and counted), one delivery at a time per sender, each retried with
 * exponential backoff on a network error, a timeout, HTTP 429 or 5xx.
 * @module
 */
import { formatGenericWebhook, formatSlack, formatTelegram } from '@tickdeck/core';
import type { AlertTransition } from '@tickdeck/protocol';
import type { WebhookTarget } from '../analytics-config.js';

export interface WebhookSenderOptions {
  /** Deliveries waiting; past it new ones are dropped. Default 1000. */
  queueSize?: number | undefined;
  /** Attempts per delivery. Default 5. */
  attempts?: number | undefined;
  /** First retry delay, ms, doubled per attempt up to 60 s. Default 1000. */
  backoffMs?: number | undefined;
  /** Per-request timeout, ms. Default 10,000. */
  timeoutMs?: number | undefined;
  /** Default global fetch. */
  fetch?: typeof fetch | undefined;
  onGiveUp?: ((target: string, err: string) => void) | undefined;
}

export interface WebhookCounters {
  sent: number;
  retried: number;
  failed: number;
  dropped: number;
}

interface Delivery {
  target: WebhookTarget;
  body: unknown;
}

/** The format of a rule's webhook URL, guessed from its host (Slack and Telegram), else generic. */
export function targetOfUrl(url: string): WebhookTarget {
  try {
    const u = new URL(url);
    if (u.hostname === 'hooks.slack.com') return { url, format: 'slack' };
    if (u.hostname === 'api.telegram.org') {
      const chatId = u.searchParams.get('chat_id') ?? undefined;
      return { url, format: 'telegram', ...(chatId !== undefined ? { chatId } : {}) };
    }
  } catch {
    // validated by the rule schema; fall through
  }
  return { url, format: 'generic' };
}

/** The request body for a target. */
export function webhookBody(target: WebhookTarget, t: AlertTransition): unknown {
  switch (target.format) {
    case 'slack':
      return formatSlack(t);
    case 'telegram':
      return formatTelegram(t, target.chatId ?? '');
    default:
      return formatGenericWebhook(t);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export class WebhookSender {
  readonly counters: WebhookCounters = { sent: 0, retried: 0, failed: 0, dropped: 0 };
  private readonly queue: Delivery[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly queueSize: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly o: WebhookSenderOptions = {}) {
    this.queueSize = o.queueSize ?? 1000;
    this.attempts = o.attempts ?? 5;
    this.backoffMs = o.backoffMs ?? 1000;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.fetch = o.fetch ?? fetch;
  }

  /** Queues a transition for each target; returns at once. */
  send(t: AlertTransition, targets: readonly WebhookTarget[]): void {
    for (const target of targets) this.enqueue({ target, body: webhookBody(target, t) });
  }

  /** Queues a raw body (the test notification). */
  enqueue(d: Delivery): void {
    if (this.closed) return;
    if (this.queue.length >= this.queueSize) {
      this.counters.dropped++;
      return;
    }
    this.queue.push(d);
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private async run(): Promise<void> {
    for (let d = this.queue.shift(); d !== undefined && !this.closed; d = this.queue.shift())
      await this.deliver(d);
  }

  private async deliver(d: Delivery): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts && !this.closed; attempt++) {
      if (attempt > 1) {
        this.counters.retried++;
        await sleep(Math.min(60_000, this.backoffMs * 2 ** (attempt - 2)));
      }
      try {
        const res = await this.fetch(d.target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(d.body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          this.counters.sent++;
          return;
        }
        lastError = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) break;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    this.counters.failed++;
    this.o.onGiveUp?.(redact(d.target.url), lastError);
  }
}

/** A webhook URL without its path and query (which hold the secrets of Slack and Telegram URLs). */
export function redact(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(bad URL)';
  }
}
