/**
 * A wake-up call for code that waits until something changes: the one
 * mechanism under kube's queues, subscriptions and channels.
 *
 * @module
 */

/**
 * Waiters that sleep until someone calls {@linkcode Wakeup.wake}. A wake
 * reaches only those already waiting: check the condition, then wait, then
 * check again, in a loop.
 *
 * @example
 * ```ts
 * import { Wakeup } from "./wakeup.ts";
 * const items: number[] = [];
 * const changed = new Wakeup();
 * const taken = (async () => {
 *   while (!items.length) await changed.wait();
 *   return items.shift();
 * })();
 * items.push(1);
 * changed.wake();
 * await taken; // 1
 * ```
 */
export class Wakeup {
  #waiters: (() => void)[] = [];

  /** How many wait now. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Sleeps until the next wake.
   *
   * @returns A promise that resolves then.
   */
  wait(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Wakes every waiter. */
  wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** Wakes the one that has waited longest, if any. */
  wakeOne(): void {
    this.#waiters.shift()?.();
  }
}
