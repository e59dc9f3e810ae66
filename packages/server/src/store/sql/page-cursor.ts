/**
 * Opaque page cursors: the keyset of the last row of a page. Candles are unique by time within a
 * (symbol, timeframe); trades by (time, seq), seq being the insertion order.
 * @module
 */
import { HistoryStoreError, HistoryStoreErrorCode } from '../history-store-error.js';

export interface CandleKey {
  time: number;
}

export interface TradeKey {
  time: number;
  seq: number;
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(cursor: string, kind: 'c' | 't'): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && (value as { k?: unknown }).k === kind) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Reported below with the same message as a well-formed cursor of the wrong kind.
  }
  throw new HistoryStoreError(
    HistoryStoreErrorCode.InvalidCursor,
    'cursor is not a nextCursor of this query',
  );
}

function safeInteger(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new HistoryStoreError(
      HistoryStoreErrorCode.InvalidCursor,
      'cursor is not a nextCursor of this query',
    );
  }
  return value;
}

export const encodeCandleCursor = (key: CandleKey): string => encode({ k: 'c', t: key.time });

export function decodeCandleCursor(cursor: string): CandleKey {
  const v = decode(cursor, 'c');
  return { time: safeInteger(v.t) };
}

export const encodeTradeCursor = (key: TradeKey): string => encode({ k: 't', t: key.time, s: key.seq });

export function decodeTradeCursor(cursor: string): TradeKey {
  const v = decode(cursor, 't');
  return { time: safeInteger(v.t), seq: safeInteger(v.s) };
}
