import { describe, expect, it } from 'vitest';
import { botHref, botOfSearch } from './bot-selector.js';

describe('bot deep links', () => {
  it('reads ?bot= and builds it back, encoded', () => {
    expect(botOfSearch('?bot=paper')).toBe('paper');
    expect(botOfSearch('')).toBeNull();
    expect(botOfSearch('?bot=')).toBeNull();
    const href = botHref('/portfolio', 'a.b-c_1');
    expect(botOfSearch(new URL(href, 'http://x').search)).toBe('a.b-c_1');
    expect(botHref('/portfolio', null)).toBe('/portfolio');
  });
});
