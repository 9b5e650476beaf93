/**
 * A clock that only moves when a test says so.
 *
 * @module
 */

import type { Clock } from "../../mod.ts";
import { waitFor } from "./fake_apiserver.ts";

interface Sleeper {
  until: number;
  ms: number;
  resolve: () => void;
}

/** Time stands still until {@linkcode ManualClock.advance}. */
export class ManualClock implements Clock {
  #now = 1_000_000;
  #sleepers = new Set<Sleeper>();
  /** Every sleep asked for, in milliseconds, in order. */
  requested: number[] = [];

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.requested.push(ms);
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { until: this.#now + ms, ms, resolve };
      this.#sleepers.add(sleeper);
      signal?.addEventListener("abort", () => {
        this.#sleepers.delete(sleeper);
        reject(signal.reason);
      }, { once: true });
    });
  }

  /** Pending sleeps, in milliseconds as asked. */
  get pending(): number[] {
    return [...this.#sleepers].map((s) => s.ms);
  }

  /** Moves time forward, waking every sleep that is due. */
  advance(ms: number): void {
    this.#now += ms;
    for (const sleeper of [...this.#sleepers]) {
      if (sleeper.until <= this.#now) {
        this.#sleepers.delete(sleeper);
        sleeper.resolve();
      }
    }
  }

  /** Waits until a sleep matching `test` is pending, and returns its length. */
  async nextSleep(test: (ms: number) => boolean = () => true): Promise<number> {
    let found: number | undefined;
    await waitFor(
      () => (found = this.pending.find(test)) !== undefined,
      5_000,
      "a pending sleep",
    );
    return found!;
  }
}
