/**
 * What the login screen says: why a sign-in failed, in plain words (wrong credentials, too many
 * attempts and how long to wait, server unreachable…), and why the person is back at it. Pure.
 * @module
 */
import { ProblemError } from '../data/rest.js';
import { HttpError, NetworkError } from '../errors/classify-error.js';
import type { SignOutReason } from './auth-session.js';

/** Password login, or a token pasted from an identity provider. */
export type LoginMode = 'password' | 'token';

export interface LoginFailure {
  kind: 'credentials' | 'rate-limited' | 'unreachable' | 'not-enabled' | 'server';
  /** One or two sentences for the person. */
  message: string;
}

/** "45 seconds", "1 minute", "3 minutes". */
export const waitText = (seconds: number): string => {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
};

/** Why a sign-in failed. */
export const loginFailure = (error: unknown, mode: LoginMode = 'password'): LoginFailure => {
  if (error instanceof NetworkError || (error instanceof HttpError && [0, 502, 504].includes(error.status)))
    return {
      kind: 'unreachable',
      message:
        'Cannot reach the server. Check that tickdeck is running and that you are online, then try again.',
    };
  if (error instanceof HttpError && error.status === 401)
    return {
      kind: 'credentials',
      message: mode === 'password' ? 'Wrong user name or password.' : 'The server did not accept this token.',
    };
  if (error instanceof HttpError && error.status === 429) {
    const after = error instanceof ProblemError ? error.retryAfterSec : undefined;
    return {
      kind: 'rate-limited',
      message: `Too many sign-in attempts. ${
        after === undefined ? 'Wait a minute' : `Wait ${waitText(after)}`
      }, then try again.`,
    };
  }
  if (error instanceof HttpError && error.status === 400 && mode === 'password')
    return { kind: 'not-enabled', message: 'Password sign-in is not enabled on this server.' };
  return {
    kind: 'server',
    message: 'The server could not sign you in just now. Try again in a moment; if it lasts, check its logs.',
  };
};

/** Said above the form when the person is back at it. */
export const SIGN_OUT_NOTICE: Record<SignOutReason, string> = {
  'signed-out': 'You have signed out.',
  expired: 'Your session has expired. Sign in again to go on.',
  rejected: 'The server no longer accepts your session. Sign in again to go on.',
};
