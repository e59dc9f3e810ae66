/** Validate a decoded client frame into a command, or say what is wrong with it. */
import { ErrorCode, type ErrorCodeValue, type StreamPosition } from '@tickdeck/protocol';

export type Command =
  /** Entries are checked one by one by the session (a bad entry fails alone). */
  | { op: 'subscribe'; id?: number | undefined; channels: Record<string, unknown>[] }
  | { op: 'unsubscribe'; id?: number | undefined; channels: unknown[] }
  | { op: 'ping'; t: number }
  | { op: 'pong'; t: number }
  | { op: 'auth'; id?: number | undefined; token: string };

export interface CommandError {
  error: { code: ErrorCodeValue; message: string; id?: number | undefined };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string, id?: number, code: ErrorCodeValue = ErrorCode.BadRequest): CommandError => ({
  error: { code, message, id },
});

/** A well-formed `since`, or undefined if absent; `false` if present but malformed. */
export function parseSince(v: unknown): StreamPosition | undefined | false {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v) || typeof v.epoch !== 'string' || v.epoch.length > 64) return false;
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 0) return false;
  return { epoch: v.epoch, seq: v.seq };
}

export function parseCommand(v: unknown): Command | CommandError {
  if (!isObject(v) || typeof v.op !== 'string')
    return bad('Expected an object with an "op"', undefined, ErrorCode.MalformedMessage);
  const id = typeof v.id === 'number' && Number.isSafeInteger(v.id) ? v.id : undefined;
  if (v.id !== undefined && id === undefined) return bad('"id" must be an integer');
  switch (v.op) {
    case 'subscribe':
    case 'unsubscribe': {
      if (!Array.isArray(v.channels) || v.channels.length === 0)
        return bad('"channels" must be a non-empty array', id);
      // A bare string is accepted for { channel: string }.
      const channels = (v.channels as unknown[]).map((c) => (isObject(c) ? c : { channel: c }));
      if (v.op === 'unsubscribe') return { op: 'unsubscribe', id, channels: channels.map((c) => c.channel) };
      return { op: 'subscribe', id, channels };
    }
    case 'ping':
    case 'pong':
      if (typeof v.t !== 'number' || !Number.isFinite(v.t)) return bad('"t" must be a number', id);
      return { op: v.op, t: v.t };
    case 'auth':
      if (typeof v.token !== 'string' || v.token.length === 0) return bad('"token" must be a string', id);
      return { op: 'auth', id, token: v.token };
    default:
      return bad(`Unknown op "${v.op.slice(0, 32)}"`, id, ErrorCode.UnknownCommand);
  }
}
