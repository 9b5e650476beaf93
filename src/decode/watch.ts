/**
 * The newline-delimited JSON decoder for watch streams.
 *
 * @module
 */

import { readerOf } from "../connection.ts";
import { describeUnparsable, WatchError } from "../errors.ts";
import { parseDeferred } from "../managed_fields.ts";
import type { WatchEvent } from "../types/meta.ts";

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const EVENT_TYPES = new Set([
  "ADDED",
  "MODIFIED",
  "DELETED",
  "BOOKMARK",
  "ERROR",
]);

/**
 * Splits a byte stream into lines. Each byte is scanned once; a line that
 * lies within one chunk is handed out as a view, and a line spread over
 * several chunks is copied once, when its end arrives. Splitting bytes (not
 * text) keeps multi-byte UTF-8 characters whole: 0x0a never occurs inside one.
 *
 * @example
 * ```ts
 * import { LineSplitter } from "./decoder.ts";
 * const lines: string[] = [];
 * const splitter = new LineSplitter();
 * const emit = (line: Uint8Array) => lines.push(new TextDecoder().decode(line));
 * splitter.push(new TextEncoder().encode("ab\ncd"), emit);
 * splitter.push(new TextEncoder().encode("e\n"), emit);
 * // lines: ["ab", "cde"]
 * ```
 */
export class LineSplitter {
  #pending: Uint8Array[] = [];
  #pendingLength = 0;

  /**
   * Feeds one chunk; calls `onLine` for each line it completes, without the
   * newline (nor a carriage return before it).
   *
   * @param chunk The next bytes of the stream.
   * @param onLine Receives each complete line; the view is valid during the call.
   */
  push(chunk: Uint8Array, onLine: (line: Uint8Array) => void): void {
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    while (end !== -1) {
      const piece = chunk.subarray(start, end);
      onLine(
        trimCarriageReturn(this.#pendingLength ? this.#join(piece) : piece),
      );
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.#pending.push(start === 0 ? chunk : chunk.subarray(start));
      this.#pendingLength += chunk.length - start;
    }
  }

  /**
   * Ends the stream: a last line without a newline is still a line.
   *
   * @param onLine Receives the last line, if any.
   */
  flush(onLine: (line: Uint8Array) => void): void {
    if (this.#pendingLength) {
      onLine(trimCarriageReturn(this.#join(new Uint8Array())));
    }
  }

  /** Pending pieces plus `tail`, copied into one buffer; clears the pending pieces. */
  #join(tail: Uint8Array): Uint8Array {
    const line = new Uint8Array(this.#pendingLength + tail.length);
    let offset = 0;
    for (const piece of this.#pending) {
      line.set(piece, offset);
      offset += piece.length;
    }
    line.set(tail, offset);
    this.#pending = [];
    this.#pendingLength = 0;
    return line;
  }
}

function trimCarriageReturn(line: Uint8Array): Uint8Array {
  const last = line.length - 1;
  return last >= 0 && line[last] === CARRIAGE_RETURN ? line.subarray(0, last) : line;
}

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
 * import { parseWatchLine } from "./decoder.ts";
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
 * import type { DecodeOptions } from "./decoder.ts";
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
 * import { decodeWatch } from "./decoder.ts";
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
  const cancel = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", cancel, { once: true });
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
    signal?.removeEventListener("abort", cancel);
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
