/**
 * When the connection is lost after data arrived, the last values stay on screen marked stale:
 * a banner with their age, and a `is-stale` class on <body> that dims every `.live` value.
 * @module
 */
import type { LiveData } from '../data/live-data.js';
import { formatAge } from '../format/format.js';
import { el, setText } from '../util/dom.js';

export const staleBanner = (live: LiveData): HTMLElement => {
  const banner = el('div', {
    class: 'stale-banner',
    attrs: { role: 'status', 'data-testid': 'stale-banner' },
  });
  banner.hidden = true;
  const render = (): void => {
    const since = live.connection.offlineSince;
    const stale = since !== undefined;
    document.body.classList.toggle('is-stale', stale);
    banner.hidden = !stale;
    if (stale) {
      setText(
        banner,
        `Offline: the values on screen are from ${formatAge(Date.now() - since)} ago and are not updating. ` +
          'They refresh by themselves when the connection is back.',
      );
    }
  };
  window.setInterval(render, 1000);
  live.onConnection(render);
  return banner;
};
