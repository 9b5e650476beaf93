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
 * With `maxLineBytes`, a line longer than that is handed out in pieces of
 * at most that many bytes, each cut between UTF-8 characters, as its bytes
 * arrive: what a line holds in memory is bounded, whatever the stream sends.
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
  #max: number;

  /**
   * Creates a LineSplitter.
   *
   * @param options `maxLineBytes`: the longest line handed out whole; longer
   * ones come in pieces. No limit by default.
   */
  constructor(options: { maxLineBytes?: number } = {}) {
    this.#max = options.maxLineBytes ?? Infinity;
    if (!(this.#max >= 4)) throw new RangeError("maxLineBytes must be at least 4");
  }

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
      if (this.#pendingLength + piece.length > this.#max) {
        this.#hold(piece, onLine);
        onLine(trimCarriageReturn(this.#join(new Uint8Array())));
      } else {
        onLine(trimCarriageReturn(this.#pendingLength ? this.#join(piece) : piece));
      }
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.#hold(start === 0 ? chunk : chunk.subarray(start), onLine);
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

  /** Keeps `bytes` as part of the line; hands out pieces while it is over the limit. */
  #hold(bytes: Uint8Array, onLine: (line: Uint8Array) => void): void {
    this.#pending.push(bytes);
    this.#pendingLength += bytes.length;
    while (this.#pendingLength > this.#max) {
      const all = this.#join(new Uint8Array());
      const cut = characterStart(all, this.#max);
      onLine(all.subarray(0, cut));
      this.#pending = [all.subarray(cut)];
      this.#pendingLength = all.length - cut;
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

/**
 * Where to cut `bytes` at most `at` bytes in: before the character that
 * holds byte `at`, unless that is not UTF-8 (four continuation bytes).
 */
function characterStart(bytes: Uint8Array, at: number): number {
  for (let i = at; i > at - 4; i--) {
    if ((bytes[i] & 0xc0) !== 0x80) return i;
  }
  return at;
}

function trimCarriageReturn(line: Uint8Array): Uint8Array {
  const last = line.length - 1;
  return last >= 0 && line[last] === CARRIAGE_RETURN ? line.subarray(0, last) : line;
}
