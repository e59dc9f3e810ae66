/**
 * What a page or component must undo when it goes away: subscriptions, listeners, timers. Disposing
 * runs every disposer once, newest first, even if one throws.
 * @module
 */
export class Scope {
  private disposers: (() => void)[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Register a cleanup; runs at once if the scope is already disposed. */
  add(disposer: () => void): void {
    if (this.disposed) disposer();
    else this.disposers.push(disposer);
  }

  /** `setInterval` that stops with the scope. */
  interval(fn: () => void, ms: number): void {
    const id = setInterval(fn, ms);
    this.add(() => clearInterval(id));
  }

  /** A DOM listener removed with the scope. */
  listen<K extends keyof WindowEventMap>(
    target: Window,
    type: K,
    fn: (event: WindowEventMap[K]) => void,
  ): void;
  listen<K extends keyof DocumentEventMap>(
    target: Document,
    type: K,
    fn: (event: DocumentEventMap[K]) => void,
  ): void;
  listen(target: EventTarget, type: string, fn: (event: Event) => void): void {
    target.addEventListener(type, fn);
    this.add(() => target.removeEventListener(type, fn));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const list = this.disposers.reverse();
    this.disposers = [];
    let failure: unknown;
    for (const fn of list) {
      try {
        fn();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}
