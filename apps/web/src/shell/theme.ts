/**
 * Dark (default) or light theme: a `data-theme` attribute on <html> selects the CSS custom
 * properties; the choice is kept in localStorage. Charts listen to {@link THEME_EVENT}.
 * @module
 */
export type Theme = 'dark' | 'light';

export const THEME_STORAGE_KEY = 'tickdeck.theme';
/** Dispatched on `window` after the theme changed. */
export const THEME_EVENT = 'tickdeck:theme';

const readStored = (): Theme => {
  try {
    return localStorage.getItem(THEME_STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
};

export const currentTheme = (): Theme =>
  document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';

export const applyTheme = (theme: Theme, persist = true): void => {
  document.documentElement.dataset.theme = theme;
  if (persist) {
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  window.dispatchEvent(new Event(THEME_EVENT));
};

/** Apply the stored theme (dark when none). */
export const initTheme = (): void => applyTheme(readStored(), false);

/** A CSS custom property's current value, e.g. `cssVar('--up')`. */
export const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The toggle button for the header. */
export const themeToggle = (): HTMLButtonElement => {
  const button = document.createElement('button');
  button.type = 'button';
  const label = (): void => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    button.textContent = next === 'light' ? '☀' : '☾';
    button.title = `Switch to the ${next} theme`;
    button.setAttribute('aria-label', button.title);
  };
  button.addEventListener('click', () => {
    applyTheme(currentTheme() === 'dark' ? 'light' : 'dark');
    label();
  });
  label();
  return button;
};
