/**
 * Loading skeletons, empty states and error boxes, shared by every page.
 * @module
 */
import { classifyError } from '../errors/classify-error.js';
import type { ClassifiedError } from '../errors/classify-error.js';
import { el } from '../util/dom.js';

/** Grey placeholder lines while the first data loads. */
export const skeleton = (lines = 6, label = 'Loading…'): HTMLElement => {
  const box = el('div', { class: 'skeleton', attrs: { role: 'status', 'aria-live': 'polite' } });
  box.append(el('span', { class: 'visually-hidden', text: label }));
  for (let i = 0; i < lines; i += 1)
    box.append(el('div', { class: 'skeleton-line', attrs: { 'aria-hidden': 'true' } }));
  return box;
};

/** A grey block the size of a chart. */
export const chartSkeleton = (label = 'Loading chart…'): HTMLElement =>
  el(
    'div',
    { class: 'skeleton', attrs: { role: 'status' } },
    el('span', { class: 'visually-hidden', text: label }),
    el('div', { class: 'skeleton-line skeleton-block', attrs: { 'aria-hidden': 'true' } }),
  );

export interface EmptyStateOptions {
  title: string;
  /** What to do next, one sentence per entry. */
  lines: string[];
  action?: { label: string; href?: string; onClick?: () => void } | undefined;
}

/** Nothing to show yet, and what to do about it. */
export const emptyState = (options: EmptyStateOptions): HTMLElement => {
  const box = el(
    'div',
    { class: 'empty-state', attrs: { 'data-empty': 'true' } },
    el('h2', { text: options.title }),
  );
  for (const line of options.lines) box.append(el('p', { text: line }));
  const { action } = options;
  if (action?.href !== undefined) {
    box.append(el('p', {}, el('a', { text: action.label, attrs: { href: action.href, 'data-link': '' } })));
  } else if (action?.onClick !== undefined) {
    const button = el('button', { text: action.label, attrs: { type: 'button' } });
    button.addEventListener('click', action.onClick);
    box.append(el('p', {}, button));
  }
  return box;
};

const CATEGORY_LABEL: Record<ClassifiedError['category'], string> = {
  network: 'Network problem',
  authentication: 'Authentication problem',
  server: 'Server problem',
};

/**
 * One line for a live widget whose channel failed, e.g. `Not permitted: Your role may not see or do
 * this…` when the server refused the subscription (FORBIDDEN), so it does not wait forever.
 */
export const liveProblem = (error: unknown): string => {
  const c = classifyError(error);
  return `${c.title}: ${c.advice}`;
};

/** An error in plain words, sorted into network, authentication or server, with an optional retry. */
export const errorBox = (error: unknown, retry?: () => void): HTMLElement => {
  const c = classifyError(error);
  const box = el(
    'div',
    { class: 'error-box', attrs: { role: 'alert', 'data-category': c.category } },
    el('div', { class: 'error-kind dim', text: CATEGORY_LABEL[c.category] }),
    el('h2', { text: c.title }),
    el('p', { text: c.advice }),
    el('p', {}, el('code', { text: c.detail })),
  );
  if (retry) {
    const button = el('button', { text: 'Try again', attrs: { type: 'button' } });
    button.addEventListener('click', retry);
    box.append(button);
  }
  return box;
};
