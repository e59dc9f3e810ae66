/**
 * A gateway's view of the markets its collector follows: read from LiveState (where the collector
 * keeps them, keyed by symbol) every second, so the synchronous lookups of routes and channel checks
 * never wait on the network. A market once seen stays known: a Redis that lost its data reads as no
 * markets until the collector writes them again, and clients must not be refused meanwhile.
 * @module
 */
import type { MarketRef } from '../app-deps.js';
import type { LiveState } from '../live/live-state.js';
import { MARKETS_STATE } from '../runtime/collector-core.js';

export class MarketsView {
  private readonly known = new Map<string, MarketRef>();
  private list: MarketRef[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly live: Pick<LiveState, 'states'>,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Read once, then every `everyMs`. */
  async start(everyMs = 1000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    try {
      const read = (await this.live.states(MARKETS_STATE)) as MarketRef[];
      for (const m of read) this.known.set(m.symbol, m);
      this.list = [...this.known.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    } catch (err) {
      this.onError(err); // keep the last list while Redis is away
    }
  }

  markets = (): MarketRef[] => this.list;

  isKnownSymbol = (symbol: string): boolean => this.known.has(symbol);

  stop(): void {
    clearInterval(this.timer);
  }
}
