/**
 * Abort controllers chained to a parent signal.
 *
 * @module
 */

/**
 * An AbortController that also aborts when its parent signal does. Unlike
 * `AbortSignal.any`, whose combined signal the parent holds only weakly (a
 * garbage collection can drop it, and the abort never arrives), the parent
 * holds this controller strongly until it is disposed.
 *
 * @example
 * ```ts
 * import { LinkedAbort } from "./linked_abort.ts";
 * const outer = new AbortController();
 * using inner = new LinkedAbort(outer.signal);
 * outer.abort();
 * inner.signal.aborted; // true
 * ```
 */
export class LinkedAbort extends AbortController implements Disposable {
  #parent: AbortSignal | undefined;
  #onAbort = () => this.abort(this.#parent?.reason);

  /**
   * Creates a LinkedAbort.
   *
   * @param parent The signal to follow; none makes a plain controller.
   */
  constructor(parent?: AbortSignal) {
    super();
    if (!parent) return;
    if (parent.aborted) {
      this.abort(parent.reason);
      return;
    }
    this.#parent = parent;
    parent.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Stops following the parent, so that it no longer holds this controller. */
  [Symbol.dispose](): void {
    this.#parent?.removeEventListener("abort", this.#onAbort);
    this.#parent = undefined;
  }
}
