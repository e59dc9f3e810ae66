/**
 * The dashboard renders server data as text only (textContent, attributes, canvas), so a bot's log
 * line or an alert name carrying markup stays inert: no source file uses an HTML-parsing sink.
 * (Served data itself is JSON; see packages/server/src/security/abuse.integration.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const SINKS =
  /\.(innerHTML|outerHTML|insertAdjacentHTML|srcdoc)\b|document\.write|createContextualFragment|DOMParser|\bnew Function\b|\beval\(/;

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });

describe('dashboard sources', () => {
  it('use no HTML-parsing sink (innerHTML, insertAdjacentHTML, document.write, eval…)', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.filter((f) => SINKS.test(readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
  });
});
