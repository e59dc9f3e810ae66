import type { PageFactory } from './page.js';
import { botFeaturePage } from './bot-feature-page.js';

/** Live alerts and their rules. */
export const alertsPage: PageFactory = () =>
  botFeaturePage({
    name: 'alerts',
    title: 'Alerts',
    emptyTitle: 'No alerts yet',
    lines: [
      'Alerts fire from rules on prices, spreads, feeds and your bots’ P&L.',
      'Alert rules and notifications need the bot analytics of tickdeck; once a bot reports to tickdeck, firing and resolved alerts show here live.',
    ],
  });
