/**
 * The dashboard's initial-JS figure, from the size check CI runs (apps/web/scripts/check-size.mjs),
 * so the benchmark reports it beside its own figures.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SizeFigure } from './web-report.js';

/**
 * Read check-size's summary line.
 * @example parseSizeLine('total initial: 37.8 KB of 250 KB budget: OK') // { totalKb: 37.8, budgetKb: 250, ok: true }
 */
export function parseSizeLine(output: string): SizeFigure | undefined {
  const m = /total initial: ([\d.]+) KB of ([\d.]+) KB budget: (OK|OVER BUDGET)/.exec(output);
  if (!m) return undefined;
  return { totalKb: Number(m[1]), budgetKb: Number(m[2]), ok: m[3] === 'OK' };
}

/** Run the size check of the built dashboard; undefined when it cannot say (no build). */
export function measureInitialJs(repoRoot: string): SizeFigure | undefined {
  const result = spawnSync(process.execPath, [join(repoRoot, 'apps/web/scripts/check-size.mjs')], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return parseSizeLine(`${result.stdout ?? ''}`);
}
