/**
 * Byte buffers put together (the one copy loop that reads of bodies, lines
 * and channel messages share) and written as base64.
 *
 * @module
 */

/**
 * The pieces, one after the other, in one buffer. A single piece is handed
 * back as it is, not copied.
 *
 * @param pieces The buffers, in order.
 * @param length Their total length, if the caller kept count.
 * @returns One buffer holding them all.
 *
 * @example
 * ```ts
 * import { concatBytes } from "./bytes.ts";
 * concatBytes([new Uint8Array([1, 2]), new Uint8Array([3])]); // Uint8Array [1, 2, 3]
 * ```
 */
export function concatBytes(
  pieces: readonly Uint8Array[],
  length = pieces.reduce((sum, piece) => sum + piece.length, 0),
): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const all = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    all.set(piece, offset);
    offset += piece.length;
  }
  return all;
}

/**
 * Standard (padded) base64 of bytes, or of text's UTF-8, built in slices:
 * one `String.fromCharCode` over a large CA bundle or patch would overflow
 * the stack.
 *
 * @param data Bytes, or text to encode as UTF-8 first.
 * @returns The base64 text.
 *
 * @example
 * ```ts
 * import { base64 } from "./bytes.ts";
 * base64("kube"); // "a3ViZQ=="
 * ```
 */
export function base64(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
