/**
 * JSON checked byte by byte, as `JSON.parse` checks it, without building
 * anything: for scans that keep part of a document as text.
 *
 * @module
 */

/** `"` */
export const QUOTE = 0x22;
/** A backslash. */
export const BACKSLASH = 0x5c;
/** `:` */
export const COLON = 0x3a;
/** `,` */
export const COMMA = 0x2c;
/** `{` */
export const OPEN_BRACE = 0x7b;
/** `}` */
export const CLOSE_BRACE = 0x7d;
/** `[` */
export const OPEN_BRACKET = 0x5b;
/** `]` */
export const CLOSE_BRACKET = 0x5d;

// What the validator expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const COLON_NEXT = 4;
const AFTER_VALUE = 5;

/**
 * The index just past the one JSON value that opens at `i`, checked as
 * `JSON.parse` checks it (structure, strings, escapes, numbers, literals),
 * or -1 where it is not JSON: what lets a scan keep a value as text and
 * still fail where `JSON.parse` would.
 *
 * @param b The bytes.
 * @param i Where the value opens (spaces before it are skipped).
 * @returns The index just past it, or -1.
 *
 * @example
 * ```ts
 * import { jsonValueEnd } from "./json_check.ts";
 * const bytes = new TextEncoder().encode('[1, {"a": "b"}] tail');
 * jsonValueEnd(bytes, 0); // 15
 * jsonValueEnd(new TextEncoder().encode("[1,]"), 0); // -1
 * ```
 */
export function jsonValueEnd(b: Uint8Array, i: number): number {
  const closers: number[] = [];
  let state = VALUE;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (isJsonSpace(c)) {
      i++;
      continue;
    }
    switch (state) {
      case VALUE:
      case VALUE_OR_CLOSE:
        if (c === OPEN_BRACE) {
          closers.push(CLOSE_BRACE);
          state = KEY_OR_CLOSE;
          i++;
        } else if (c === OPEN_BRACKET) {
          closers.push(CLOSE_BRACKET);
          state = VALUE_OR_CLOSE;
          i++;
        } else if (state === VALUE_OR_CLOSE && c === CLOSE_BRACKET) {
          closers.pop();
          state = AFTER_VALUE;
          i++;
        } else {
          i = c === QUOTE ? validStringEnd(b, i) : validScalarEnd(b, i);
          if (i === -1) return -1;
          state = AFTER_VALUE;
        }
        break;
      case KEY:
      case KEY_OR_CLOSE:
        if (c === QUOTE) {
          i = validStringEnd(b, i);
          if (i === -1) return -1;
          state = COLON_NEXT;
        } else if (state === KEY_OR_CLOSE && c === CLOSE_BRACE) {
          closers.pop();
          state = AFTER_VALUE;
          i++;
        } else {
          return -1;
        }
        break;
      case COLON_NEXT:
        if (c !== COLON) return -1;
        state = VALUE;
        i++;
        break;
      default: {
        const closer = closers[closers.length - 1];
        if (c === COMMA) {
          state = closer === CLOSE_BRACE ? KEY : VALUE;
          i++;
        } else if (c === closer) {
          closers.pop();
          i++;
        } else {
          return -1;
        }
      }
    }
    if (state === AFTER_VALUE && closers.length === 0) return i;
  }
  return -1;
}

/** The index just past the string that opens at `i`, or -1 where it is not a JSON string. */
function validStringEnd(b: Uint8Array, i: number): number {
  const n = b.length;
  for (let j = i + 1; j < n; j++) {
    const c = b[j];
    if (c === QUOTE) return j + 1;
    if (c < 0x20) return -1;
    if (c !== BACKSLASH) continue;
    const e = b[++j];
    if (e === 0x75) { // \uXXXX
      for (let k = 1; k <= 4; k++) if (!isHex(b[j + k])) return -1;
      j += 4;
    } else if (!ESCAPES.has(e)) {
      return -1;
    }
  }
  return -1;
}

/** `"`, `\`, `/`, `b`, `f`, `n`, `r`, `t`: what may follow a backslash, `u` aside. */
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

const LITERALS = ["true", "false", "null"].map((word) => new TextEncoder().encode(word));

/** The index just past the number or literal at `i`, or -1 where there is none. */
function validScalarEnd(b: Uint8Array, i: number): number {
  for (const word of LITERALS) {
    if (b[i] === word[0]) return bytesEqual(b, i, i + word.length, word) ? i + word.length : -1;
  }
  let j = i;
  if (b[j] === 0x2d) j++; // -
  if (b[j] === 0x30) j++; // a leading 0 stands alone
  else if (isDigit(b[j])) { while (isDigit(b[j])) j++; }
  else return -1;
  if (b[j] === 0x2e) { // .
    if (!isDigit(b[++j])) return -1;
    while (isDigit(b[j])) j++;
  }
  if (b[j] === 0x65 || b[j] === 0x45) { // e E
    j++;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    if (!isDigit(b[j])) return -1;
    while (isDigit(b[j])) j++;
  }
  return j;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/**
 * Whether `b[start..end)` holds exactly the bytes of `word`.
 *
 * @param b The bytes.
 * @param start Where the span starts.
 * @param end Where it ends (exclusive).
 * @param word The bytes to compare with.
 * @returns Whether they are equal.
 *
 * @example
 * ```ts
 * import { bytesEqual } from "./json_check.ts";
 * bytesEqual(new TextEncoder().encode("xnullx"), 1, 5, new TextEncoder().encode("null")); // true
 * ```
 */
export function bytesEqual(b: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[start + k] !== word[k]) return false;
  return true;
}

/**
 * Whether the byte is JSON whitespace: space, tab, line feed or carriage return.
 *
 * @param c The byte.
 * @returns Whether it is.
 *
 * @example
 * ```ts
 * import { isJsonSpace } from "./json_check.ts";
 * isJsonSpace(0x20); // true
 * ```
 */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
