import { describe, expect, it } from 'vitest';
import { parseSizeLine } from './web-size.js';

describe('parseSizeLine', () => {
  it('reads the summary of check-size.mjs', () => {
    const out =
      'initial JavaScript (gzip):\n  assets/index.js  33.7 KB\ntotal initial: 37.8 KB of 250 KB budget: OK\n';
    expect(parseSizeLine(out)).toEqual({ totalKb: 37.8, budgetKb: 250, ok: true });
    expect(parseSizeLine('total initial: 301.0 KB of 250 KB budget: OVER BUDGET')?.ok).toBe(false);
  });

  it('says nothing when the check did not run', () => {
    expect(parseSizeLine('check-size: cannot read manifest')).toBeUndefined();
  });
});
