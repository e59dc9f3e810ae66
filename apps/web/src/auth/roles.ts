/**
 * The roles of a tickdeck user and the order between them, as the server defines them
 * (viewer < trader < admin: each may do everything the roles below it may). Pure.
 * @module
 */

/** The roles, least first. */
export const ROLES = ['viewer', 'trader', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Whether `value` names a role. */
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * Whether someone with `role` may do what needs `least`. Denies when either is missing or unknown,
 * so that a misspelt requirement hides a control rather than showing it.
 * @example roleAtLeast('admin', 'trader') // true
 */
export const roleAtLeast = (role: string | undefined, least: string | undefined): boolean =>
  isRole(role) && isRole(least) && ROLES.indexOf(role) >= ROLES.indexOf(least);
