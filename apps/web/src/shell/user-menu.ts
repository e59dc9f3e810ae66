/**
 * The header's user: name and role, and the sign-out button, while someone is signed in. Not shown
 * when authentication is off (everyone is the anonymous admin; there is nothing to sign out of).
 * @module
 */
import type { AuthState } from '../auth/auth-session.js';
import { el, setText } from '../util/dom.js';

/**
 * @param auth the session to follow
 * @param onSignOut called by the sign-out button
 */
export const userMenu = (
  auth: { onChange(listener: (state: AuthState) => void): unknown },
  onSignOut: () => void,
): HTMLElement => {
  const name = el('span', { class: 'user-name', attrs: { 'data-testid': 'user-name' } });
  const role = el('span', { class: 'badge', attrs: { 'data-testid': 'user-role' } });
  const button = el('button', { text: 'Sign out', attrs: { type: 'button', 'data-action': 'logout' } });
  button.addEventListener('click', onSignOut);
  const root = el(
    'div',
    {
      class: 'user-menu',
      attrs: { 'data-testid': 'user-menu', role: 'group', 'aria-label': 'Signed in user' },
    },
    name,
    role,
    button,
  );
  auth.onChange((state) => {
    root.hidden = state.status !== 'signed-in';
    if (state.status !== 'signed-in') return;
    // Text only: a user name is never markup.
    setText(name, state.username);
    setText(role, state.role);
    button.title = `Sign out ${state.username}`;
  });
  return root;
};
