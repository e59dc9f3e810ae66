/**
 * Plain words for bot commands and their outcome. Pure.
 * @module
 */
import type { BotCommandKind } from '@tickdeck/protocol';
import type { CommandRecord } from './bots-api.js';

export const COMMAND_LABEL: Record<Exclude<BotCommandKind, 'custom'>, string> = {
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  close_all: 'Close all',
};

/** What the confirmation asks. */
export const confirmText = (botId: string, kind: Exclude<BotCommandKind, 'custom'>): string => {
  switch (kind) {
    case 'pause':
      return `Pause bot ${botId}? It stops opening trades until resumed.`;
    case 'resume':
      return `Resume bot ${botId}? It starts trading again.`;
    case 'stop':
      return `Stop bot ${botId}? It stops trading until started again.`;
    case 'close_all':
      return `Close every open position of bot ${botId} at the market now?`;
  }
};

/** The outcome of a command as far as it is known. */
export const outcomeText = (rec: CommandRecord): string => {
  const what = rec.kind === 'custom' ? (rec.name ?? 'custom') : COMMAND_LABEL[rec.kind].toLowerCase();
  switch (rec.status) {
    case 'succeeded':
      return `${rec.botId}: ${what} done${rec.result?.message ? ` (${rec.result.message})` : ''}.`;
    case 'failed':
      return `${rec.botId}: ${what} failed${rec.result?.message ? `: ${rec.result.message}` : ''}.`;
    case 'delivered':
      return `${rec.botId}: ${what} delivered; waiting for the bot's answer.`;
    case 'pending':
      return `${rec.botId} is not connected: ${what} waits for the bot to poll for it.`;
    case 'expired':
      return `${rec.botId}: ${what} expired before the bot took it.`;
  }
};
