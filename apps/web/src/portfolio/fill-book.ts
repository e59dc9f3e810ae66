/**
 * The fills on screen: pages from `/api/v1/fills` (oldest first, one cursor per bot) plus the live
 * `fills` stream once a bot's pages are exhausted, de-duplicated by (bot, fill id). Pure.
 * @module
 */
import type { Fill } from '@tickdeck/protocol';

export interface FillRow {
  botId: string;
  fill: Fill;
}

interface Paging {
  cursor: string | null;
  /** Every stored fill of the bot is loaded: live fills are the next ones. */
  done: boolean;
}

const keyOf = (botId: string, fill: Fill): string => `${botId}|${fill.id}`;

export class FillBook {
  private readonly rows = new Map<string, FillRow>();
  private readonly paging = new Map<string, Paging>();

  constructor(botIds: readonly string[]) {
    for (const botId of botIds) this.paging.set(botId, { cursor: null, done: false });
  }

  get size(): number {
    return this.rows.size;
  }

  /** Whether some bot has pages not loaded yet. */
  get hasMore(): boolean {
    for (const p of this.paging.values()) if (!p.done) return true;
    return false;
  }

  /** The bots with pages left and the cursor to ask each for. */
  nextRequests(): { botId: string; cursor: string | null }[] {
    return [...this.paging].filter(([, p]) => !p.done).map(([botId, p]) => ({ botId, cursor: p.cursor }));
  }

  /** Take a page; returns how many fills were new. */
  addPage(botId: string, fills: readonly Fill[], nextCursor: string | null): number {
    let added = 0;
    for (const fill of fills) if (this.put({ botId, fill })) added += 1;
    this.paging.set(botId, { cursor: nextCursor, done: nextCursor === null });
    return added;
  }

  /**
   * A fill from the live stream. Kept only when the bot's pages are exhausted (otherwise a later page
   * brings it, in order) or when the bot is new to the book. Returns whether it was added.
   */
  addLive(row: FillRow): boolean {
    const paging = this.paging.get(row.botId);
    if (paging === undefined) this.paging.set(row.botId, { cursor: null, done: false });
    if (paging === undefined || !paging.done) return false;
    return this.put(row);
  }

  /** Newest first (by time, then id), at most `limit`. */
  newest(limit: number): FillRow[] {
    return [...this.rows.values()]
      .sort((a, b) => b.fill.timestamp - a.fill.timestamp || (a.fill.id < b.fill.id ? 1 : -1))
      .slice(0, limit);
  }

  private put(row: FillRow): boolean {
    const key = keyOf(row.botId, row.fill);
    if (this.rows.has(key)) return false;
    this.rows.set(key, row);
    return true;
  }
}
