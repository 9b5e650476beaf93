/**
 * MicroTime, the timestamp Leases and Events carry.
 *
 * @module
 */

/**
 * A MicroTime: RFC 3339 with exactly six fractional digits, as the API
 * server parses it (JavaScript's milliseconds padded with zeros).
 *
 * @param ms Milliseconds since the epoch.
 * @returns The MicroTime.
 *
 * @example
 * ```ts
 * import { microTime } from "./micro_time.ts";
 * microTime(0); // "1970-01-01T00:00:00.000000Z"
 * ```
 */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
