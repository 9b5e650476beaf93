/**
 * The few ASN.1 DER encodings an X.509 certificate needs, written by hand so
 * that making a webhook's certificates takes no dependency.
 *
 * @module
 */

/** Universal tags (X.690 section 8) and the context-specific ones X.509 uses. */
export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

/**
 * Encodes one DER element: its tag, its length (short form below 128,
 * long form above) and its content.
 *
 * @param tag The identifier octet, e.g. `0x30` for a SEQUENCE.
 * @param content The encoded content.
 * @returns The element's bytes.
 */
export function element(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const length = content.length;
  let header: number[];
  if (length < 0x80) {
    header = [tag, length];
  } else {
    const octets: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
    header = [tag, 0x80 | octets.length, ...octets];
  }
  const out = new Uint8Array(header.length + length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

/** Joins byte arrays end to end. */
export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A SEQUENCE of already-encoded elements. */
export function sequence(...items: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return element(TAG.sequence, concat(...items));
}

/** A SET of already-encoded elements (each Name component holds one, so no sorting is needed). */
export function set(...items: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return element(TAG.set, concat(...items));
}

/**
 * A non-negative INTEGER from its big-endian magnitude: leading zeros are
 * dropped and one is put back when the top bit is set, as DER wants the
 * shortest two's-complement form.
 */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const content = trimmed.length > 0 && trimmed[0] & 0x80
    ? concat(new Uint8Array([0]), trimmed)
    : trimmed.length === 0
    ? new Uint8Array([0])
    : trimmed;
  return element(TAG.integer, content);
}

/** A small non-negative INTEGER. */
export function smallInteger(value: number): Uint8Array<ArrayBuffer> {
  const octets: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
  return unsignedInteger(new Uint8Array(octets));
}

/** A BOOLEAN; DER writes true as 0xff. */
export function boolean(value: boolean): Uint8Array<ArrayBuffer> {
  return element(TAG.boolean, new Uint8Array([value ? 0xff : 0]));
}

/** An OBJECT IDENTIFIER from its dotted form, e.g. `2.5.4.3`. */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const arcs = dotted.split(".").map(Number);
  const bytes: number[] = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    // Base 128, most significant group first, every group but the last with its top bit set.
    const groups: number[] = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) {
      groups.unshift(0x80 | (n % 128));
    }
    bytes.push(...groups);
  }
  return element(TAG.oid, new Uint8Array(bytes));
}

/** A UTF8String. */
export function utf8String(text: string): Uint8Array<ArrayBuffer> {
  return element(TAG.utf8String, new TextEncoder().encode(text));
}

/** An OCTET STRING. */
export function octetString(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return element(TAG.octetString, bytes);
}

/** A BIT STRING of whole bytes (no unused bits). */
export function bitString(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return element(TAG.bitString, concat(new Uint8Array([0]), bytes));
}

/**
 * A BIT STRING of named bits (X.509 KeyUsage): bit 0 is the top bit of the
 * first byte; DER drops trailing zero bytes and counts the unused low bits.
 */
export function namedBits(bits: number[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(Math.floor(Math.max(...bits) / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const last = bytes[bytes.length - 1];
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return element(TAG.bitString, concat(new Uint8Array([unused]), bytes));
}

/**
 * A time as X.509 wants it (RFC 5280 section 4.1.2.5): UTCTime
 * `YYMMDDHHMMSSZ` for the years 1950 to 2049, GeneralizedTime
 * `YYYYMMDDHHMMSSZ` from 2050 on; always UTC, whole seconds.
 */
export function time(date: Date): Uint8Array<ArrayBuffer> {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.678Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "") + "Z";
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? element(TAG.utcTime, new TextEncoder().encode(digits.slice(2)))
    : element(TAG.generalizedTime, new TextEncoder().encode(digits));
}

/** A context-specific tag: `[n]`, constructed (EXPLICIT, wrapping an element) or primitive (IMPLICIT). */
export function contextTag(
  n: number,
  content: Uint8Array,
  constructed: boolean,
): Uint8Array<ArrayBuffer> {
  return element((constructed ? 0xa0 : 0x80) | n, content);
}
