/**
 * Who may read which channel: a table from channel prefix to least role (`auth.channelRoles`); a
 * prefix not listed needs `viewer`. Checked at subscribe (WebSocket `error` FORBIDDEN, SSE 403).
 * @module
 */
import { isRole, roleAtLeast, type Role } from './roles.js';

export type ChannelRoles = Readonly<Record<string, Role>>;

/** Whether a session of `role` (undefined: not authenticated) may read `channel`. */
export function mayReadChannel(table: ChannelRoles, role: string | undefined, channel: string): boolean {
  if (!isRole(role)) return false;
  const prefix = channel.split(':', 1)[0] ?? channel;
  return roleAtLeast(role, table[prefix] ?? 'viewer');
}
