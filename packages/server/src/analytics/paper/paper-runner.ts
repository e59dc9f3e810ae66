/**
 * The built-in paper-trading bot at run time: a core PaperBot fed with live tickers and candles,
 * reporting through the same ingest service as any bot (validation, its key's bot scope, storage
 * before acknowledgement), its state on `strategy:<botId>`, obeying pause, resume and stop.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { PaperBot, createStrategy, type Strategy } from '@tickdeck/core';
import {
  AnalyticsChannels,
  TIMEFRAMES,
  type BotCommand,
  type BotEvent,
  type Candle,
  type IngestEventResult,
  type StrategyState,
  type Ticker,
  type Timeframe,
} from '@tickdeck/protocol';
import type { PaperBotConfig } from '../analytics-config.js';

export interface PaperRunnerDeps {
  /** The ingest path, with the paper bot's own scope. */
  ingest(events: BotEvent[]): Promise<IngestEventResult[]>;
  /** Closed candles to warm the strategy with, oldest first. */
  warmCandles(symbol: string, tf: Timeframe, limit: number): Promise<Candle[]>;
  now(): number;
  /** The long position the bot holds in its stored portfolio, if any (so a restart keeps managing it). */
  openPosition(botId: string, symbol: string): { amount: number; entryPrice: number } | undefined;
  publish(channel: string, data: unknown): void;
  /** Reports a command's result (the audit trail). */
  complete(command: BotCommand, ok: boolean, message: string): void;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export type PaperConfigChange =
  { ok: true; config: PaperBotConfig } | { ok: false; code: string; field: string; message: string };

export class PaperRunner {
  private bot: PaperBot | null = null;
  private strategy: Strategy | null = null;
  /** Open time of the newest candle the strategy has seen outside the bot (warm-up). */
  private warmedTo = -Infinity;
  /** Whether the enter-on-start decision was taken for the current run. */
  private entryDecided = false;
  private config: PaperBotConfig;
  private pending: Promise<unknown> = Promise.resolve();
  /** Events the ingest path refused (should stay 0). */
  rejected = 0;

  constructor(
    config: PaperBotConfig,
    private readonly deps: PaperRunnerDeps,
  ) {
    this.config = config;
  }

  get botId(): string {
    return this.config.botId;
  }

  get running(): boolean {
    return this.bot !== null && this.bot.running;
  }

  /** Validates a strategy change without applying it. */
  static check(config: PaperBotConfig): PaperConfigChange {
    const r = createStrategy(config.strategy, config.params);
    return r.ok
      ? { ok: true, config }
      : { ok: false, code: r.code, field: `/params${r.field}`, message: r.message };
  }

  /** Starts (or restarts with `config`): a new strategy, warmed on stored candles, and a new id prefix. */
  async start(config: PaperBotConfig = this.config): Promise<PaperConfigChange> {
    const made = createStrategy(config.strategy, config.params);
    if (!made.ok) return { ok: false, code: made.code, field: `/params${made.field}`, message: made.message };
    this.config = config;
    const strategy: Strategy = made.strategy;
    const warm = await this.deps
      .warmCandles(config.symbol, config.timeframe as Timeframe, 500)
      .catch(() => []);
    this.strategy = strategy;
    this.warmedTo = -Infinity;
    this.entryDecided = !config.enterOnStart;
    for (const c of warm) {
      if (!c.closed) continue;
      strategy.onCandle({ time: c.time + TIMEFRAMES[c.timeframe], close: c.close });
      this.warmedTo = c.time;
    }
    this.bot = new PaperBot({
      botId: config.botId,
      symbol: config.symbol,
      timeframe: config.timeframe as Timeframe,
      strategy,
      orderQuote: config.orderQuote,
      feeRate: config.feeRate,
      slippageBps: config.slippageBps,
      stopLossPct: config.stopLossPct,
      takeProfitPct: config.takeProfitPct,
      // Unique per run, even for two starts in the same millisecond: ingest would take repeats for duplicates.
      idPrefix: `${config.botId}-${this.deps.now().toString(36)}-${randomBytes(3).toString('hex')}`,
      position: this.deps.openPosition(config.botId, config.symbol),
    });
    this.deps.log.info(
      { botId: config.botId, strategy: config.strategy, symbol: config.symbol },
      'paper bot started',
    );
    this.publishState();
    return { ok: true, config };
  }

