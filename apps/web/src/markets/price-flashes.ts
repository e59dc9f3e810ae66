/**
 * The markets grid's price flashes: a cell whose price changed takes the `flash-up` or
 * `flash-down` class for {@link FLASH_MS}, then loses it. A class on and off, not a CSS animation:
 * an animated background costs a style recalculation and a repaint of every flashing cell on every
 * frame, which at a few updates per second per row kept the page busy all the time (see
 * `npm run bench:web`); this costs two class changes per flash.
 * @module
 */

/** How long a changed price keeps its up or down colour, ms. */
export const FLASH_MS = 600;

export type FlashDirection = 'up' | 'down';

/** What a flash needs of a cell (an HTMLElement). */
export interface FlashTarget {
  classList: { add(name: string): void; remove(name: string): void };
}

export class PriceFlashes<T extends FlashTarget = FlashTarget> {
  private readonly active = new Map<T, { dir: FlashDirection; until: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** @param onExpiry called when a flash is due to end: schedule a frame that calls {@link expire}. */
  constructor(private readonly onExpiry: () => void) {}

  /** Colour `cell` for {@link FLASH_MS} from `now` (ms), or extend its flash. */
  flash(cell: T, dir: FlashDirection, now: number): void {
    const current = this.active.get(cell);
    if (current?.dir !== dir) {
      if (current) cell.classList.remove(`flash-${current.dir}`);
      cell.classList.add(`flash-${dir}`);
    }
    this.active.set(cell, { dir, until: now + FLASH_MS });
    this.arm(now);
  }

  /** End the flashes that are due at `now`; call it from the frame's flush. */
  expire(now: number): void {
    for (const [cell, f] of this.active) {
      if (f.until > now) continue;
      cell.classList.remove(`flash-${f.dir}`);
      this.active.delete(cell);
    }
    this.arm(now);
  }

  /** Cells flashing now. */
  get size(): number {
    return this.active.size;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.active.clear();
  }

  /** One timer, for the earliest end (new flashes always end later than the ones running). */
  private arm(now: number): void {
    if (this.timer !== undefined || this.active.size === 0) return;
    let next = Infinity;
    for (const f of this.active.values()) next = Math.min(next, f.until);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.onExpiry();
      },
      Math.max(0, next - now),
    );
  }
}
