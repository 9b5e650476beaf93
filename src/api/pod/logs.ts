/**
 * A container's log, line by line: a streaming GET of a pod's `log`
 * subresource.
 *
 * @module
 */

import type { Client } from "../../http/client.ts";
import { LineSplitter } from "../../util/lines.ts";

/**
 * Options of {@linkcode PodApi.logs}, named as the API names its
 * parameters. Without `follow`, the log so far; with it, the log as it
 * grows, until the container stops, the server ends the stream, or the
 * signal aborts.
 *
 * @example
 * ```ts
 * import type { LogOptions } from "./logs.ts";
 * const options: LogOptions = { container: "web", follow: true, tailLines: 100, timestamps: true };
 * ```
 */
export interface LogOptions {
  /** The container; the pod's only one if unset (a pod with several needs it). */
  container?: string;
  /** Keep streaming the log as it grows. */
  follow?: boolean;
  /** Only lines written in the last this many seconds. */
  sinceSeconds?: number;
  /** Only lines written from this time on (RFC 3339 if a string). */
  sinceTime?: Date | string;
  /** Only the last this many lines. */
  tailLines?: number;
  /** Start each line with its RFC 3339 timestamp and a space. */
  timestamps?: boolean;
  /** The log of the container's previous run (before its last restart). */
  previous?: boolean;
  /** Stop after this many bytes; the last line may then be cut. */
  limitBytes?: number;
  /** Ends the lines quietly: the iteration stops without an error. */
  signal?: AbortSignal;
  /**
   * The deadline until the server answers, in milliseconds; the client's
   * (60 s by default) if unset, `0` for none. Reading the lines has none.
   */
  timeoutMs?: number;
}

/**
 * Reads a log as lines: split at `\n` (a `\r` before it dropped too), a
 * line split across chunks handed out whole, and a last line without a
 * newline still a line. Bytes that are not UTF-8 become U+FFFD.
 *
 * @param client The client.
 * @param path The pod's `log` path.
 * @param options Which lines, the signal and the deadline.
 * @returns The lines, as the server sends them.
 * @throws {ApiError} 400 BadRequest when the container is not running (or
 * there are several and none was named), 404 NotFound without the pod.
 *
 * @example
 * ```ts ignore
 * import { readLogs } from "./logs.ts";
 * for await (const line of readLogs(client, "/api/v1/namespaces/default/pods/web-0/log", { tailLines: 10 })) {
 *   console.log(line);
 * }
 * ```
 */
export async function* readLogs(
  client: Client,
  path: string,
  options: LogOptions = {},
): AsyncGenerator<string, void, undefined> {
  const { signal } = options;
  if (signal?.aborted) return;
  let body: ReadableStream<Uint8Array> | null;
  try {
    body = (await client.request({
      path,
      query: {
        container: options.container,
        follow: options.follow || undefined,
        sinceSeconds: options.sinceSeconds,
        sinceTime: rfc3339(options.sinceTime),
        tailLines: options.tailLines,
        timestamps: options.timestamps || undefined,
        previous: options.previous || undefined,
        limitBytes: options.limitBytes,
      },
      // Lines come as text/plain; a failure, as JSON, a Status.
      headers: { Accept: "application/json, */*" },
      signal,
      timeoutMs: options.timeoutMs,
    })).body;
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
  if (!body) return;
  const reader = body.getReader();
  const splitter = new LineSplitter();
  const decoder = new TextDecoder();
  const lines: string[] = [];
  const collect = (line: Uint8Array) => lines.push(decoder.decode(line));
  try {
    while (true) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (e) {
        if (signal?.aborted) return;
        throw e;
      }
      if (read.done) break;
      splitter.push(read.value, collect);
      // The generator pauses at each yield: the next chunk is read when the caller asks.
      for (const line of lines.splice(0)) yield line;
    }
    splitter.flush(collect);
    for (const line of lines.splice(0)) yield line;
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** A time in RFC 3339, whole seconds (the API's `metav1.Time`). */
function rfc3339(time: Date | string | undefined): string | undefined {
  if (time === undefined || typeof time === "string") return time;
  return time.toISOString().replace(/\.\d+Z$/, "Z");
}
