/** The symbols a source's configuration names, canonical, so live state can be warmed before data flows. */
import { normalizeSymbol } from '@tickdeck/core';
import { DEFAULT_SYMBOLS } from '../sources/simulator/symbol-specs.js';
import type { MarketSourceConfig } from '../sources/source-config.js';

export function configuredSymbols(config: MarketSourceConfig): string[] {
  const raw: string[] = [];
  switch (config.kind) {
    case 'simulator':
      for (const s of config.symbols ?? DEFAULT_SYMBOLS) raw.push(typeof s === 'string' ? s : s.symbol);
      break;
    case 'replay':
      if (config.symbol) raw.push(config.symbol);
      break;
    case 'ccxt':
      raw.push(...config.symbols);
      break;
    case 'zeromq':
      break;
  }
  const out: string[] = [];
  for (const r of raw) {
    const n = normalizeSymbol(r);
    if (n) out.push(n.symbol);
  }
  return out;
}
