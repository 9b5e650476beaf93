/**
 * One open watch as a stream of events, with the idle watchdog that finds
 * a dead connection: a watch silent for longer than the server could take
 * to end it is aborted.
 *
 * @module
 */

import { decodeWatch } from "../decode/watch.ts";
import { WatchError } from "../errors.ts";
import type { WatchEvent } from "../types/meta.ts";
import { LinkedAbort } from "../util/abort.ts";
import type { Clock } from "../util/clock.ts";

/**
 * An open watch: its events, and how it ends.
 *
 * @typeParam T The watched object type.
 *
 * @example
 * ```ts ignore
 * for (let next = await stream.next(); !next.done; next = await stream.next()) {
 *   if (next.value.type === "BOOKMARK") console.log("at", next.value.object.metadata.resourceVersion);
 * }
 * stream.close();
 * ```
 */
export interface EventStream<T> {
  /** The next event; silence past the idle limit aborts it with a {@linkcode WatchError}. */
  next(): Promise<IteratorResult<WatchEvent<T>>>;
  /** Ends the watch and its request. */
  close(): void;
  /** True once the idle watchdog has aborted it. */
  readonly idle: boolean;
  /** When it was opened, on the clock. */
  readonly openedAt: number;
  /** Events read so far. */
  received: number;
}

/**
 * How long a watch may be silent, and the clock and signal it runs on.
 *
 * @example
 * ```ts
 * import type { WatchdogOptions } from "./stream.ts";
 * import { realClock } from "../util/clock.ts";
 * const options: WatchdogOptions = { idleMs: 320_000, clock: realClock, signal: new AbortController().signal };
 * ```
 */
export interface WatchdogOptions {
  /** Silence longer than this, while the reader waits, aborts the watch. */
  idleMs: number;
  /** The clock that measures the silence. */
  clock: Clock;
  /** Aborts the watch. */
  signal: AbortSignal;
}

/**
 * Opens a watch and guards it with a watchdog. Silence counts only while
 * the reader waits for the next event: a caller that takes its time over
 * one is not a dead connection.
 *
 * @typeParam T The watched object type.
 * @param open Sends the watch request; its signal is the stream's.
 * @param options The idle limit, clock and signal.
 * @returns The open stream.
 *
 * @example
 * ```ts ignore
 * const stream = await openEventStream((signal) => api.watch({ resourceVersion, signal }), {
 *   idleMs: 320_000, clock: realClock, signal,
 * });
 * const { value } = await stream.next();
 * ```
 */
export async function openEventStream<T>(
  open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>,
  options: WatchdogOptions,
): Promise<EventStream<T>> {
  const { idleMs, clock } = options;
  const stop = new LinkedAbort(options.signal);
  const end = () => {
    stop.abort();
    stop[Symbol.dispose]();
  };
  const any = stop.signal;
  const openedAt = clock.now();
  let body: ReadableStream<Uint8Array>;
  try {
    body = await open(any);
  } catch (e) {
    end();
    throw e;
  }
  let lastBytes = clock.now();
  let waitingSince: number | undefined;
  let idle = false;
  let watching = false;
  const watchdog = async () => {
    watching = true;
    try {
      while (!any.aborted && waitingSince !== undefined) {
        const wait = Math.max(lastBytes, waitingSince) + idleMs - clock.now();
        if (wait <= 0) {
          idle = true;
          stop.abort(new WatchError("watch idle"));
          return;
        }
        await clock.sleep(wait, any);
      }
    } finally {
      watching = false;
    }
  };
  const events = decodeWatch<T>(body, { onChunk: () => lastBytes = clock.now(), signal: any });
  const stream: EventStream<T> = {
    next: async () => {
      waitingSince = clock.now();
      if (!watching) watchdog().catch(() => {});
      try {
        const next = await events.next();
        if (!next.done) stream.received++;
        return next;
      } finally {
        waitingSince = undefined;
      }
    },
    close: () => {
      end();
      events.return().catch(() => {});
    },
    get idle() {
      return idle;
    },
    openedAt,
    received: 0,
  };
  return stream;
}
