import type { PageFactory } from './page.js';
import { botFeaturePage } from './bot-feature-page.js';

/** Equity, P&L, positions, fills and statistics of the bots (needs a bot reporting to tickdeck). */
export const portfolioPage: PageFactory = () =>
  botFeaturePage({
    name: 'portfolio',
    title: 'Portfolio',
    emptyTitle: 'No portfolio yet',
    lines: [
      'The portfolio is built from the orders and fills your bots send to tickdeck.',
      'Connect a bot to the ingest API with an API key; its equity, P&L, positions and statistics appear here as soon as it reports its first fill.',
    ],
  });
