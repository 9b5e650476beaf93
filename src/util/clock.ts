/**
 * Time, injected: the engine asks a {@linkcode Clock} for the time and for
 * sleeps, so tests of backoff and idle timeouts can drive time themselves.
 *
 * @module
 */

/**
 * A source of time and of abortable sleeps.
 *
 * @example A clock that a test advances by hand
 * ```ts
 * import type { Clock } from "./clock.ts";
 * let now = 0;
 * const clock: Clock = {
 *   now: () => now,
 *   sleep: (ms) => { now += ms; return Promise.resolve(); },
 * };
 * ```
 */
export interface Clock {
  /** Milliseconds since some fixed point. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason as
   * soon as it aborts, leaving no timer behind.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now` and `setTimeout`.
 *
 * @example
 * ```ts
 * import { realClock } from "./clock.ts";
 * await realClock.sleep(1);
 * ```
 */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
