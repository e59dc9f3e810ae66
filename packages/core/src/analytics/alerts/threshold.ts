/**
 * The state machine behind every rule: fire on crossing a threshold, resolve past a separate clear
 * threshold (hysteresis), and never fire twice within the cooldown.
 * @module
 */

export interface ThresholdCheck {
  direction: 'above' | 'below';
  /** Fires at or beyond this value. */
  threshold: number;
  /** Resolves strictly before this value (equal to `threshold` for no hysteresis). */
  clear: number;
  /** Fire only after the value was seen on the other side first (a true cross). */
  needsCross?: boolean | undefined;
  cooldownMs: number;
}

export interface ThresholdState {
  firing: boolean;
  lastFiredAt: number | null;
  /** Seen on the resolved side since the last firing (or since the start). */
  armed: boolean;
}

export const initialThresholdState = (): ThresholdState => ({
  firing: false,
  lastFiredAt: null,
  armed: false,
});

/** One evaluation; mutates `s` and says what changed. */
export function stepThreshold(
  s: ThresholdState,
  value: number,
  c: ThresholdCheck,
  now: number,
): 'fire' | 'resolve' | null {
  const over = c.direction === 'above' ? value >= c.threshold : value <= c.threshold;
  const cleared = c.direction === 'above' ? value < c.clear : value > c.clear;
  if (s.firing) {
    if (!cleared) return null;
    s.firing = false;
    s.armed = true;
    return 'resolve';
  }
  if (!over) {
    s.armed = true;
    return null;
  }
  if (c.needsCross && !s.armed) return null;
  if (s.lastFiredAt !== null && now - s.lastFiredAt < c.cooldownMs) return null;
  s.firing = true;
  s.armed = false;
  s.lastFiredAt = now;
  return 'fire';
}
