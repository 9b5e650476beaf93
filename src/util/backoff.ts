/**
 * Exponential backoff with jitter: the one schedule of delays that kube's
 * retries, watch restarts, work-queue requeues and leader election share.
 *
 * @module
 */

/**
 * Settings of {@linkcode Backoff}.
 *
 * @example
 * ```ts
 * import type { BackoffOptions } from "./backoff.ts";
 * const fast: BackoffOptions = { initialMs: 10, maxMs: 100 };
 * ```
 */
export interface BackoffOptions {
  /** The first delay; 800 ms, as client-go's reflector. */
  initialMs?: number;
  /** The cap of the delay before jitter; 30 s, as client-go's reflector (jitter may stretch it to 60 s). */
  maxMs?: number;
  /** Each delay is this many times the one before; 2. */
  factor?: number;
  /** Each delay is stretched by a random fraction up to this; 1 (up to double). */
  jitter?: number;
  /** Random numbers in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: 800 ms, then about twice as long each
 * time, up to 30 s; {@linkcode Backoff.reset} starts again when the stream is
 * healthy.
 *
 * @example
 * ```ts
 * import { Backoff } from "./backoff.ts";
 * const backoff = new Backoff({ jitter: 0 });
 * backoff.next(); // 800
 * backoff.next(); // 1600
 * backoff.reset();
 * backoff.next(); // 800
 * ```
 */
export class Backoff {
  #initial: number;
  #max: number;
  #factor: number;
  #jitter: number;
  #random: () => number;
  #current = 0;

  /**
   * Creates a Backoff.
   *
   * @param options Delays, growth, jitter and randomness.
   */
  constructor(options: BackoffOptions = {}) {
    this.#initial = options.initialMs ?? 800;
    this.#max = options.maxMs ?? 30_000;
    this.#factor = options.factor ?? 2;
    this.#jitter = options.jitter ?? 1;
    this.#random = options.random ?? Math.random;
  }

  /**
   * The delay before the next retry, in milliseconds.
   *
   * @returns The delay, jitter included.
   */
  next(): number {
    this.#current = this.#current === 0
      ? this.#initial
      : Math.min(this.#current * this.#factor, this.#max);
    return Math.round(this.#current * (1 + this.#jitter * this.#random()));
  }

  /**
   * The delay after `failures` earlier failures, without jitter and without
   * changing this backoff: for callers that keep a count per key (a work
   * queue's requeues) rather than one sequence.
   *
   * @param failures How many tries failed before this one; 0 for the first delay.
   * @returns The delay in milliseconds, at most the cap.
   *
   * @example
   * ```ts
   * import { Backoff } from "./backoff.ts";
   * new Backoff({ initialMs: 5, maxMs: 1_000 }).delayAt(3); // 40
   * ```
   */
  delayAt(failures: number): number {
    return Math.min(this.#initial * this.#factor ** failures, this.#max);
  }

  /** Starts again from the first delay. */
  reset(): void {
    this.#current = 0;
  }
}
