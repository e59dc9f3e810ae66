import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLASH_MS, PriceFlashes } from './price-flashes.js';

const cell = () => {
  const classes = new Set<string>();
  return {
    classes,
    classList: { add: (n: string) => classes.add(n), remove: (n: string) => classes.delete(n) },
  };
};

describe('PriceFlashes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('colours a cell, then asks for a frame when the flash is due to end', () => {
    const onExpiry = vi.fn();
    const flashes = new PriceFlashes(onExpiry);
    const c = cell();
    flashes.flash(c, 'up', 0);
    expect([...c.classes]).toEqual(['flash-up']);
    vi.advanceTimersByTime(FLASH_MS - 1);
    expect(onExpiry).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpiry).toHaveBeenCalledTimes(1);
    flashes.expire(FLASH_MS);
    expect(c.classes.size).toBe(0);
    expect(flashes.size).toBe(0);
  });

  it('switches direction and extends a running flash', () => {
    const flashes = new PriceFlashes(() => undefined);
    const c = cell();
    flashes.flash(c, 'up', 0);
    flashes.flash(c, 'down', 400);
    expect([...c.classes]).toEqual(['flash-down']);
    flashes.expire(FLASH_MS);
    expect([...c.classes]).toEqual(['flash-down']);
    flashes.expire(400 + FLASH_MS);
    expect(c.classes.size).toBe(0);
  });

  it('keeps one timer for many cells and re-arms it for the next end', () => {
    const onExpiry = vi.fn();
    const flashes = new PriceFlashes(onExpiry);
    const a = cell();
    const b = cell();
    flashes.flash(a, 'up', 0);
    flashes.flash(b, 'down', 200);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(FLASH_MS);
    flashes.expire(FLASH_MS);
    expect(a.classes.size).toBe(0);
    expect([...b.classes]).toEqual(['flash-down']);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(200);
    expect(onExpiry).toHaveBeenCalledTimes(2);
    flashes.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
