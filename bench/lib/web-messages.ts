/**
 * Counts what the page received over its WebSocket, read from the frames the browser reports
 * (each server frame is a JSON array of messages, docs/protocol.md): publications by channel
 * prefix (`ticker`, `tickers`, `trades`, `candles`, `metrics`, …) and frames.
 * @module
 */

/** Publications by channel prefix, and frames. */
export class MessageCounts {
  frames = 0;
  readonly byPrefix = new Map<string, number>();

  /** Count one server frame; a frame that is not JSON (MessagePack, a ping) counts as a frame only. */
  addFrame(payload: string | Buffer): void {
    this.frames += 1;
    if (typeof payload !== 'string') return;
    let messages: unknown;
    try {
      messages = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(messages)) return;
    for (const m of messages as { op?: unknown; ch?: unknown }[]) {
      if (m?.op !== 'pub' || typeof m.ch !== 'string') continue;
      const prefix = m.ch.split(':', 1)[0]!;
      this.byPrefix.set(prefix, (this.byPrefix.get(prefix) ?? 0) + 1);
    }
  }

  /** A copy, to subtract later. */
  snapshot(): CountSnapshot {
    return { frames: this.frames, byPrefix: Object.fromEntries(this.byPrefix) };
  }
}

/** Counts at one moment. */
export interface CountSnapshot {
  frames: number;
  byPrefix: Record<string, number>;
}

/**
 * What arrived between two snapshots.
 * @example since({ frames: 3, byPrefix: { ticker: 5 } }, { frames: 1, byPrefix: { ticker: 2 } })
 * // { frames: 2, byPrefix: { ticker: 3 } }
 */
export function since(now: CountSnapshot, before: CountSnapshot): CountSnapshot {
  const byPrefix: Record<string, number> = {};
  for (const [k, v] of Object.entries(now.byPrefix)) {
    const d = v - (before.byPrefix[k] ?? 0);
    if (d > 0) byPrefix[k] = d;
  }
  return { frames: now.frames - before.frames, byPrefix };
}

/** Total publications of a snapshot. */
export const totalPublications = (c: CountSnapshot): number =>
  Object.values(c.byPrefix).reduce((a, b) => a + b, 0);
