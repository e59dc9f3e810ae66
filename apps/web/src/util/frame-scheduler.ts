/**
 * Coalesce many update requests into one call per animation frame, so that DOM writes happen once
 * per frame whatever the message rate; optionally at most one call per `minIntervalMs`, for views
 * whose every redraw costs a relayout and repaint of many rows (the trades tape).
 * @module
 */
export class FrameScheduler {
  private handle: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;

  /**
   * @param flush the update, run in an animation frame
   * @param minIntervalMs at least this long between two flushes, ms (default 0: every frame)
   */
  constructor(
    private readonly flush: () => void,
    private readonly minIntervalMs = 0,
  ) {}

  /** Ask for a flush on the next frame (or the first frame the interval allows); repeated calls before it are free. */
  schedule(): void {
    if (this.handle !== undefined || this.timer !== undefined) return;
    const wait = this.lastFlush + this.minIntervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.request();
      }, wait);
    } else {
      this.request();
    }
  }

  cancel(): void {
    if (this.handle !== undefined) cancelAnimationFrame(this.handle);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.handle = undefined;
    this.timer = undefined;
  }

  private request(): void {
    this.handle = requestAnimationFrame(() => {
      this.handle = undefined;
      this.lastFlush = performance.now();
      this.flush();
    });
  }
}
