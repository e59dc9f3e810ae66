/**
 * Coalesce many update requests into one call per animation frame, so that DOM writes happen once
 * per frame whatever the message rate.
 * @module
 */
export class FrameScheduler {
  private handle: number | undefined;

  constructor(private readonly flush: () => void) {}

  /** Ask for a flush on the next frame; repeated calls before it are free. */
  schedule(): void {
    if (this.handle !== undefined) return;
    this.handle = requestAnimationFrame(() => {
      this.handle = undefined;
      this.flush();
    });
  }

  cancel(): void {
    if (this.handle !== undefined) cancelAnimationFrame(this.handle);
    this.handle = undefined;
  }
}