  /** Stops trading; the state stays visible with running: false. */
  stop(): void {
    if (this.bot) this.bot.running = false;
    this.publishState();
  }

  /** Pauses or resumes trading without forgetting the strategy. */
  setRunning(running: boolean): void {
    if (this.bot) this.bot.running = running;
    this.publishState();
  }

  currentConfig(): PaperBotConfig {
    return this.config;
  }

  state(): StrategyState | null {
    return this.bot?.state() ?? null;
  }

  onTicker(t: Ticker): void {
    if (this.bot === null || t.symbol !== this.config.symbol) return;
    const bid = t.bid ?? t.last;
    const ask = t.ask ?? t.last;
    if (bid === undefined || ask === undefined || !(bid > 0) || !(ask >= bid)) return;
    this.send(this.bot.onQuote({ bid, ask, time: t.timestamp }));
    if (!this.entryDecided && this.strategy !== null && this.strategy.bias() !== 'none') {
      this.entryDecided = true;
      this.send(this.bot.enterOnTrend());
      this.publishState();
    }
  }

  onCandle(c: Candle): void {
    if (this.bot === null || c.symbol !== this.config.symbol || c.timeframe !== this.config.timeframe) return;
    const tfMs = TIMEFRAMES[c.timeframe];
    if (c.closed && c.time + 2 * tfMs <= this.deps.now()) {
      // History (a source's backfill or a replay behind the clock): it warms the strategy, it is not
      // traded, since its prices are not quotes anyone could take now.
      if (this.strategy && c.time > this.warmedTo) {
        this.strategy.onCandle({ time: c.time + tfMs, close: c.close });
        this.warmedTo = c.time;
      }
      return;
    }
    const events = this.bot.onCandle(c);
    this.send(events);
    if (c.closed) this.publishState();
  }

  /** A trader's command (from the command service). */
  onCommand(command: BotCommand): void {
    switch (command.kind) {
      case 'pause':
        this.setRunning(false);
        return this.deps.complete(command, true, 'paused');
      case 'resume':
        this.setRunning(true);
        return this.deps.complete(command, true, 'resumed');
      case 'stop':
        this.stop();
        return this.deps.complete(command, true, 'stopped');
      case 'close_all': {
        const events = this.bot?.closeAll() ?? [];
        this.send(events);
        this.publishState();
        return this.deps.complete(command, true, events.length > 0 ? 'position closed' : 'no open position');
      }
      default:
        return this.deps.complete(command, false, `the paper bot does not support ${command.kind}`);
    }
  }

  /** Resolves once the events sent so far went through ingest. */
  async idle(): Promise<void> {
    await this.pending;
  }

  private send(events: BotEvent[]): void {
    if (events.length === 0) return;
    this.pending = this.pending
      .then(() => this.deps.ingest(events))
      .then((results) => {
        for (const r of results) {
          if (r.status === 'rejected') {
            this.rejected++;
            this.deps.log.warn(
              { botId: this.botId, code: r.code, field: r.field },
              `paper bot event rejected: ${r.message}`,
            );
          }
        }
      })
      .catch((err: unknown) =>
        this.deps.log.warn({ err, botId: this.botId }, 'paper bot events not ingested'),
      );
    if (events.some((e) => e.type === 'fill')) void this.pending.then(() => this.publishState());
  }

  /** Publish the strategy state again (its retained value was lost). */
  republish(): void {
    this.publishState();
  }

  private publishState(): void {
    const s = this.state();
    if (s !== null) this.deps.publish(AnalyticsChannels.strategy(this.config.botId), s);
  }
}
