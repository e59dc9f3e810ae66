import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..');

/** Every non-test source file of the server package. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );

describe('ccxt is loaded only by a ccxt source', () => {
  it('no server module imports ccxt statically (a 40 MB heap for every process otherwise)', () => {
    const offenders = sources(SRC).filter((file) =>
      /^\s*import\s+(?!type\b)[^;]*from\s+['"]ccxt['"]/m.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
    // The one place that loads it does so on demand.
    const lazy = readFileSync(join(SRC, 'sources', 'ccxt', 'pro-exchange.ts'), 'utf8');
    expect(lazy).toMatch(/await import\('ccxt'\)/);
  });
});
