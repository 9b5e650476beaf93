/**
 * Splitting a byte stream into lines, without decoding it first.
 *
 * @module
 */

import { concatBytes } from "./bytes.ts";

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/**
 * Splits a byte stream into lines. Each byte is scanned once; a line that
 * lies within one chunk is handed out as a view, and a line spread over
 * several chunks is copied once, when its end arrives. Splitting bytes (not
 * text) keeps multi-byte UTF-8 characters whole: 0x0a never occurs inside one.
 *
 * @example
 * ```ts
 * import { LineSplitter } from "./lines.ts";
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
    this.#pending.push(tail);
    const line = concatBytes(this.#pending, this.#pendingLength + tail.length);
    this.#pending = [];
    this.#pendingLength = 0;
    return line;
  }
}

function trimCarriageReturn(line: Uint8Array): Uint8Array {
  const last = line.length - 1;
  return last >= 0 && line[last] === CARRIAGE_RETURN ? line.subarray(0, last) : line;
}
