/**
 * Abort controllers chained to a parent signal, deadlines on an injected
 * clock, and waits that give up when a signal aborts: the one place kube
 * times anything out.
 *
 * @module
 */

import { type Clock, realClock } from "./clock.ts";

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

/**
 * Calls `fn` once `ms` milliseconds have passed on `clock`, unless the
 * returned handle is disposed first. At once (synchronously) when `ms` ≤ 0
 * (or NaN); never when `ms` is `Infinity`.
 *
 * @param clock The clock to wait on.
 * @param ms How long to wait.
 * @param fn What to call then.
 * @returns A handle whose disposal cancels the call.
 *
 * @example
 * ```ts
 * import { afterMs } from "./abort.ts";
 * import { realClock } from "./clock.ts";
 * let fired = false;
 * {
 *   using _timer = afterMs(realClock, 60_000, () => fired = true);
 * } // left the block: cancelled, `fired` stays false
 * ```
 */
export function afterMs(clock: Clock, ms: number, fn: () => void): Disposable {
  const cancel = new AbortController();
  if (!(ms > 0)) fn();
  else if (ms !== Infinity) clock.sleep(ms, cancel.signal).then(fn, () => {});
  return { [Symbol.dispose]: () => cancel.abort() };
}

/**
 * A deadline: aborts `controller` with `reason()` once `ms` milliseconds
 * have passed on `clock`, unless the returned handle is disposed first.
 * `undefined`, `0` (or less, or NaN) and `Infinity` mean no deadline
 * (kube's `timeoutMs: 0` turns one off).
 *
 * @param controller What to abort.
 * @param ms The time allowed, in milliseconds.
 * @param reason Makes the abort's reason, when the deadline passes.
 * @param clock The clock to wait on; the real one by default.
 * @returns A handle whose disposal cancels the deadline.
 *
 * @example
 * ```ts
 * import { deadline } from "./abort.ts";
 * const call = new AbortController();
 * using _deadline = deadline(call, 5_000, () => new Error("no answer within 5s"));
 * ```
 */
export function deadline(
  controller: AbortController,
  ms: number | undefined,
  reason: () => unknown,
  clock: Clock = realClock,
): Disposable {
  if (!(ms !== undefined && ms > 0 && ms !== Infinity)) return { [Symbol.dispose]: () => {} };
  return afterMs(clock, ms, () => controller.abort(reason()));
}

/**
 * A promise that rejects with the signal's reason when it aborts, and never
 * settles otherwise: for `Promise.race` against work that cannot be aborted
 * itself. Its listener goes once the signal aborts, so use a signal that
 * does abort in the end (a {@linkcode LinkedAbort} disposed in `finally`).
 *
 * @param signal The signal to follow.
 * @returns A promise that only rejects.
 *
 * @example
 * ```ts
 * import { aborted } from "./abort.ts";
 * const stop = new AbortController();
 * const work = new Promise<string>(() => {}); // never settles
 * stop.abort(new Error("stopped"));
 * await Promise.race([work, aborted(stop.signal)]).catch((e) => e.message); // "stopped"
 * ```
 */
export function aborted(signal: AbortSignal): Promise<never> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((_, reject) =>
    signal.addEventListener("abort", () => reject(signal.reason), { once: true })
  );
}

/**
 * Cancels `reader` with the signal's reason when the signal aborts, until
 * the returned handle is disposed: a read in progress on a dead connection
 * may never settle otherwise.
 *
 * @param reader The reader to cancel.
 * @param signal The signal to follow; none follows nothing.
 * @returns A handle whose disposal stops following the signal.
 *
 * @example
 * ```ts
 * import { cancelOnAbort } from "./abort.ts";
 * const stop = new AbortController();
 * const reader = new ReadableStream<Uint8Array>().getReader();
 * using _cancel = cancelOnAbort(reader, stop.signal);
 * stop.abort(); // the pending read ends
 * await reader.read(); // { done: true, value: undefined }
 * ```
 */
export function cancelOnAbort(
  reader: { cancel(reason?: unknown): Promise<void> },
  signal: AbortSignal | undefined,
): Disposable {
  const cancel = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", cancel, { once: true });
  return { [Symbol.dispose]: () => signal?.removeEventListener("abort", cancel) };
}
