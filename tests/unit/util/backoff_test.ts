import assert from "node:assert/strict";
import { Backoff } from "../../../src/util/backoff.ts";

Deno.test("backoff: doubles from 800 ms to the 30 s cap, and reset starts again", () => {
  const backoff = new Backoff({ jitter: 0 });
  const delays = Array.from({ length: 8 }, () => backoff.next());
  assert.deepEqual(delays, [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  backoff.reset();
  assert.equal(backoff.next(), 800);
});

Deno.test("backoff: jitter stretches a delay by up to its fraction, from the injected random", () => {
  assert.equal(new Backoff({ random: () => 0.5 }).next(), 1200);
  assert.equal(
    new Backoff({ jitter: 1.2, factor: 1, initialMs: 2000, random: () => 1 }).next(),
    4400,
  );
});

Deno.test("backoff: delayAt gives the nth delay without jitter and without moving the sequence", () => {
  const backoff = new Backoff({ initialMs: 5, maxMs: 1_000 });
  assert.deepEqual([0, 1, 3, 20].map((n) => backoff.delayAt(n)), [5, 10, 40, 1_000]);
  assert.equal(new Backoff({ jitter: 0 }).next(), 800);
});
