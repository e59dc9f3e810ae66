/**
 * REST calls of the Bots page: statuses, commands and their audit trail.
 * @module
 */
import type { BotCommand, BotCommandKind, BotCommandStatus } from '@tickdeck/protocol';
import { requestJson } from '../data/rest.js';

export type BotRunState = 'running' | 'paused' | 'stopped';

/** A bot as `/api/v1/bots` and the `bots` channel describe it. */
export interface BotStatus {
  botId: string;
  connected: boolean;
  /** Last time the bot was heard from, ms; null if never. */
  lastSeen: number | null;
  lastHeartbeat: number | null;
  state: BotRunState;
}

/** A command with its audit fields. */
export interface CommandRecord extends BotCommand {
  status: BotCommandStatus;
  deliveredAt: number | null;
  result: { ok: boolean; message: string | null; at: number } | null;
}

/** GET /api/v1/bots */
export const fetchBots = async (signal?: AbortSignal): Promise<BotStatus[]> =>
  (await requestJson<{ bots: BotStatus[] }>('/api/v1/bots', { signal })).bots;

/** POST /api/v1/bots/:botId/commands */
export const sendCommand = (botId: string, kind: BotCommandKind): Promise<CommandRecord> =>
  requestJson<CommandRecord>(`/api/v1/bots/${encodeURIComponent(botId)}/commands`, {
    method: 'POST',
    body: { kind },
  });

/** GET /api/v1/bots/commands: the audit trail, newest first. */
export const fetchCommandAudit = async (limit = 50, signal?: AbortSignal): Promise<CommandRecord[]> =>
  (await requestJson<{ commands: CommandRecord[] }>(`/api/v1/bots/commands?limit=${limit}`, { signal }))
    .commands;
