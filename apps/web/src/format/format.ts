/**
 * Number and time formatters of the dashboard. Pure; `—` stands for a missing value everywhere.
 * @module
 */

/** Shown where a value is missing. */
export const MISSING = '—';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Decimals that show a price to about 6 significant digits: 2 above 1,000, up to 8 for tiny prices.
 */
export const priceDecimals = (price: number): number => {
  const abs = Math.abs(price);
  if (abs === 0 || abs >= 1000) return 2;
  const digitsBeforePoint = Math.floor(Math.log10(abs)) + 1;
  return Math.min(8, Math.max(2, 6 - digitsBeforePoint));
};

/** `1234567` → `1,234,567` (digits only). */
const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * A price with thousands separators, e.g. `64,123.50`, `0.5123`, `0.00001234`.
 *
 * Built from `toFixed` rather than `toLocaleString`/Intl.NumberFormat: the first Intl formatter of
 * a page costs 40–120 ms (ICU start-up), on the path to the symbol page's first candles, and
 * `toLocaleString` with options costs ~0.1 ms per call, the largest part of a grid or tape update
 * (`npm run bench:web`). Halves round as `toFixed` does, on the binary value.
 */
export const formatPrice = (price: number | null | undefined, decimals?: number): string => {
  if (!isNum(price)) return MISSING;
  const fixed = Math.abs(price).toFixed(decimals ?? priceDecimals(price));
  if (fixed.includes('e')) return price.toLocaleString('en-US');
  const dot = fixed.indexOf('.');
  const whole = dot < 0 ? fixed : fixed.slice(0, dot);
  const sign = price < 0 && /[1-9]/.test(fixed) ? '-' : '';
  return `${sign}${groupThousands(whole)}${dot < 0 ? '' : fixed.slice(dot)}`;
};

/**
 * An amount of a base currency (a position or fill size): at most 8 decimals (a satoshi), trailing
 * zeros dropped, thousands separated, e.g. `0.01664713`, `1.5`, `12,000`. The sign is kept.
 */
export const formatAmount = (amount: number | null | undefined): string => {
  if (!isNum(amount)) return MISSING;
  const text = formatPrice(amount, 8);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

/** A signed percentage with two decimals, e.g. `+1.25%`, `-0.40%`, `0.00%`. */
export const formatPct = (pct: number | null | undefined): string => {
  if (!isNum(pct)) return MISSING;
  const fixed = pct.toFixed(2);
  if (Number(fixed) === 0) return '0.00%';
  return `${pct > 0 ? '+' : ''}${fixed}%`;
};

/** Basis points with one decimal, e.g. `1.6 bps`. */
export const formatBps = (bps: number | null | undefined): string =>
  isNum(bps) ? `${bps.toFixed(1)} bps` : MISSING;

const COMPACT_UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** A compact quantity: `950`, `12.3K`, `4.56M`, `1.20B`; three significant digits above 1,000. */
export const formatCompact = (value: number | null | undefined): string => {
  if (!isNum(value)) return MISSING;
  const abs = Math.abs(value);
  for (const [size, unit] of COMPACT_UNITS) {
    if (abs >= size) {
      const scaled = value / size;
      const decimals = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
      return `${scaled.toFixed(decimals)}${unit}`;
    }
  }
  return abs >= 100 || abs === 0 ? value.toFixed(0) : value.toFixed(abs >= 1 ? 2 : 4);
};

/** Bytes in binary units: `512 B`, `1.5 KiB`, `120.0 MiB`, `2.00 GiB`. */
export const formatBytes = (bytes: number | null | undefined): string => {
  if (!isNum(bytes)) return MISSING;
  if (Math.abs(bytes) < 1024) return `${bytes.toFixed(0)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i += 1;
  }
  return `${value.toFixed(Math.abs(value) >= 100 ? 1 : 2)} ${units[i]}`;
};

/** A duration in ms for latencies: `0.4 ms`, `12 ms`, `1.25 s`. */
export const formatMs = (ms: number | null | undefined): string => {
  if (!isNum(ms)) return MISSING;
  if (Math.abs(ms) < 10) return `${ms.toFixed(1)} ms`;
  if (Math.abs(ms) < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
};

/** A coarse age: `just now`, `12 s`, `4 min`, `2 h 05 min`, `3 d`. */
export const formatAge = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 1000) return 'just now';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d`;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time with seconds, e.g. `14:03:07`. */
export const formatClock = (ms: number): string => {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
};

/** Local date and minute, e.g. `2024-05-01 14:03`, for candle open times. */
export const formatDateTime = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

/** Spread in basis points of the mid price, or null when either side is missing or crossed. */
export const spreadBps = (bid: number | null | undefined, ask: number | null | undefined): number | null => {
  if (!isNum(bid) || !isNum(ask) || bid <= 0 || ask < bid) return null;
  return ((ask - bid) / ((ask + bid) / 2)) * 10_000;
};
