import assert from "node:assert/strict";
import { realClock } from "../../../src/util/clock.ts";

Deno.test("realClock: a sleep longer than setTimeout can hold (30 days) does not end early", async () => {
  const stop = new AbortController();
  const thirtyDays = 30 * 24 * 3600 * 1000;
  let ended = false;
  const sleeping = realClock.sleep(thirtyDays, stop.signal).then(() => ended = true, () => {});
  await realClock.sleep(50);
  assert.equal(ended, false);
  stop.abort();
  await sleeping;
  assert.equal(ended, false);
});

Deno.test("realClock: an Infinity sleep lasts until its signal aborts", async () => {
  const stop = new AbortController();
  const sleeping = realClock.sleep(Infinity, stop.signal);
  let settled = false;
  sleeping.catch(() => {}).finally(() => settled = true);
  await realClock.sleep(20);
  assert.equal(settled, false);
  stop.abort(new Error("enough"));
  await assert.rejects(sleeping, /enough/);
});

Deno.test("realClock: a short sleep resolves, and an aborted signal rejects at once", async () => {
  await realClock.sleep(1);
  await assert.rejects(realClock.sleep(10, AbortSignal.abort(new Error("no"))), /no/);
});

Deno.test("realClock: NaN and negative delays are no delay, and leave no timer behind", async () => {
  await realClock.sleep(NaN);
  await realClock.sleep(-5);
});
