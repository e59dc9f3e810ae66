/**
 * Equity curves of one or several bots, kept in time order and bounded, and laid out for uPlot
 * (one shared time axis in seconds, one column per bot, null where a bot has no point). Pure.
 * @module
 */
import type { EquityPoint } from '@tickdeck/protocol';

/** Points kept per bot; older ones are dropped. */
export const MAX_EQUITY_POINTS = 5000;

export interface AlignedSeries {
  /** Seconds since the epoch, ascending. */
  times: number[];
  /** One per bot, in the order asked; null where that bot has no point at that time. */
  columns: (number | null)[][];
}

export class EquitySeries {
  private readonly byBot = new Map<string, { t: number; equity: number }[]>();

  /** Replace a bot's curve. */
  set(botId: string, points: readonly EquityPoint[]): void {
    this.byBot.set(botId, []);
    for (const p of points) this.add(p);
  }

  /** Add one point; a point at the same time as an existing one replaces it. */
  add(point: EquityPoint): void {
    let list = this.byBot.get(point.botId);
    if (list === undefined) this.byBot.set(point.botId, (list = []));
    const item = { t: point.t, equity: point.equity };
    const last = list[list.length - 1];
    if (last === undefined || last.t < item.t) list.push(item);
    else {
      let i = list.length - 1;
      while (i >= 0 && list[i]!.t > item.t) i -= 1;
      if (i >= 0 && list[i]!.t === item.t) list[i] = item;
      else list.splice(i + 1, 0, item);
    }
    if (list.length > MAX_EQUITY_POINTS) list.splice(0, list.length - MAX_EQUITY_POINTS);
  }

  /** Number of points of a bot. */
  count(botId: string): number {
    return this.byBot.get(botId)?.length ?? 0;
  }

  aligned(botIds: readonly string[]): AlignedSeries {
    const times = [...new Set(botIds.flatMap((id) => (this.byBot.get(id) ?? []).map((p) => p.t)))].sort(
      (a, b) => a - b,
    );
    const index = new Map(times.map((t, i) => [t, i]));
    const columns = botIds.map((id) => {
      const column = new Array<number | null>(times.length).fill(null);
      for (const p of this.byBot.get(id) ?? []) column[index.get(p.t)!] = p.equity;
      return column;
    });
    return { times: times.map((t) => t / 1000), columns };
  }
}
