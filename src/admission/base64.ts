/**
 * Standard base64 of bytes or of text's UTF-8, for a review's `patch` and a
 * configuration's `caBundle`.
 *
 * @module
 */

/**
 * Standard (padded) base64, built in slices: one `String.fromCharCode`
 * over a large patch or CA bundle would overflow the stack.
 *
 * @param data Bytes, or text to encode as UTF-8 first.
 * @returns The base64 text.
 */
export function base64(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
