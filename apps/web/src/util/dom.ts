/**
 * A tiny element builder. Text is always set as text (`textContent` / text nodes), never parsed as
 * markup, so a symbol name or a log line can never inject HTML.
 * @module
 */

export interface ElementProps {
  /** Space-separated class names. */
  class?: string | undefined;
  /** Text content. */
  text?: string | undefined;
  /** Attributes (aria-*, data-*, type, href…). */
  attrs?: Record<string, string> | undefined;
}

/** Create an element with props and children (strings become text nodes). */
export const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.attrs) for (const [name, value] of Object.entries(props.attrs)) node.setAttribute(name, value);
  if (children.length > 0) node.append(...children);
  return node;
};

/** Set text only when it changed: keeps layout work to the cells that really changed. */
export const setText = (node: Node, text: string): boolean => {
  if (node.textContent === text) return false;
  node.textContent = text;
  return true;
};

/**
 * A box that scrolls (a wide table, the trades tape): focusable so that keyboard users can scroll it,
 * and a named region so that screen readers say what it holds.
 */
export const scrollBox = (className: string, label: string, ...children: (Node | string)[]): HTMLDivElement =>
  el('div', { class: className, attrs: { tabindex: '0', role: 'region', 'aria-label': label } }, ...children);
