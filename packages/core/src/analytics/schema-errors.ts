/**
 * Turns TypeBox validation errors into one stable reason code and the JSON pointer of the field.
 * @module
 */
import { IngestRejectCode, type IngestRejectCodeValue } from '@tickdeck/protocol';

/** Lower is reported first when an event has several problems. */
const PRIORITY: IngestRejectCodeValue[] = [
  IngestRejectCode.MissingField,
  IngestRejectCode.WrongType,
  IngestRejectCode.BadId,
  IngestRejectCode.BadSymbol,
  IngestRejectCode.Negative,
  IngestRejectCode.TooLong,
  IngestRejectCode.BadValue,
  IngestRejectCode.UnknownField,
];

export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

function classify(err: SchemaError): IngestRejectCodeValue {
  const leaf = err.instancePath.split('/').pop() ?? '';
  switch (err.keyword) {
    case 'required':
      return IngestRejectCode.MissingField;
    case 'additionalProperties':
    case 'boolean':
      return IngestRejectCode.UnknownField;
    case 'type':
      return IngestRejectCode.WrongType;
    case 'minimum':
    case 'exclusiveMinimum':
      return IngestRejectCode.Negative;
    case 'maxLength':
    case 'maxProperties':
      return IngestRejectCode.TooLong;
    case 'minLength':
    case 'pattern':
      if (leaf === 'botId' || leaf === 'eventId' || leaf === 'id') return IngestRejectCode.BadId;
      if (leaf === 'symbol') return IngestRejectCode.BadSymbol;
      return IngestRejectCode.BadValue;
    default:
      return IngestRejectCode.BadValue;
  }
}

function fieldOf(err: SchemaError): string {
  if (err.keyword === 'required') {
    const missing = err.params['requiredProperties'];
    const name = Array.isArray(missing) ? missing[0] : undefined;
    return typeof name === 'string' ? `${err.instancePath}/${name}` : err.instancePath;
  }
  if (err.keyword === 'additionalProperties') {
    const extra = err.params['additionalProperties'];
    const name = Array.isArray(extra) ? extra[0] : undefined;
    return typeof name === 'string' ? `${err.instancePath}/${name}` : err.instancePath;
  }
  return err.instancePath;
}

export interface SchemaProblem {
  code: IngestRejectCodeValue;
  field: string;
  message: string;
}

/** The most telling of the errors (missing and wrong-typed fields first, unknown fields last). */
export function firstSchemaError(errors: Iterable<unknown>): SchemaProblem {
  const all = [...errors] as SchemaError[];
  // An optional field is `anyOf [T, null]`: its wrapper and null-branch errors only repeat T's.
  const echo = (e: SchemaError) =>
    e.keyword === 'anyOf' || (e.keyword === 'type' && e.params['type'] === 'null');
  const telling = all.filter((e) => !echo(e));
  const ranked = (telling.length > 0 ? telling : all)
    .map((e) => ({ e, code: classify(e) }))
    .sort((a, b) => PRIORITY.indexOf(a.code) - PRIORITY.indexOf(b.code));
  const first = ranked[0];
  if (first === undefined) return { code: IngestRejectCode.BadValue, field: '', message: 'invalid' };
  const field = fieldOf(first.e);
  return { code: first.code, field, message: `${field || 'value'} ${first.e.message}` };
}
