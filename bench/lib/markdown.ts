/**
 * Number formats and markdown tables shared by the benchmarks' reports.
 * @module
 */

/** One decimal, or `–` for a missing figure. */
export const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
/** Two decimals, or `–`. */
export const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');
/** No decimals, or `–`. */
export const f0 = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '–');
/** A count with thousands separators. */
export const int = (n: number): string => n.toLocaleString('en-US');

/** The median of the finite values, NaN if none. */
export const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** A markdown table. */
export const table = (head: string[], rows: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** A benchmark target as its report shows it; `pass` undefined: not measured in this run. */
export interface TargetRow {
  name: string;
  value: string;
  pass: boolean | undefined;
}

/** The targets table: target, what was measured, pass / **FAIL** (or n/a). */
export const targetTable = (rows: readonly TargetRow[]): string =>
  table(
    ['target', 'measured', 'result'],
    rows.map((x) => [x.name, x.value, x.pass === undefined ? 'n/a' : x.pass ? 'pass' : '**FAIL**']),
  );
