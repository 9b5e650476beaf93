/**
 * A container's log, line by line or as raw bytes: a streaming GET of a
 * pod's `log` subresource.
 *
 * @module
 */

import type { CallOptions } from "../../http/request.ts";
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
export interface LogOptions extends CallOptions {
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
  /**
   * The longest line handed out whole, in bytes: 1 MiB (at least 4). A longer one comes
   * in pieces of at most this many bytes, each cut between UTF-8
   * characters, as its bytes arrive, so that a container that never ends
   * a line (a progress bar redrawn with `\r`) cannot fill memory. A piece
   * cannot be told from a line; {@linkcode PodApi.logBytes} gives the bytes
   * as they are. Not used by `logBytes`.
   */
  maxLineBytes?: number;
}

/** The longest log line handed out whole by default: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/**
 * Reads a log as lines: split at `\n` (a `\r` before it dropped too), a
 * line split across chunks handed out whole, and a last line without a
 * newline still a line. Bytes that are not UTF-8 become U+FFFD. A line
 * longer than `maxLineBytes` (1 MiB) comes in pieces.
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
  const splitter = new LineSplitter({
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
  });
  let body: ReadableStream<Uint8Array> | null;
  try {
    body = await requestLog(client, path, options);
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
  if (!body) return;
  const reader = body.getReader();
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

/**
 * Reads a log as the server sends it: the bytes, unsplit and undecoded, as
 * `kubectl logs` writes them out. The stream ends when the log does (with
 * `follow`, when the container stops or the server ends it); the signal
 * ends it quietly, as it ends {@linkcode readLogs}.
 *
 * @param client The client.
 * @param path The pod's `log` path.
 * @param options Which part of the log, the signal and the deadline.
 * @returns The log's bytes, once the server has answered.
 * @throws {ApiError} 400 BadRequest when the container is not running (or
 * there are several and none was named), 404 NotFound without the pod.
 *
 * @example
 * ```ts ignore
 * import { readLogBytes } from "./logs.ts";
 * const bytes = await readLogBytes(client, "/api/v1/namespaces/default/pods/web-0/log", { follow: true });
 * await bytes.pipeTo(Deno.stdout.writable);
 * ```
 */
export async function readLogBytes(
  client: Client,
  path: string,
  options: LogOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const { signal } = options;
  let body: ReadableStream<Uint8Array> | null = null;
  try {
    if (!signal?.aborted) body = await requestLog(client, path, options);
  } catch (e) {
    if (!signal?.aborted) throw e;
  }
  if (!body) return new ReadableStream({ start: (controller) => controller.close() });
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      try {
        const read = await reader.read();
        if (read.done) controller.close();
        else controller.enqueue(read.value);
      } catch (e) {
        if (signal?.aborted) controller.close();
        else controller.error(e);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  }, { highWaterMark: 0 });
}

/** The log request; its body unread. */
async function requestLog(
  client: Client,
  path: string,
  options: LogOptions,
): Promise<ReadableStream<Uint8Array> | null> {
  const res = await client.request({
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
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  return res.body;
}

/** A time in RFC 3339, whole seconds (the API's `metav1.Time`). */
function rfc3339(time: Date | string | undefined): string | undefined {
  if (time === undefined || typeof time === "string") return time;
  return time.toISOString().replace(/\.\d+Z$/, "Z");
}
