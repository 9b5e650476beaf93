import assert from "node:assert/strict";
import { LineSplitter } from "../../../src/util/lines.ts";

const text = (line: Uint8Array) => new TextDecoder().decode(line);

Deno.test("LineSplitter: lines split across chunks at every byte arrive whole, multi-byte characters included", () => {
  const input = new TextEncoder().encode("héllo wörld\r\n🚀 second\nlast without newline");
  const lines: string[] = [];
  const splitter = new LineSplitter();
  for (let i = 0; i < input.length; i++) {
    splitter.push(input.subarray(i, i + 1), (l) => lines.push(text(l)));
  }
  splitter.flush((l) => lines.push(text(l)));
  assert.deepEqual(lines, ["héllo wörld", "🚀 second", "last without newline"]);
});

Deno.test("LineSplitter: several lines in one chunk, and empty lines, each count", () => {
  const lines: string[] = [];
  const splitter = new LineSplitter();
  splitter.push(new TextEncoder().encode("a\n\nb\n"), (l) => lines.push(text(l)));
  splitter.flush((l) => lines.push(text(l)));
  assert.deepEqual(lines, ["a", "", "b"]);
});
