/**
 * Roles and the order between them: viewer < trader < admin. Each role may do everything the roles
 * below it may.
 * @module
 */
import { ROLE_NAMES } from './auth-config.js';

export type Role = (typeof ROLE_NAMES)[number];

const RANK: Readonly<Record<Role, number>> = { viewer: 1, trader: 2, admin: 3 };

/** Whether `value` is a known role name. */
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);

/** Whether `role` may do what `least` may. */
export const roleAtLeast = (role: Role, least: Role): boolean => RANK[role] >= RANK[least];

/** Who made a request or opened a connection. */
export interface Principal {
  /** The token's `sub`: the name shown in audit trails (bot commands' `issuedBy`). */
  username: string;
  role: Role;
  /** When the token expires, ms since the epoch (undefined: never, i.e. authentication is off). */
  expiresAt?: number | undefined;
}

/** The principal of every request when authentication is not configured (localhost default). */
export const ANONYMOUS_ADMIN: Principal = Object.freeze({ username: 'anonymous', role: 'admin' });

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the security hook on every route that needs a user (undefined on public routes). */
    principal?: Principal | undefined;
  }
}
