/**
 * Turns one feed message, `[topic, msgpack payload]`, into a raw event. The kind comes from the
 * payload's `kind` field, else from the topic's first segment (`ticker.BTC/USDT`), else from the fields
 * (a price and an amount make a trade; a bid, an ask or a last price a ticker). The symbol comes from
 * the payload, else from the topic after the first dot. Values are passed on for the pipeline to check.
 * @module
 */
import type { RawMarketEvent } from '@tickdeck/core';
import { unpack } from 'msgpackr';

export type Decoded = { event: RawMarketEvent } | { error: string };

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

export function decodeFeedMessage(frames: Buffer[]): Decoded {
  if (frames.length !== 2) return { error: `expected 2 frames [topic, payload], got ${frames.length}` };
  const topic = (frames[0] as Buffer).toString('utf8');
  let value: unknown;
  try {
    value = unpack(frames[1] as Buffer);
  } catch {
    return { error: 'payload is not MessagePack' };
  }
  if (!isMap(value)) return { error: 'payload is not a map' };
  const dot = topic.indexOf('.');
  const topicKind = dot === -1 ? topic : topic.slice(0, dot);
  const topicSymbol = dot === -1 ? undefined : topic.slice(dot + 1) || undefined;
  let kind = typeof value.kind === 'string' ? value.kind : topicKind;
  if (kind !== 'ticker' && kind !== 'trade') {
    if ('price' in value && 'amount' in value) kind = 'trade';
    else if ('bid' in value || 'ask' in value || 'last' in value) kind = 'ticker';
    else return { error: 'payload is neither a ticker nor a trade' };
  }
  const body: Record<string, unknown> = { ...value };
  delete body.kind;
  // msgpack's timestamp extension arrives as a Date; events carry ms.
  if (body.timestamp instanceof Date) body.timestamp = body.timestamp.getTime();
  if (body.symbol === undefined) {
    if (topicSymbol === undefined) return { error: 'no symbol in the payload or the topic' };
    body.symbol = topicSymbol;
  }
  return { event: kind === 'trade' ? { kind: 'trade', trade: body } : { kind: 'ticker', ticker: body } };
}
