/**
 * The newline-delimited JSON decoder for watch streams.
 *
 * @module
 */

import { cancelOnAbort } from "../util/abort.ts";
import { readerOf } from "../http/pool.ts";
import { describeUnparsable, WatchError } from "../errors.ts";
import { parseDeferred } from "./managed_fields.ts";
import type { WatchEvent } from "../types/meta.ts";
import { LineSplitter } from "../util/lines.ts";

const EVENT_TYPES = new Set([
  "ADDED",
  "MODIFIED",
  "DELETED",
  "BOOKMARK",
  "ERROR",
]);

const utf8 = new TextDecoder();

/**
 * Parses one watch line into a {@linkcode WatchEvent}.
 *
 * @typeParam T The watched object type.
 * @param line The line's bytes (UTF-8 JSON).
 * @param lineNumber Its 1-based position in the stream, for the error.
 * @returns The event.
 * @throws {WatchError} When the line is not JSON or not a watch event,
 * saying where and what it seems to be but quoting none of its content.
 *
 * @example
 * ```ts
 * import { parseWatchLine } from "./watch.ts";
 * const ev = parseWatchLine(new TextEncoder().encode('{"type":"ADDED","object":{"metadata":{"name":"a"}}}'), 1);
 * ```
 */
export function parseWatchLine<T>(
  line: Uint8Array,
  lineNumber: number,
): WatchEvent<T> {
  let event: { type?: unknown; object?: unknown };
  try {
    event = parseDeferred(line, "event") as typeof event;
  } catch (e) {
    const text = utf8.decode(line);
    throw new WatchError(
      `watch line ${lineNumber} is not JSON: ${describeUnparsable(text, e)}`,
      { cause: e },
    );
  }
  if (
    typeof event !== "object" || event === null ||
    !EVENT_TYPES.has(event.type as string) ||
    typeof event.object !== "object" || event.object === null
  ) {
    throw new WatchError(
      `watch line ${lineNumber} is not a watch event (it needs a type of ADDED, MODIFIED, DELETED, BOOKMARK or ERROR and an object): ${
        shapeOf(event)
      }`,
    );
  }
  return event as WatchEvent<T>;
}

/** What a parsed line that is no watch event looks like, without its values. */
function shapeOf(value: unknown): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `it is ${
      Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`
    }`;
  }
  const { type } = value as { type?: unknown };
  const shownType = typeof type === "string" && /^[A-Za-z]{1,20}$/.test(type)
    ? `"${type}"`
    : typeof type;
  return `an object with the keys ${
    Object.keys(value).slice(0, 10).join(", ") || "(none)"
  } and a type that is ${shownType}`;
}

/**
 * Options of {@linkcode decodeWatch}.
 *
 * @example
 * ```ts
 * import type { DecodeOptions } from "./watch.ts";
 * const options: DecodeOptions = { onChunk: () => console.log("bytes arrived") };
 * ```
 */
export interface DecodeOptions {
  /** Called whenever bytes arrive, even part of a line: proof the connection lives. */
  onChunk?: () => void;
  /**
   * Stops the decoding: the body is cancelled and the loop throws the
   * signal's reason. (Aborting the fetch alone does not always reach a body
   * that is waiting for bytes.)
   */
  signal?: AbortSignal;
}

/**
 * Decodes a watch response body into events, one per line. Blank lines are
 * skipped, `\r\n` is accepted, and a last line without a newline counts.
 * Leaving the loop early cancels the body.
 *
 * @typeParam T The watched object type.
 * @param body The watch response's body.
 * @param options A hook called as bytes arrive.
 * @returns The events, in order.
 * @throws {WatchError} At the first line that is not a watch event.
 *
 * @example
 * ```ts
 * import { decodeWatch } from "./watch.ts";
 * const body = ReadableStream.from([new TextEncoder().encode('{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"5"}}}\n')]);
 * for await (const ev of decodeWatch(body)) console.log(ev.type);
 * ```
 */
export async function* decodeWatch<T>(
  body: ReadableStream<Uint8Array>,
  options: DecodeOptions = {},
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const reader = readerOf(body);
  const splitter = new LineSplitter();
  const ready: WatchEvent<T>[] = [];
  let lineNumber = 0;
  const onLine = (line: Uint8Array) => {
    lineNumber++;
    if (line.length) ready.push(parseWatchLine<T>(line, lineNumber));
  };
  const { signal } = options;
  const cancelling = cancelOnAbort(reader, signal);
  let done = false;
  try {
    while (true) {
      if (signal?.aborted) throw signal.reason;
      const read = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (read.done) break;
      options.onChunk?.();
      splitter.push(read.value, onLine);
      // Events parsed before a bad line still count: hand them out first.
      for (let i = 0; i < ready.length; i++) yield ready[i];
      ready.length = 0;
    }
    done = true;
    splitter.flush(onLine);
    for (const event of ready) yield event;
  } catch (e) {
    for (const event of ready) yield event;
    throw e;
  } finally {
    cancelling[Symbol.dispose]();
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
