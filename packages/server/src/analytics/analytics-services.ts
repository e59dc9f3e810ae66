/** The services of the analytics module, as its routes see them. */
import type { Clock } from '@tickdeck/core';
import type { HistoryStore } from '../store/history-store.js';
import type { AnalyticsConfig } from './analytics-config.js';
import type { AlertService } from './alerts/alert-service.js';
import type { WebhookSender } from './alerts/webhook-sender.js';
import type { CommandService } from './bots/command-service.js';
import type { IndicatorService } from './indicator-service.js';
import type { ApiKeys } from './ingest/api-keys.js';
import type { IngestService } from './ingest/ingest-service.js';
import type { PaperRunner } from './paper/paper-runner.js';
import type { PortfolioService } from './portfolio-service.js';
import type { AlertStore } from './store/alert-store.js';
import type { BotEventStore } from './store/bot-event-store.js';
import type { EquityStore } from './store/equity-store.js';

export interface AnalyticsServices {
  config: AnalyticsConfig;
  clock: Clock;
  keys: ApiKeys;
  ingest: IngestService;
  events: BotEventStore;
  equity: EquityStore;
  portfolio: PortfolioService;
  alerts: AlertService;
  alertStore: AlertStore;
  webhooks: WebhookSender;
  commands: CommandService;
  indicators: IndicatorService;
  paper: PaperRunner | null;
  history: HistoryStore;
  isKnownSymbol(symbol: string): boolean;
}
