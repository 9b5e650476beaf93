/**
 * The reconcile queue, and the rate limiter that spaces out retries.
 *
 * @module
 */

import { aborted, LinkedAbort } from "../util/abort.ts";
import { Backoff } from "../util/backoff.ts";
import { Wakeup } from "../util/wakeup.ts";
import type { Clock } from "../util/clock.ts";

/**
 * Options of {@linkcode WorkQueue}.
 *
 * @example
 * ```ts
 * import type { WorkQueueOptions } from "./queue.ts";
 * const options: WorkQueueOptions = { onTake: (key, waitedMs) => console.log(key, waitedMs) };
 * ```
 */
export interface WorkQueueOptions {
  /**
   * Told of each key handed to a worker, with how long it waited since it
   * was due (the queue's latency: for a key scheduled for now, since it was
   * scheduled; for a key held while a worker had it, that time included).
   */
  onTake?: (key: string, waitedMs: number) => void;
}

interface Entry {
  due: number;
  key: string;
  seq: number;
}

/**
 * Keys waiting to be reconciled, each due at a time. A key waits in the
 * queue once, however often it is scheduled (the earliest time wins); a key
 * taken by a worker is not handed to another until {@linkcode WorkQueue.done},
 * and if it was scheduled meanwhile, it is handed out again after that. The
 * order is by due time, then first come, first served.
 *
 * @example
 * ```ts
 * import { WorkQueue } from "./queue.ts";
 * import { realClock } from "../util/clock.ts";
 * const queue = new WorkQueue(realClock);
 * queue.schedule("default/web");
 * queue.schedule("default/web");
 * console.log(queue.depth); // 1
 * const key = await queue.take();
 * queue.done(key!);
 * ```
 */
export class WorkQueue {
  #clock: Clock;
  #heap: Entry[] = [];
  #seq = 0;
  /** Every waiting key and when it is due. */
  #due = new Map<string, number>();
  #active = new Set<string>();
  /** Due keys held back because a worker has them. */
  #held = new Set<string>();
  #changed = new Wakeup();
  #closed = false;
  #onTake: WorkQueueOptions["onTake"];

  /**
   * Creates a WorkQueue.
   *
   * @param clock Time, for keys scheduled later and for latencies.
   * @param options A hook told of each key taken.
   */
  constructor(clock: Clock, options: WorkQueueOptions = {}) {
    this.#clock = clock;
    this.#onTake = options.onTake;
  }

  /** Keys waiting, held ones included. */
  get depth(): number {
    return this.#due.size;
  }

  /** Keys a worker has now. */
  get active(): number {
    return this.#active.size;
  }

