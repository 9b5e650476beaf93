/**
 * Byte buffers put together: the one copy loop that reads of bodies, lines
 * and channel messages share.
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
