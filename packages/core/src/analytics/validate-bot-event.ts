/**
 * Per-event validation of ingest batches, with stable reason codes (`IngestRejectCode`), so the ingest
 * route can take the good events of a batch and say why each bad one was refused.
 * @module
 */
import { Compile } from 'typebox/compile';
import Value from 'typebox/value';
import {
  BOT_EVENT_TYPES,
  IngestRejectCode,
  MAX_INGEST_BATCH,
  type BotEvent,
  type BotEventType,
  type IngestRejectCodeValue,
} from '@tickdeck/protocol';
import { BotEventSchemas } from './ingest-schemas.js';
import { firstSchemaError } from './schema-errors.js';

export interface BotEventRejection {
  ok: false;
  code: IngestRejectCodeValue;
  /** JSON pointer of the offending field ('' for the event itself). */
  field: string;
  message: string;
  eventId?: string | undefined;
}

export type BotEventValidation = { ok: true; event: BotEvent } | BotEventRejection;

export interface ValidateOptions {
  /**
   * Whether a canonical symbol names a market this deployment knows. Default: every canonical symbol
   * is known.
   */
  isKnownSymbol?: ((symbol: string) => boolean) | undefined;
}

const compiled = Object.fromEntries(
  Object.entries(BotEventSchemas).map(([type, schema]) => [type, Compile(schema)]),
) as { [K in BotEventType]: ReturnType<typeof Compile> };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first NaN or ±Infinity inside `value` (depth-bounded), as a JSON pointer. */
function findNonFinite(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (depth > 6 || typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = findNonFinite(v, `${path}/${k}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Drops `null` optional fields, so the stored event has one shape. */
function dropNulls(value: unknown, keep = false): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (v !== null || keep) out[k] = dropNulls(v, k === 'indicators');
  return out;
}

const reject = (
  code: IngestRejectCodeValue,
  field: string,
  message: string,
  eventId?: string,
): BotEventRejection => ({ ok: false, code, field, message, eventId });

/**
 * Validates and normalizes one event: ccxt objects lose fields tickdeck does not keep, and `null`
 * optional fields become absent (indicator values keep their `null`).
 *
 * @example
 * const r = validateBotEvent(body.events[0], { isKnownSymbol: (s) => markets.has(s) });
 * if (!r.ok) ack.push({ status: 'rejected', code: r.code, field: r.field, message: r.message });
 */
export function validateBotEvent(raw: unknown, options: ValidateOptions = {}): BotEventValidation {
  if (!isObject(raw)) return reject(IngestRejectCode.Malformed, '', 'event must be an object');
  const eventId = typeof raw['eventId'] === 'string' ? raw['eventId'] : undefined;
  const type = raw['type'];
  if (typeof type !== 'string')
    return reject(IngestRejectCode.Malformed, '/type', 'type is missing', eventId);
  if (!(BOT_EVENT_TYPES as readonly string[]).includes(type)) {
    return reject(
      IngestRejectCode.UnknownType,
      '/type',
      `unknown event type "${type.slice(0, 32)}"`,
      eventId,
    );
  }
  const nonFinite = findNonFinite(raw, '', 0);
  if (nonFinite !== null) {
    return reject(IngestRejectCode.NotFinite, nonFinite, 'number must be finite', eventId);
  }
  const t = type as BotEventType;
  const validator = compiled[t];
  if (!validator.Check(raw)) {
    const first = firstSchemaError(validator.Errors(raw));
    return reject(first.code, first.field, first.message, eventId);
  }
  const event = dropNulls(Value.Clean(BotEventSchemas[t], structuredClone(raw))) as BotEvent;
  const symbol = symbolOf(event);
  if (symbol !== undefined && options.isKnownSymbol !== undefined && !options.isKnownSymbol(symbol.value)) {
    return reject(IngestRejectCode.UnknownSymbol, symbol.field, `unknown symbol ${symbol.value}`, eventId);
  }
  return { ok: true, event };
}

function symbolOf(event: BotEvent): { value: string; field: string } | undefined {
  switch (event.type) {
    case 'order':
      return { value: event.order.symbol, field: '/order/symbol' };
    case 'fill':
      return { value: event.fill.symbol, field: '/fill/symbol' };
    case 'position':
    case 'signal':
      return { value: event.symbol, field: '/symbol' };
    default:
      return undefined;
  }
}

export type BatchItemValidation =
  | { index: number; status: 'valid'; event: BotEvent }
  | { index: number; status: 'duplicate'; eventId: string }
  | ({ index: number; status: 'rejected' } & Omit<BotEventRejection, 'ok'>);

/**
 * Validates a batch event by event. Events past {@link MAX_INGEST_BATCH} are rejected with
 * `BATCH_TOO_LARGE`; a (botId, eventId) repeated within the batch is reported `duplicate` after its
 * first occurrence. Duplicates of events stored earlier are the store's to find.
 */
export function validateIngestBatch(
  events: readonly unknown[],
  options: ValidateOptions & { maxEvents?: number | undefined } = {},
): BatchItemValidation[] {
  const max = options.maxEvents ?? MAX_INGEST_BATCH;
  const seen = new Set<string>();
  return events.map((raw, index): BatchItemValidation => {
    if (index >= max) {
      const eventId = isObject(raw) && typeof raw['eventId'] === 'string' ? raw['eventId'] : undefined;
      return {
        index,
        status: 'rejected',
        code: IngestRejectCode.BatchTooLarge,
        field: '',
        message: `a batch holds at most ${max} events`,
        eventId,
      };
    }
    const r = validateBotEvent(raw, options);
    if (!r.ok) {
      const { ok: _ok, ...rest } = r;
      return { index, status: 'rejected', ...rest };
    }
    const key = `${r.event.botId}\u0000${r.event.eventId}`;
    if (seen.has(key)) return { index, status: 'duplicate', eventId: r.event.eventId };
    seen.add(key);
    return { index, status: 'valid', event: r.event };
  });
}
