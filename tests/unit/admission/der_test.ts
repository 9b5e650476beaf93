/**
 * Tests of the DER encoder behind the webhook certificates, against
 * encodings worked out from X.690 and seen in real certificates.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  boolean,
  element,
  namedBits,
  oid,
  sequence,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from "../../../src/admission/der.ts";

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");

Deno.test("oid encodes the first two arcs in one byte and large arcs base 128", () => {
  assert.equal(hex(oid("2.5.4.3")), "06 03 55 04 03"); // commonName
  assert.equal(hex(oid("1.2.840.10045.2.1")), "06 07 2a 86 48 ce 3d 02 01"); // id-ecPublicKey
  assert.equal(hex(oid("1.3.6.1.5.5.7.3.1")), "06 08 2b 06 01 05 05 07 03 01"); // serverAuth
});

Deno.test("element writes short lengths in one byte and long ones in the long form", () => {
  assert.equal(hex(element(0x04, new Uint8Array(127))).slice(0, 5), "04 7f");
  assert.equal(hex(element(0x04, new Uint8Array(128))).slice(0, 8), "04 81 80");
  assert.equal(hex(element(0x30, new Uint8Array(300))).slice(0, 11), "30 82 01 2c");
  assert.equal(element(0x30, new Uint8Array(70_000)).length, 70_000 + 5, "30 83 01 11 70");
  assert.equal(hex(sequence()), "30 00");
});

Deno.test("unsignedInteger keeps the shortest positive form", () => {
  assert.equal(
    hex(unsignedInteger(new Uint8Array([0x80]))),
    "02 02 00 80",
    "a set top bit gets a 0 in front",
  );
  assert.equal(hex(unsignedInteger(new Uint8Array([0, 0, 1]))), "02 01 01", "leading zeros go");
  assert.equal(hex(unsignedInteger(new Uint8Array([0, 0x90]))), "02 02 00 90");
  assert.equal(hex(unsignedInteger(new Uint8Array([]))), "02 01 00");
  assert.equal(hex(smallInteger(2)), "02 01 02");
  assert.equal(hex(smallInteger(0)), "02 01 00");
  assert.equal(hex(smallInteger(65_537)), "02 03 01 00 01");
});

Deno.test("namedBits counts unused trailing bits, as KeyUsage needs", () => {
  assert.equal(hex(namedBits([0])), "03 02 07 80"); // digitalSignature
  assert.equal(hex(namedBits([5, 6])), "03 02 01 06"); // keyCertSign, cRLSign
  assert.equal(hex(namedBits([0, 8])), "03 03 07 80 80"); // digitalSignature, decipherOnly
});

Deno.test("time is UTCTime before 2050 and GeneralizedTime from then on", () => {
  const text = (bytes: Uint8Array) =>
    `${bytes[0].toString(16)} ${new TextDecoder().decode(bytes.subarray(2))}`;
  assert.equal(text(time(new Date("2026-01-02T03:04:05.678Z"))), "17 260102030405Z");
  assert.equal(text(time(new Date("2049-12-31T23:59:59Z"))), "17 491231235959Z");
  assert.equal(text(time(new Date("2050-01-01T00:00:00Z"))), "18 20500101000000Z");
  assert.equal(text(time(new Date("1949-12-31T23:59:59Z"))), "18 19491231235959Z");
});

Deno.test("boolean and utf8String", () => {
  assert.equal(hex(boolean(true)), "01 01 ff");
  assert.equal(hex(boolean(false)), "01 01 00");
  assert.equal(hex(utf8String("é")), "0c 02 c3 a9");
});
