/**
 * "Jump to symbol": `/` or Ctrl+K (⌘K) opens a dialog with a filtered list of symbols; Enter opens
 * the symbol page.
 * @module
 */
import type { SymbolDirectory } from '../data/symbol-directory.js';
import { filterRows } from '../markets/market-rows.js';
import { normalizeSymbol, symbolHref } from '../routing/routes.js';
import { el } from '../util/dom.js';

const MAX_RESULTS = 50;

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export interface SymbolJump {
  element: HTMLDialogElement;
  open(): void;
}

export const symbolJump = (directory: SymbolDirectory, navigate: (href: string) => void): SymbolJump => {
  const input = el('input', {
    attrs: {
      type: 'search',
      placeholder: 'Jump to symbol, e.g. BTC/USDT',
      'aria-label': 'Symbol',
      role: 'combobox',
      'aria-controls': 'jump-list',
      'aria-expanded': 'true',
      autocomplete: 'off',
      spellcheck: 'false',
    },
  });
  const list = el('ul', { attrs: { id: 'jump-list', role: 'listbox', 'aria-label': 'Symbols' } });
  const hint = el(
    'div',
    { class: 'hint' },
    el('kbd', { text: '↑↓' }),
    ' choose · ',
    el('kbd', { text: 'Enter' }),
    ' open · ',
    el('kbd', { text: 'Esc' }),
    ' close',
  );
  const dialog = el(
    'dialog',
    { class: 'jump', attrs: { 'aria-label': 'Jump to symbol' } },
    input,
    list,
    hint,
  );
  let matches: string[] = [];
  let selected = 0;

  const render = (): void => {
    const symbols = (directory.cached ?? []).map((s) => ({ symbol: s.symbol }));
    matches = filterRows(symbols, input.value)
      .slice(0, MAX_RESULTS)
      .map((s) => s.symbol);
    const typed = normalizeSymbol(input.value);
    if (typed !== undefined && !matches.includes(typed)) matches.push(typed);
    selected = Math.min(selected, Math.max(0, matches.length - 1));
    list.replaceChildren(
      ...matches.map((symbol, i) => {
        const item = el('li', {
          text: symbol,
          attrs: { role: 'option', id: `jump-${i}`, 'aria-selected': String(i === selected) },
        });
        item.addEventListener('click', () => go(symbol));
        return item;
      }),
    );
    if (matches.length === 0)
      list.append(
        el('li', { class: 'dim', text: directory.cached ? 'No symbol matches.' : 'Loading symbols…' }),
      );
    input.setAttribute('aria-activedescendant', matches.length > 0 ? `jump-${selected}` : '');
  };

  const go = (symbol: string): void => {
    dialog.close();
    navigate(symbolHref(symbol));
  };

  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  input.addEventListener('input', () => {
    selected = 0;
    render();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = Math.max(1, matches.length);
      selected = (selected + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const symbol = matches[selected];
      if (symbol !== undefined) go(symbol);
    }
  });

  const open = (): void => {
    if (dialog.open) return;
    input.value = '';
    selected = 0;
    render();
    dialog.showModal();
    input.focus();
    directory.load().then(render, () => undefined);
  };

  document.addEventListener('keydown', (event) => {
    // Not on the sign-in screen.
    if (!dialog.isConnected) return;
    const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
    const slash =
      event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
    if (ctrlK || slash) {
      event.preventDefault();
      open();
    }
  });

  return { element: dialog, open };
};
