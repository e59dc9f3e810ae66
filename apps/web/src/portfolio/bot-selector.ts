/**
 * The bot selector of a page (`?bot=` in the URL): one bot, or every bot.
 * @module
 */
import { el } from '../util/dom.js';

/** The bot a URL's `?bot=` names, or null for every bot. */
export const botOfSearch = (search: string): string | null => {
  const bot = new URLSearchParams(search).get('bot');
  return bot === null || bot === '' ? null : bot;
};

/** The URL of `path` for one bot (or every bot). */
export const botHref = (path: string, botId: string | null): string =>
  botId === null ? path : `${path}?bot=${encodeURIComponent(botId)}`;

export class BotSelector {
  readonly element: HTMLSelectElement;
  private known: string[] = [];
  private offered: readonly string[] = [];

  constructor(
    private selected: string | null,
    onChange: (botId: string | null) => void,
  ) {
    this.element = el('select', { attrs: { 'aria-label': 'Bot', 'data-testid': 'bot-select' } });
    this.element.addEventListener('change', () =>
      onChange(this.element.value === '' ? null : this.element.value),
    );
    this.setBots([]);
  }

  /** The bots to offer (the selected one is always offered, even if unknown). */
  setBots(botIds: readonly string[]): void {
    this.offered = botIds;
    const ids = [...new Set([...botIds, ...(this.selected === null ? [] : [this.selected])])].sort();
    if (ids.join() === this.known.join() && this.element.options.length > 0) return;
    this.known = ids;
    this.element.replaceChildren(
      el('option', { text: 'All bots', attrs: { value: '' } }),
      ...ids.map((id) => el('option', { text: id, attrs: { value: id } })),
    );
    this.element.value = this.selected ?? '';
  }

  select(botId: string | null): void {
    this.selected = botId;
    this.known = [];
    this.setBots(this.offered);
  }
}
