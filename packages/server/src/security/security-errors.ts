/**
 * Why a credential was refused. Only `reason` reaches the log; the client gets the generic message
 * of its error code, never the credential or the details of the check.
 * @module
 */

export type AuthFailure = 'missing' | 'malformed' | 'expired' | 'invalid' | 'role' | 'disabled';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly reason: AuthFailure,
    options?: { cause?: unknown },
  ) {
    super(reason === 'expired' ? 'token expired' : 'invalid or missing credentials', options);
  }
}
