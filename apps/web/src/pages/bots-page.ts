import type { PageFactory } from './page.js';
import { botFeaturePage } from './bot-feature-page.js';

/** Each bot's status, heartbeat, controls, parameters, signals, metrics and logs. */
export const botsPage: PageFactory = () =>
  botFeaturePage({
    name: 'bots',
    title: 'Bots',
    emptyTitle: 'No bot is reporting',
    lines: [
      'Bots appear here when they report to tickdeck: status, last heartbeat, strategy parameters, signals, custom metrics and log lines.',
      'Point your bot at the ingest API with an API key to see it here.',
    ],
  });
