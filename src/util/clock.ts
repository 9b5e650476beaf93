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
 * The real clock: `Date.now` and `setTimeout`. A sleep may be as long as
 * the caller likes (days, beyond what one `setTimeout` holds); `Infinity`
 * sleeps until the signal aborts.
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
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      // NaN and negative delays are no delay, as setTimeout takes them.
      const delay = ms > 0 ? ms : 0;
      if (delay === Infinity) return; // only an abort ends it
      if (delay <= MAX_TIMER_MS) {
        timer = setTimeout(done, delay);
        return;
      }
      // setTimeout clamps a delay above 2^31-1 ms (24.8 days) to 1 ms: wait
      // in steps, on the monotonic clock so that a change of wall time does
      // not stretch or shorten the wait.
      const end = performance.now() + delay;
      const step = () => {
        const left = end - performance.now();
        if (left <= 0) return done();
        timer = setTimeout(step, Math.min(left, MAX_TIMER_MS));
      };
      step();
    });
  },
};

/** The longest delay `setTimeout` keeps: a signed 32-bit count of milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;
