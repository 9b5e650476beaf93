import assert from "node:assert/strict";
import { Wakeup } from "../../../src/util/wakeup.ts";

Deno.test("wakeup: wake reaches every waiter, wakeOne the one that waited longest", async () => {
  const wakeup = new Wakeup();
  const woken: string[] = [];
  const a = wakeup.wait().then(() => woken.push("a"));
  const b = wakeup.wait().then(() => woken.push("b"));
  assert.equal(wakeup.waiting, 2);
  wakeup.wakeOne();
  await a;
  assert.deepEqual(woken, ["a"]);
  wakeup.wake();
  await b;
  assert.deepEqual(woken, ["a", "b"]);
  assert.equal(wakeup.waiting, 0);
});

Deno.test("wakeup: a wake before anyone waits reaches nobody later", async () => {
  const wakeup = new Wakeup();
  wakeup.wake();
  let woken = false;
  const waiting = wakeup.wait().then(() => woken = true);
  await Promise.resolve();
  assert.equal(woken, false);
  wakeup.wake();
  await waiting;
  assert.equal(woken, true);
});
