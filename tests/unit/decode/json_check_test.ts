import assert from "node:assert/strict";
import { bytesEqual, isJsonSpace, jsonValueEnd } from "../../../src/decode/json_check.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("jsonValueEnd: agrees with JSON.parse on what is one JSON value", () => {
  const cases = [
    '[1, {"a": "b"}]',
    '{"k": [true, false, null, -0.5e+3, "\\u00e9\\n"]}',
    "[]",
    "{}",
    '"text"',
    "[,]",
    "[1}",
    '"\\x"',
    "[01]",
    "[1.]",
    '{"a" 1}',
    "[tru]",
    '{"a":1,}',
    '"\u0001"',
  ];
  for (const text of cases) {
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    const end = jsonValueEnd(bytes(text + " tail"), 0);
    assert.equal(end === bytes(text).length, valid, text);
    if (!valid) assert.equal(end, -1, text);
  }
});

Deno.test("bytesEqual and isJsonSpace: compare a span, tell whitespace", () => {
  assert.equal(bytesEqual(bytes("xnullx"), 1, 5, bytes("null")), true);
  assert.equal(bytesEqual(bytes("xnulx"), 1, 4, bytes("null")), false);
  assert.deepEqual([..." \t\n\rx"].map((c) => isJsonSpace(c.charCodeAt(0))), [
    true,
    true,
    true,
    true,
    false,
  ]);
});
