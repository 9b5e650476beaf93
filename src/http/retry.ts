/**
 * When a failed request is tried again, and after how long.
 *
 * @module
 */

import { Backoff, type BackoffOptions } from "../util/backoff.ts";

/**
 * Settings of {@linkcode RetryPolicy}.
 *
 * @example
 * ```ts
 * import type { RetryOptions } from "./retry.ts";
 * const patient: RetryOptions = { retries: 5, backoff: { initialMs: 500, maxMs: 10_000 } };
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt; 3. `0` turns retries off. */
  retries?: number;
  /** Delays between attempts when the server names none; 250 ms doubling to 4 s, plus jitter. */
  backoff?: BackoffOptions;
}

/**
 * What went wrong with one attempt: the connection (refused, reset, found
 * dead, a body that broke off), or an HTTP status with the server's
 * `Retry-After`, if it sent one.
 *
 * @example
 * ```ts
 * import type { Failure } from "./retry.ts";
 * const throttled: Failure = { status: 429, retryAfterMs: 2_000 };
 * ```
 */
export type Failure = { status?: undefined } | { status: number; retryAfterMs?: number };

/**
 * The retry policy of every request: reads (`GET`, watch opens included)
 * are retried after connection failures and after 429, 503 and 504; writes
 * only when the server said to come back (429 or 503 with `Retry-After`),
 * since a write that failed in flight may have been applied. A server's
 * `Retry-After` is honoured as given; otherwise the delay backs off.
 *
 * @example
 * ```ts
 * import { RetryPolicy } from "./retry.ts";
 * const policy = new RetryPolicy({ backoff: { jitter: 0 } });
 * const attempt = policy.start();
 * attempt.delay("GET", { status: 503 }); // 250
 * attempt.delay("POST", { status: 503 }); // undefined: a write is not retried blindly
 * attempt.delay("POST", { status: 429, retryAfterMs: 1_000 }); // 1000
 * ```
 */
export class RetryPolicy {
  #retries: number;
  #backoff: BackoffOptions;

  /**
   * Creates a RetryPolicy.
   *
   * @param options How many retries, and the backoff between them.
   */
  constructor(options: RetryOptions = {}) {
    this.#retries = options.retries ?? 3;
    this.#backoff = { initialMs: 250, maxMs: 4_000, ...options.backoff };
  }

  /**
   * Starts counting the attempts of one request.
   *
   * @returns The request's retry state.
   */
  start(): RetryState {
    return new RetryState(this.#retries, new Backoff(this.#backoff));
  }
}

/**
 * The retries one request has left.
 *
 * @example
 * ```ts
 * import { RetryPolicy } from "./retry.ts";
 * const attempt = new RetryPolicy({ retries: 1 }).start();
 * attempt.delay("GET", {}); // a delay: one retry left
 * attempt.delay("GET", {}); // undefined: none left
 * ```
 */
export class RetryState {
  #left: number;
  #backoff: Backoff;

  /**
   * Creates a RetryState; {@linkcode RetryPolicy.start} does.
   *
   * @param retries Retries allowed.
   * @param backoff Delays when the server names none.
   */
  constructor(retries: number, backoff: Backoff) {
    this.#left = retries;
    this.#backoff = backoff;
  }

  /** How many attempts were made so far, when one has just failed. */
  attempts = 0;

  /**
   * Whether to try again after `failure`, and when.
   *
   * @param method The request's HTTP method.
   * @param failure What went wrong.
   * @returns Milliseconds to wait first, or `undefined` to give up.
   */
  delay(method: string, failure: Failure): number | undefined {
    this.attempts++;
    if (this.#left <= 0 || !retryable(method, failure)) return undefined;
    this.#left--;
    return failure.status !== undefined && failure.retryAfterMs !== undefined
      ? failure.retryAfterMs
      : this.#backoff.next();
  }
}

function retryable(method: string, failure: Failure): boolean {
  const read = method === "GET" || method === "HEAD";
  if (failure.status === undefined) return read;
  if (failure.retryAfterMs !== undefined && [429, 503].includes(failure.status)) return true;
  return read && [429, 503, 504].includes(failure.status);
}

/**
 * Reads a `Retry-After` header: seconds, or an HTTP date.
 *
 * @param value The header's value.
 * @param now The current time in ms since the epoch.
 * @returns Milliseconds to wait, or `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * import { retryAfterMs } from "./retry.ts";
 * retryAfterMs("2", Date.now()); // 2000
 * ```
 */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
