/**
 * The one mechanism that hides what a role may not use. A control is marked with the least role it
 * needs ({@link requireRole}: `data-min-role`); the session's role sits on <html> (`data-role`), and
 * styles/auth.css takes every control the role may not use out of the page (display: none), for
 * every control rendered now or later and at once when the role changes. A click or submit on such a
 * control is also swallowed before any handler, should one be reached some other way. The server
 * checks every request anyway: this is convenience, not the defence.
 * @module
 */
import { el } from '../util/dom.js';
import { roleAtLeast } from './roles.js';
import type { Role } from './roles.js';

/** Names the least role a control needs. */
export const MIN_ROLE_ATTR = 'data-min-role';
/** Shows an element only to roles below the one named (e.g. a "read only" note). */
export const BELOW_ROLE_ATTR = 'data-below-role';

/** Mark `element` as needing `least`: roles below it neither see nor use it. Returns the element. */
export const requireRole = <E extends Element>(element: E, least: Role): E => {
  element.setAttribute(MIN_ROLE_ATTR, least);
  return element;
};

/** A note shown only to roles below `least`, saying what they cannot do here. */
export const roleNote = (least: Role, text: string): HTMLElement =>
  el('p', { class: 'role-note', text, attrs: { [BELOW_ROLE_ATTR]: least, 'data-testid': 'role-note' } });

/**
 * Follow the session's role on `root` (<html>) and guard gated controls. Call once.
 * @example
 * installRoleGate(auth);
 * controls.append(requireRole(el('button', { text: 'Pause' }), 'trader'));
 */
export const installRoleGate = (
  auth: { readonly role: Role | undefined; onChange(listener: () => void): unknown },
  root: HTMLElement = document.documentElement,
): void => {
  auth.onChange(() => {
    const role = auth.role;
    if (role === undefined) delete root.dataset.role;
    else root.dataset.role = role;
  });
  const guard = (event: Event): void => {
    const gated = event.target instanceof Element ? event.target.closest(`[${MIN_ROLE_ATTR}]`) : null;
    if (gated !== null && !roleAtLeast(auth.role, gated.getAttribute(MIN_ROLE_ATTR) ?? undefined)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  root.ownerDocument.addEventListener('click', guard, true);
  root.ownerDocument.addEventListener('submit', guard, true);
};
