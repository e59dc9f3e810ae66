/**
 * Password hashes of dashboard users: argon2id through `@node-rs/argon2` (prebuilt, no install
 * script), with its library defaults (19 MiB, 2 passes: OWASP's recommended minimum). Verification
 * of an unknown user runs against a dummy hash so both paths take about the same time.
 * @module
 */
import { hash, verify } from '@node-rs/argon2';

/** Hash a password for `auth.users[].passwordHash` (what `tickdeck hash-password` prints). */
export const hashPassword = (password: string): Promise<string> => hash(password);

let dummy: Promise<string> | undefined;

/**
 * Whether `password` matches `passwordHash`. With `passwordHash` undefined (no such user) it still
 * spends the time of one verification and answers false. A malformed hash answers false.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummy ??= hash('tickdeck-dummy-password')));
  try {
    const ok = await verify(target, password);
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}
