/**
 * The one ingest path, for the HTTP route, the bot WebSocket and the built-in paper bot: validate each
 * event, check the key's bot scope, store the new ones (committed) and only then acknowledge and apply
 * them (portfolio, channels, alerts). Batches are applied one at a time, in commit order, so the order
 * of the stored events is the order the portfolio saw them.
 * @module
 */
import { validateIngestBatch } from '@tickdeck/core';
import { IngestRejectCode, type BotEvent, type IngestEventResult } from '@tickdeck/protocol';
import type { BotEventStore, StoredEvent } from '../store/bot-event-store.js';
import { mayActFor, type KeyScope } from './api-keys.js';

export interface IngestServiceOptions {
  store: BotEventStore;
  isKnownSymbol(symbol: string): boolean;
  /** Default 1000. */
  maxEvents?: number | undefined;
  now(): number;
  /** Called with the newly stored events of a batch, in order, after the commit and before the ack. */
  onStored(events: readonly StoredEvent[]): void;
}

/** Counters for /metrics and the docs. */
export interface IngestCounters {
  accepted: number;
  duplicate: number;
  rejected: number;
}

export class IngestService {
  readonly counters: IngestCounters = { accepted: 0, duplicate: 0, rejected: 0 };
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: IngestServiceOptions) {}

  /**
   * Ingests a batch for a key's scope. Resolves with one result per event, in order, once the new ones
   * are committed; rejects (nothing acknowledged) if the store fails.
   */
  ingest(raw: readonly unknown[], scope: KeyScope): Promise<IngestEventResult[]> {
    const run = this.chain.then(() => this.run(raw, scope));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(raw: readonly unknown[], scope: KeyScope): Promise<IngestEventResult[]> {
    const checked = validateIngestBatch(raw, {
      isKnownSymbol: this.o.isKnownSymbol,
      maxEvents: this.o.maxEvents,
    });
    const results: IngestEventResult[] = [];
    const toStore: { index: number; event: BotEvent }[] = [];
    for (const c of checked) {
      if (c.status === 'rejected') {
        const { index, code, field, message, eventId } = c;
        results[index] = { index, eventId, status: 'rejected', code, field, message };
      } else if (c.status === 'duplicate') {
        results[c.index] = { index: c.index, eventId: c.eventId, status: 'duplicate' };
      } else if (!mayActFor(scope, c.event.botId)) {
        results[c.index] = {
          index: c.index,
          eventId: c.event.eventId,
          status: 'rejected',
          code: IngestRejectCode.ForbiddenBot,
          field: '/botId',
          message: `this API key may not ingest for bot ${c.event.botId}`,
        };
      } else toStore.push({ index: c.index, event: c.event });
    }
    const stored = await this.o.store.insert(
      toStore.map((t) => t.event),
      this.o.now(),
    );
    const fresh = new Set(stored.map((s) => s.event));
    for (const t of toStore) {
      results[t.index] = {
        index: t.index,
        eventId: t.event.eventId,
        status: fresh.has(t.event) ? 'accepted' : 'duplicate',
      };
    }
    for (const r of results)
      this.counters[
        r.status === 'accepted' ? 'accepted' : r.status === 'duplicate' ? 'duplicate' : 'rejected'
      ]++;
    if (stored.length > 0) this.o.onStored(stored);
    return results;
  }
}
