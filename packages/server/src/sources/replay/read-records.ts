/**
 * Turns a recorded file into records: one JSON value per line (JSON lines), one object per CSV row
 * (keyed by the header), or the elements of one JSON array. JSON lines and CSV are streamed line by
 * line, so their size is unbounded; a JSON array is parsed whole, so it must fit in memory (Node caps a
 * string at about 512 MB of text).
 * @module
 */
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { splitCsvLine } from './csv-line.js';
import { readText } from './read-text.js';

export type ReplayFormat = 'jsonl' | 'csv' | 'json-array';

/** One record, or why its line could not be read. `line` is the line number, or the array index + 1. */
export type RecordItem = { line: number; value: unknown } | { line: number; error: string };

export interface RecordReader {
  format: ReplayFormat;
  /** Number of records, when known before reading them (JSON arrays). */
  total: number | undefined;
  records: AsyncIterable<RecordItem>;
}

/** Guesses the format from the first characters of the text. */
export function sniffFormat(head: string): ReplayFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.length === 0) return undefined;
  if (text[0] === '{') return 'jsonl';
  if (text[0] === '[') {
    const next = text.slice(1).trimStart()[0];
    if (next === undefined) return undefined;
    return next === '[' || next === '{' || next === ']' ? 'json-array' : 'jsonl';
  }
  return 'csv';
}

export async function openRecords(
  path: string,
  format: ReplayFormat | 'auto',
  signal?: AbortSignal,
): Promise<RecordReader> {
  const chunks = readText(path, signal);
  let head = '';
  let fmt = format === 'auto' ? undefined : format;
  while (fmt === undefined) {
    const r = await chunks.next();
    if (r.done) break;
    head += r.value;
    fmt = sniffFormat(head);
  }
  fmt ??= 'jsonl';
  const all = (async function* () {
    if (head) yield head;
    yield* chunks;
  })();
  if (fmt === 'json-array') {
    let text = '';
    for await (const c of all) text += c;
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (!Array.isArray(parsed)) throw new Error('the file is not one JSON array');
    return {
      format: fmt,
      total: parsed.length,
      records: (async function* () {
        for (let i = 0; i < parsed.length; i++) yield { line: i + 1, value: parsed[i] as unknown };
      })(),
    };
  }
  const lines = createInterface({ input: Readable.from(all), crlfDelay: Infinity });
  return { format: fmt, total: undefined, records: fmt === 'csv' ? csvRecords(lines) : jsonRecords(lines) };
}

async function* jsonRecords(lines: AsyncIterable<string>): AsyncGenerator<RecordItem> {
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    try {
      yield { line: n, value: JSON.parse(line) as unknown };
    } catch {
      yield { line: n, error: 'not valid JSON' };
    }
  }
}

async function* csvRecords(lines: AsyncIterable<string>): AsyncGenerator<RecordItem> {
  let n = 0;
  let header: string[] | undefined;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    if (header === undefined) {
      header = fields.map((f) => f.toLowerCase());
      continue;
    }
    if (fields.length !== header.length) {
      yield { line: n, error: `expected ${header.length} fields, got ${fields.length}` };
      continue;
    }
    const value: Record<string, string> = {};
    header.forEach((h, i) => (value[h] = fields[i] as string));
    yield { line: n, value };
  }
}
