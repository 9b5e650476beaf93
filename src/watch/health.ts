/**
 * How a watch cache is doing: the record of what the engine heard and what
 * failed, read as {@linkcode CacheHealth} by liveness and readiness probes.
 *
 * @module
 */

import type { Clock } from "../util/clock.ts";

/**
 * How a watch cache is doing, for a liveness or readiness probe. Times are
 * the clock's milliseconds (since the epoch, with the real clock).
 *
 * @example A liveness probe
 * ```ts ignore
 * Deno.serve({ port: 8080 }, () => {
 *   const health = reflector.health();
 *   return Response.json(health, { status: health.healthy ? 200 : 503 });
 * });
 * ```
 */
export interface CacheHealth {
  /** The engine's state: `Empty`, `Listing`, `Streaming`, `Listed`, `Watching` or `BackingOff`. */
  state: string;
  /** True once the first list is in. */
  synced: boolean;
  /** Synced, and the last exchange with the server succeeded (no failure since). */
  healthy: boolean;
  /** When the server last sent something: a list page, an event or a bookmark. */
  lastHeardAt?: number;
  /** The last failure: when, and what. It stays after recovery. */
  lastError?: { at: number; message: string };
  /** When the current run of failures began; absent while healthy. */
  failingSince?: number;
  /** Lists after the first one (after a 410, mostly). */
  relists: number;
  /** Failures so far, each followed by a retry: watch restarts. */
  failures: number;
  /**
   * With a `validate` check: the objects a Reflector keeps out of its store
   * now, or those an Informer has refused so far.
   */
  rejected?: number;
}

/**
 * The engine's record of contact and failure: each event it reports moves
 * it. A list (`RESTARTED`) counts toward `relists`; an `ERROR` starts or
 * extends a run of failures; anything else heard from the server ends it.
 *
 * @example
 * ```ts
 * import { HealthRecord } from "./health.ts";
 * import { realClock } from "../util/clock.ts";
 * const record = new HealthRecord(realClock);
 * record.record({ type: "RESTARTED" });
 * record.snapshot("Listed").healthy; // true
 * ```
 */
export class HealthRecord {
  #clock: Clock;
  #lists = 0;
  #lastHeardAt: number | undefined;
  #lastError: { at: number; message: string } | undefined;
  #failingSince: number | undefined;
  #failures = 0;

  /**
   * Creates a HealthRecord.
   *
   * @param clock The clock whose time stamps the record.
   */
  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Notes one event the engine reported.
   *
   * @param event Its type, and for an `ERROR` the error.
   */
  record(event: { type: string; error?: { message: string } }): void {
    const now = this.#clock.now();
    if (event.type === "ERROR") {
      this.#lastError = { at: now, message: event.error?.message ?? "" };
      this.#failures++;
      this.#failingSince ??= now;
      return;
    }
    if (event.type === "RESTARTED") this.#lists++;
    this.#lastHeardAt = now;
    this.#failingSince = undefined;
  }

  /** Notes that the server sent something (a list page) that is not yet an event. */
  heard(): void {
    this.#lastHeardAt = this.#clock.now();
  }

  /**
   * The record as it stands.
   *
   * @param state The engine's state name, reported as it is.
   * @returns A fresh snapshot.
   */
  snapshot(state: string): CacheHealth {
    const synced = this.#lists > 0;
    return {
      state,
      synced,
      healthy: synced && this.#failingSince === undefined,
      lastHeardAt: this.#lastHeardAt,
      lastError: this.#lastError,
      failingSince: this.#failingSince,
      relists: Math.max(0, this.#lists - 1),
      failures: this.#failures,
    };
  }
}
