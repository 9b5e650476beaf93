/**
 * Long waits are long and `Infinity` is none: a requeue of 30 days, a wait
 * or a sync with no timeout. `setTimeout` clamps anything above 2^31−1 ms
 * (24.8 days) to 1 ms, so a wait passed to it as it is busy-loops.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Action,
  type Clock,
  conditions,
  Controller,
  realClock,
  Reflector,
  waitFor,
  WorkQueue,
} from "../../../mod.ts";
import { fast, waitFor as until, withServer } from "../../support/fake_apiserver.ts";
import { ManualClock } from "../../support/manual_clock.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const THIRTY_DAYS_MS = 30 * DAY_MS;

/** The real clock, counting the sleeps asked of it. */
function countingRealClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => realClock.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return realClock.sleep(ms, signal);
    },
  };
}

/** Whether `promise` is still pending after `ms` of real time. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol("pending");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => timer = setTimeout(() => resolve(pending), ms));
  try {
    return await Promise.race([promise.then(() => "settled", () => "settled"), late]) === pending;
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("realClock: a sleep of 30 days, or of Infinity, does not resolve within 50 ms", async () => {
  for (const ms of [THIRTY_DAYS_MS, 2 ** 31, Infinity]) {
    const stop = new AbortController();
    const sleep = realClock.sleep(ms, stop.signal);
    assert.ok(await pendingAfter(sleep, 50), `a sleep of ${ms} ms resolved early`);
    stop.abort(new Error("done"));
    await assert.rejects(sleep, /done/);
  }
});

Deno.test("work queue on the real clock: a key due in 30 days is waited for with one sleep, not a busy loop", async () => {
  const clock = countingRealClock();
  const queue = new WorkQueue(clock);
  queue.schedule("later", THIRTY_DAYS_MS);
  const taken = await queue.take(AbortSignal.timeout(50));
  assert.equal(taken, undefined, "nothing was due");
  assert.equal(clock.sleeps.length, 1, `sleeps asked: ${clock.sleeps.length}`);
  assert.ok(clock.sleeps[0] > THIRTY_DAYS_MS - 1_000);
  assert.equal(queue.depth, 1, "the key still waits");
});

Deno.test("controller: Action.requeue(30 days) is scheduled for 30 days later and nothing fires before", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const clock = new ManualClock();
    const controller = new Controller(pods, { clock });
    let calls = 0;
    const stop = new AbortController();
    const loop = (async () => {
      for await (
        const _ of controller.run(() => {
          calls++;
          return Promise.resolve(Action.requeue(THIRTY_DAYS_MS));
        }, { signal: stop.signal })
      ) {
        // counted in the reconcile
      }
    })();
    await until(() => calls === 1, 5_000, "the first reconcile");
    const wait = await clock.nextSleep((ms) => ms > DAY_MS);
    assert.equal(wait, THIRTY_DAYS_MS, "the queue sleeps until the key is due");
    clock.advance(THIRTY_DAYS_MS - 1);
    assert.deepEqual(clock.pending.filter((ms) => ms > DAY_MS), [THIRTY_DAYS_MS], "still asleep");
    assert.equal(calls, 1, "nothing fired early");
    clock.advance(1);
    await until(() => calls === 2, 5_000, "the requeued reconcile");
    assert.equal(controller.metrics.snapshot().queueDepth, 1, "and the next one is scheduled");
    stop.abort();
    await loop;
  });
});

Deno.test("waitFor with timeoutMs: Infinity never times out, however far its clock moves", async () => {
  await withServer(async (server, pods) => {
    server.create("ns", "web");
    const clock = new ManualClock();
    const waiting = waitFor(pods.within("ns"), "web", conditions.isPodRunning(), {
      timeoutMs: Infinity,
      clock,
    });
    await server.waitForWatchesOpened(1);
    clock.advance(1e15);
    assert.deepEqual(clock.pending, [], "no deadline was set");
    assert.ok(await pendingAfter(waiting, 50), "still waiting");
    server.modify("ns", "web", (pod) => pod.status = { phase: "Running" });
    assert.equal((await waiting)?.status?.phase, "Running");
  });
});

Deno.test("waitFor with a timeout beyond 24.8 days on the real clock does not time out at once", async () => {
  await withServer(async (server, pods) => {
    server.create("ns", "web");
    const waiting = waitFor(pods.within("ns"), "web", conditions.isPodRunning(), {
      timeoutMs: THIRTY_DAYS_MS,
    });
    await server.waitForWatchesOpened(1);
    assert.ok(await pendingAfter(waiting, 50), "still waiting");
    server.modify("ns", "web", (pod) => pod.status = { phase: "Running" });
    assert.equal((await waiting)?.status?.phase, "Running");
  });
});

Deno.test("Reflector.synced({ timeoutMs: Infinity }) waits for the sync however far its clock moves", async () => {
  await withServer(async (server, pods) => {
    server.create("ns", "web");
    const clock = new ManualClock();
    const rf = new Reflector(pods, { ...fast, clock });
    const synced = rf.synced({ timeoutMs: Infinity });
    clock.advance(1e15);
    assert.ok(await pendingAfter(synced, 50), "still waiting, not timed out");
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await synced;
    assert.equal(rf.read().size, 1);
    stop.abort();
    await running;
  });
});
