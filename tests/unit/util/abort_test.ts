import assert from "node:assert/strict";
import { abortable, aborted, afterMs, deadline, LinkedAbort } from "../../../src/util/abort.ts";
import { ManualClock } from "../../support/manual_clock.ts";

Deno.test("deadline: aborts with its reason once the time has passed on the clock", async () => {
  const clock = new ManualClock();
  const call = new AbortController();
  using _ = deadline(call, 5_000, () => new Error("no answer within 5s"), clock);
  await clock.nextSleep((ms) => ms === 5_000);
  clock.advance(4_999);
  assert.equal(call.signal.aborted, false);
  clock.advance(1);
  await Promise.resolve();
  assert.equal(call.signal.aborted, true);
  assert.equal((call.signal.reason as Error).message, "no answer within 5s");
});

Deno.test("deadline: undefined, 0 and Infinity set none, and disposing cancels one", () => {
  const clock = new ManualClock();
  for (const ms of [undefined, 0, Infinity]) {
    const call = new AbortController();
    using _ = deadline(call, ms, () => new Error("never"), clock);
    assert.deepEqual(clock.pending, []);
  }
  const call = new AbortController();
  {
    using _ = deadline(call, 1_000, () => new Error("late"), clock);
    assert.deepEqual(clock.pending, [1_000]);
  }
  assert.deepEqual(clock.pending, []);
  clock.advance(2_000);
  assert.equal(call.signal.aborted, false);
});

Deno.test("afterMs: calls at once for 0 or less, never for Infinity", () => {
  const clock = new ManualClock();
  let calls = 0;
  using _now = afterMs(clock, 0, () => calls++);
  assert.equal(calls, 1);
  using _never = afterMs(clock, Infinity, () => calls++);
  assert.deepEqual(clock.pending, []);
  clock.advance(1e12);
  assert.equal(calls, 1);
});

Deno.test("aborted: rejects with the signal's reason, at once for a signal already aborted", async () => {
  const stop = new AbortController();
  const waiting = aborted(stop.signal);
  stop.abort(new Error("stopped"));
  await assert.rejects(waiting, /stopped/);
  await assert.rejects(aborted(AbortSignal.abort(new Error("before"))), /before/);
});

Deno.test("abortable: the signal's reason wins over a promise still pending; without a signal the promise alone", async () => {
  const stop = new AbortController();
  const pending = abortable(new Promise<number>(() => {}), stop.signal);
  stop.abort(new Error("gave up"));
  await assert.rejects(pending, /gave up/);
  assert.equal(await abortable(Promise.resolve(7)), 7);
});

Deno.test("LinkedAbort: follows its parent until disposed", () => {
  const parent = new AbortController();
  const child = new LinkedAbort(parent.signal);
  child[Symbol.dispose]();
  parent.abort();
  assert.equal(child.signal.aborted, false);
  using followed = new LinkedAbort(AbortSignal.abort("why"));
  assert.equal(followed.signal.reason, "why");
});

Deno.test("deadline and afterMs: NaN means no deadline, and calling at once", () => {
  const clock = new ManualClock();
  const call = new AbortController();
  using _ = deadline(call, NaN, () => new Error("never"), clock);
  assert.deepEqual(clock.pending, []);
  let calls = 0;
  using _now = afterMs(clock, NaN, () => calls++);
  assert.equal(calls, 1);
});
