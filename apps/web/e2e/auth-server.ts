/**
 * A tickdeck server with authentication on, for the browser tests of sign-in and roles: a JWT secret
 * and users made at test time (passwords random, hashed by `tickdeck hash-password`), in memory.
 * The shared server of global-setup.ts runs without authentication, as `npm start` does.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { CLI_MAIN, REPO_ROOT, startServer } from './harness.js';
import type { ServerHandle } from './harness.js';

export interface TestUser {
  username: string;
  password: string;
  role: 'viewer' | 'trader' | 'admin';
}

/** A user with a fresh random password. */
export const testUser = (username: string, role: TestUser['role']): TestUser => ({
  username,
  role,
  password: randomBytes(15).toString('base64url'),
});

/** The argon2id hash of `password`, from the CLI (the password goes on stdin, never in argv). */
export const hashPassword = (password: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, 'hash-password'], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`hash-password exited ${code}: ${err}`)),
    );
    child.stdin.end(password);
  });

/**
 * Start a server with authentication on and these users.
 * @param auth more `auth` settings (channelRoles, rateLimit…)
 */
export const startAuthServer = async (
  users: readonly TestUser[],
  auth: Record<string, unknown> = {},
): Promise<ServerHandle> => {
  const configured = await Promise.all(
    users.map(async (u) => ({
      username: u.username,
      role: u.role,
      passwordHash: await hashPassword(u.password),
    })),
  );
  return startServer({
    own: true,
    config: { auth: { users: configured, ...auth } },
    env: { TICKDECK_JWT_SECRET: randomBytes(48).toString('base64') },
  });
};

/** Log `user` in over REST (for setting things up around the browser): the token. */
export const apiToken = async (baseUrl: string, user: TestUser): Promise<string> => {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (!response.ok) throw new Error(`login of ${user.username} failed: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
};

/** Type into the sign-in form and press Enter (the form must be on screen). */
export const submitLogin = async (page: Page, username: string, password: string): Promise<void> => {
  const form = page.locator('[data-testid=login-form]');
  await form.waitFor({ timeout: 15_000 });
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await form.locator('input[name=password]').press('Enter');
};
