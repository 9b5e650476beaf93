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
 * import { LinkedAbort } from "./abort.ts";
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

/**
 * `promise`, or the signal's reason as soon as it aborts (the promise
 * itself goes on).
 *
 * @typeParam T What the promise gives.
 * @param promise What to wait for.
 * @param signal Stops the wait; none waits for the promise alone.
 * @returns What the promise gives.
 *
 * @example
 * ```ts
 * import { abortable } from "./abort.ts";
 * const value = await abortable(Promise.resolve(1), AbortSignal.timeout(1000));
 * ```
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
