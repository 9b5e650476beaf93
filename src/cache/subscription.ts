/**
 * A subscriber's view of a Reflector's changes: each at its own pace, with
 * memory bounded by the number of keys, not the number of events.
 *
 * @module
 */

import type { Change } from "./store.ts";
import { Wakeup } from "../util/wakeup.ts";

/**
 * The changes a subscriber has not taken yet, one per key. A key that
 * changes again before it is taken keeps its place and carries the latest
 * object, so a slow subscriber sees the latest state of each key rather
 * than a backlog of every event: ADDED then MODIFIED is still ADDED, ADDED
 * then DELETED is nothing, DELETED then ADDED is MODIFIED.
 *
 * Iterate it with `for await`; it ends when its signal aborts or it is
 * closed.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts ignore
 * const changes = reflector.subscribe({ signal });
 * for await (const change of changes) console.log(change.type, change.key);
 * ```
 */
export class Subscription<T> implements AsyncIterable<Change<T>> {
  #pending = new Map<string, Change<T>>();
  #changed = new Wakeup();
  #closed = false;
  #onClose: () => void;

  /**
   * Creates a Subscription; `Reflector.subscribe` does.
   *
   * @param signal Closes it.
   * @param onClose Called once when it closes.
   */
  constructor(signal: AbortSignal | undefined, onClose: () => void) {
    this.#onClose = onClose;
    if (signal?.aborted) this.close();
    else signal?.addEventListener("abort", () => this.close(), { once: true });
  }

  /** How many keys have changes waiting. */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Records a change, merged with one already waiting for the same key.
   *
   * @param change The change, as the store saw it.
   */
  push(change: Change<T>): void {
    if (this.#closed) return;
    const waiting = this.#pending.get(change.key);
    const type = waiting ? merge(waiting.type, change.type) : change.type;
    if (type) this.#pending.set(change.key, { ...change, type });
    else this.#pending.delete(change.key);
    this.#changed.wake();
  }

  /** Stops it: the iteration ends, and nothing more is recorded. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending.clear();
    this.#changed.wake();
    this.#onClose();
  }

  /**
   * The waiting changes, oldest key first, then each new one as it comes.
   *
   * @returns The changes.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Change<T>, void, undefined> {
    try {
      while (!this.#closed) {
        const next = this.#pending.values().next();
        if (next.done) {
          await this.#changed.wait();
          continue;
        }
        this.#pending.delete(next.value.key);
        yield next.value;
      }
    } finally {
      this.close();
    }
  }
}

/** What two changes of one key add up to; `undefined` when they cancel out. */
function merge(
  first: Change<unknown>["type"],
  then: Change<unknown>["type"],
): Change<unknown>["type"] | undefined {
  if (then === "DELETED") return first === "ADDED" ? undefined : "DELETED";
  if (first === "DELETED") return "MODIFIED";
  return first === "ADDED" ? "ADDED" : then;
}
