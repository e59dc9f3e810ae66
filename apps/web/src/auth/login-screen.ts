/**
 * The sign-in screen, shown instead of the dashboard while nobody is signed in: user name and
 * password (or, on a server without password login, a token from the identity provider), Enter
 * submits, the first field has the focus, and a failure is said in plain words in a live region.
 * @module
 */
import { el, setText } from '../util/dom.js';
import { themeToggle } from '../shell/theme.js';
import { loginFailure } from './auth-messages.js';
import type { LoginMode } from './auth-messages.js';

export interface LoginScreenOptions {
  /** Password login (true) or a token from an identity provider (false). */
  loginEnabled: boolean;
  /** Said above the form: why the person is here (signed out, session expired), if anything. */
  notice?: string | undefined;
  /** Sign in; rejects with the server's refusal. */
  login(username: string, password: string): Promise<void>;
  /** Sign in with a pasted token; rejects when the server does not accept it. */
  useToken(token: string): Promise<void>;
}

export interface LoginScreen {
  readonly element: HTMLElement;
  /** Put the focus in the first field (once the screen is in the document). */
  focus(): void;
}

const ERROR_ID = 'login-error';
const NOTICE_ID = 'login-notice';

const input = (name: string, describedBy: string, attrs: Record<string, string>): HTMLInputElement =>
  el('input', {
    attrs: { id: `login-${name}`, name, 'aria-describedby': describedBy, spellcheck: 'false', ...attrs },
  });

const field = (control: HTMLInputElement, label: string): HTMLElement =>
  el('label', { class: 'field', attrs: { for: control.id } }, el('span', { text: label }), control);

/** Build the screen; the session replaces it once the person is signed in. */
export const loginScreen = (o: LoginScreenOptions): LoginScreen => {
  const mode: LoginMode = o.loginEnabled ? 'password' : 'token';
  // The first field also reads out the notice (why the person is here) when it takes the focus.
  const first = o.notice ? `${NOTICE_ID} ${ERROR_ID}` : ERROR_ID;
  const fields =
    mode === 'password'
      ? [
          input('username', first, { type: 'text', autocomplete: 'username', autocapitalize: 'none' }),
          input('password', ERROR_ID, { type: 'password', autocomplete: 'current-password' }),
        ]
      : [input('token', first, { type: 'password', autocomplete: 'off' })];
  const labels = mode === 'password' ? ['User name', 'Password'] : ['Access token'];
  const secret = fields[fields.length - 1]!;
  const error = el('p', {
    class: 'login-error',
    attrs: { id: ERROR_ID, role: 'alert', 'data-testid': 'login-error' },
  });
  const submit = el('button', { text: 'Sign in', class: 'primary', attrs: { type: 'submit' } });
  const form = el(
    'form',
    {
      class: 'login-card',
      // method post: were the script's handler ever bypassed, the password would go in a body, not
      // in a URL.
      attrs: {
        'aria-labelledby': 'login-title',
        'data-testid': 'login-form',
        novalidate: '',
        method: 'post',
      },
    },
    el('h1', { text: 'Sign in', attrs: { id: 'login-title' } }),
    el('p', {
      class: 'login-notice',
      text: o.notice ?? '',
      attrs: { id: NOTICE_ID, role: 'status', 'data-testid': 'login-notice' },
    }),
  );
  if (mode === 'token')
    form.append(
      el('p', {
        class: 'dim',
        text: 'This server takes tokens from an identity provider only: it has no password sign-in. Paste an access token from your identity provider.',
      }),
    );
  form.append(...fields.map((f, i) => field(f, labels[i]!)), error, submit);

  let busy = false;
  const send = async (): Promise<void> => {
    if (busy) return;
    const values = fields.map((f) => (f === secret ? f.value : f.value.trim()));
    const empty = fields.find((_f, i) => values[i] === '');
    setText(error, '');
    for (const f of fields) f.removeAttribute('aria-invalid');
    if (empty !== undefined) {
      setText(error, mode === 'password' ? 'Enter your user name and password.' : 'Paste a token.');
      empty.setAttribute('aria-invalid', 'true');
      empty.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    setText(submit, 'Signing in…');
    form.setAttribute('aria-busy', 'true');
    try {
      if (mode === 'password') await o.login(values[0]!, values[1]!);
      else await o.useToken(values[0]!);
    } catch (failure) {
      const f = loginFailure(failure, mode);
      setText(error, f.message);
      if (f.kind === 'credentials') {
        secret.value = '';
        secret.setAttribute('aria-invalid', 'true');
        secret.focus();
      }
    } finally {
      busy = false;
      submit.disabled = false;
      setText(submit, 'Sign in');
      form.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  const element = el(
    'div',
    { class: 'login-page' },
    el('header', { class: 'login-top' }, el('span', { class: 'brand', text: 'tickdeck' }), themeToggle()),
    el('main', { class: 'login-main', attrs: { id: 'main' } }, form),
  );
  return { element, focus: () => fields[0]!.focus() };
};