  /**
   * Schedules `key` after `delayMs` (now by default); an earlier time
   * already scheduled wins.
   *
   * @param key The key.
   * @param delayMs How long from now.
   */
  schedule(key: string, delayMs = 0): void {
    if (this.#closed) return;
    const due = this.#clock.now() + delayMs;
    const scheduled = this.#due.get(key);
    if (scheduled !== undefined && scheduled <= due) return;
    this.#due.set(key, due);
    if (!this.#held.has(key)) this.#push({ due, key, seq: this.#seq++ });
    this.#wake();
  }

  /**
   * Takes the next due key that no worker has, waiting for one.
   *
   * @param signal Stops waiting.
   * @returns The key, or `undefined` once the queue is closed or the signal aborts.
   */
  async take(signal?: AbortSignal): Promise<string | undefined> {
    while (!this.#closed && !signal?.aborted) {
      const top = this.#heap[0];
      if (!top) {
        await this.#waitForChange(undefined, signal);
        continue;
      }
      if (this.#due.get(top.key) !== top.due || this.#held.has(top.key)) {
        this.#pop();
        continue;
      }
      if (this.#active.has(top.key)) {
        this.#pop();
        this.#held.add(top.key);
        continue;
      }
      const now = this.#clock.now();
      const wait = top.due - now;
      if (wait > 0) {
        await this.#waitForChange(wait, signal);
        continue;
      }
      this.#pop();
      this.#due.delete(top.key);
      this.#active.add(top.key);
      this.#onTake?.(top.key, -wait);
      return top.key;
    }
    return undefined;
  }

  /**
   * A worker is done with `key`: if it was scheduled meanwhile, it may be
   * taken again.
   *
   * @param key The key {@linkcode WorkQueue.take} gave.
   */
  done(key: string): void {
    this.#active.delete(key);
    if (this.#held.delete(key)) {
      this.#push({ due: this.#due.get(key)!, key, seq: this.#seq++ });
    }
    this.#wake();
  }

  /**
   * Forgets a waiting key (its object is gone).
   *
   * @param key The key.
   */
  forget(key: string): void {
    this.#due.delete(key);
    this.#held.delete(key);
  }

  /** Hands out no more keys: waiting takes return `undefined`. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  #wake(): void {
    this.#changed.wake();
  }

  async #waitForChange(ms: number | undefined, signal?: AbortSignal): Promise<void> {
    using timer = new LinkedAbort(signal);
    const waits: Promise<unknown>[] = [this.#changed.wait(), aborted(timer.signal)];
    if (ms !== undefined) waits.push(this.#clock.sleep(ms, timer.signal));
    try {
      await Promise.race(waits);
    } catch {
      // Aborted: the caller looks at its signal.
    } finally {
      timer.abort();
    }
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (!heap.length) return;
    heap[0] = last;
    let i = 0;
    while (true) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left], heap[least])) least = left;
      if (right < heap.length && before(heap[right], heap[least])) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/**
 * Settings of {@linkcode RateLimiter}.
 *
 * @example
 * ```ts
 * import type { RateLimiterOptions } from "./queue.ts";
 * const gentle: RateLimiterOptions = { baseMs: 100, maxMs: 60_000, perSecond: 5, burst: 20 };
 * ```
 */
export interface RateLimiterOptions {
  /** The first retry's delay; 5 ms, as client-go's default controller rate limiter. */
  baseMs?: number;
  /** The longest per-key delay; 1000 s. */
  maxMs?: number;
  /** Retries per second over all keys; 10. */
  perSecond?: number;
  /** Retries allowed at once before `perSecond` applies; 100. */
  burst?: number;
}

/**
 * How long a failed key waits before its next try: the longer of a per-key
 * exponential backoff (5 ms doubling to 1000 s) and an overall token
 * bucket (10 a second, bursts of 100), as client-go's default controller
 * rate limiter. {@linkcode RateLimiter.forget} resets a key after a success.
 *
 * @example
 * ```ts
 * import { RateLimiter } from "./queue.ts";
 * let now = 0;
 * const limiter = new RateLimiter(() => now);
 * limiter.when("a"); // 5
 * limiter.when("a"); // 10
 * limiter.forget("a");
 * limiter.when("a"); // 5
 * ```
 */
export class RateLimiter {
  #now: () => number;
  #backoff: Backoff;
  #rate: number;
  #burst: number;
  #failures = new Map<string, number>();
  #tokens: number;
  #refilledAt: number;

  /**
   * Creates a RateLimiter.
   *
   * @param now The clock's `now`.
   * @param options Delays, rate and burst.
   */
  constructor(now: () => number, options: RateLimiterOptions = {}) {
    this.#now = now;
    this.#backoff = new Backoff({
      initialMs: options.baseMs ?? 5,
      maxMs: options.maxMs ?? 1_000_000,
      jitter: 0,
    });
    this.#rate = options.perSecond ?? 10;
    this.#burst = options.burst ?? 100;
    this.#tokens = this.#burst;
    this.#refilledAt = now();
  }

  /**
   * The delay before `key`'s next try, counting this failure.
   *
   * @param key The key that failed.
   * @returns Milliseconds.
   */
  when(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const backoff = this.#backoff.delayAt(failures);
    return Math.max(backoff, this.#reserve());
  }

  /**
   * Forgets `key`'s failures.
   *
   * @param key The key.
   */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  /** Takes a token, and says how long until it is really there (the bucket may owe it). */
  #reserve(): number {
    const now = this.#now();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + (now - this.#refilledAt) * this.#rate / 1000,
    );
    this.#refilledAt = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens * 1000 / this.#rate);
  }
}
