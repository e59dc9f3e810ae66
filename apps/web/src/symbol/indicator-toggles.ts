/**
 * Checkboxes for the chart's overlays and panes, remembered in localStorage.
 * @module
 */
import { el } from '../util/dom.js';
import type { IndicatorToggles } from './candle-chart.js';

const STORAGE_KEY = 'tickdeck.indicators';
const DEFAULTS: IndicatorToggles = { ema: true, bollinger: true, rsi: true, macd: true };
const LABELS: [keyof IndicatorToggles, string][] = [
  ['ema', 'EMA 20/50'],
  ['bollinger', 'Bollinger'],
  ['rsi', 'RSI'],
  ['macd', 'MACD'],
];

const load = (): IndicatorToggles => {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<
      Record<keyof IndicatorToggles, unknown>
    >;
    const out = { ...DEFAULTS };
    for (const [key] of LABELS) if (typeof stored[key] === 'boolean') out[key] = stored[key];
    return out;
  } catch {
    return { ...DEFAULTS };
  }
};

/** The checkboxes; `onChange` is called at once with the stored choice, then on every change. */
export const indicatorToggles = (onChange: (toggles: IndicatorToggles) => void): HTMLElement => {
  const toggles = load();
  const box = el('div', { class: 'tf-switch', attrs: { role: 'group', 'aria-label': 'Indicators' } });
  for (const [key, label] of LABELS) {
    const input = el('input', { attrs: { type: 'checkbox' } });
    input.checked = toggles[key];
    input.addEventListener('change', () => {
      toggles[key] = input.checked;
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(toggles));
      } catch {
        // Not persisted in private mode.
      }
      onChange({ ...toggles });
    });
    box.append(el('label', {}, input, label));
  }
  queueMicrotask(() => onChange({ ...toggles }));
  return box;
};
