/**
 * The list of symbols the server follows, fetched once and shared (the grid, the jump dialog).
 * A failed fetch is not cached: the next call tries again.
 * @module
 */
import { fetchSymbols } from './rest.js';
import type { SymbolInfo } from './rest.js';

export class SymbolDirectory {
  private pending: Promise<SymbolInfo[]> | undefined;
  private known: SymbolInfo[] | undefined;

  /** The symbols, from the cache when loaded. */
  load(): Promise<SymbolInfo[]> {
    if (this.known) return Promise.resolve(this.known);
    this.pending ??= fetchSymbols().then(
      (symbols) => {
        this.known = [...symbols].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
        return this.known;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  /** The symbols if already loaded. */
  get cached(): SymbolInfo[] | undefined {
    return this.known;
  }
}
