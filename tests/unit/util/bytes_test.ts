import assert from "node:assert/strict";
import { concatBytes } from "../../../src/util/bytes.ts";

Deno.test("concatBytes: joins pieces in order, hands a single piece back uncopied", () => {
  const one = new Uint8Array([1, 2]);
  assert.deepEqual(
    concatBytes([one, new Uint8Array(), new Uint8Array([3])]),
    new Uint8Array([1, 2, 3]),
  );
  assert.equal(concatBytes([one]), one);
  assert.deepEqual(concatBytes([]), new Uint8Array());
});
