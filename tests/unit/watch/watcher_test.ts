/**
 * The list-then-watch engine itself, stepped directly against the
 * in-process API server: what each step reports, and where it goes next.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Pod, Watcher, type WatcherEvent, WatchError } from "../../../mod.ts";
import { fast, withServer } from "../../support/fake_apiserver.ts";

/** Steps `watcher` until it reports RESTARTED; returns every event reported on the way. */
async function untilRestarted(watcher: Watcher<Pod>): Promise<WatcherEvent<Pod>[]> {
  const signal = new AbortController().signal;
  const events: WatcherEvent<Pod>[] = [];
  for (let steps = 0; steps < 100; steps++) {
    const event = await watcher.step(signal);
    if (!event) continue;
    events.push(event);
    if (event.type === "RESTARTED") return events;
  }
  throw new Error(`no RESTARTED in 100 steps: ${events.map((e) => e.type)}`);
}

Deno.test("watcher: list items without metadata are reported as INVALID, naming the page and each index, and skipped; the list completes", async () => {
  await withServer(async (server, pods) => {
    for (let i = 0; i < 3; i++) server.create("a", `p${i}`);
    server.knobs.extraListItems = [{ kind: "Pod" }, null];
    const watcher = new Watcher(pods, { ...fast, pageSize: 2 });
    const events = await untilRestarted(watcher);
    assert.deepEqual(events.map((e) => e.type), ["INVALID", "RESTARTED"]);
    const invalid = events[0] as Extract<WatcherEvent<Pod>, { type: "INVALID" }>;
    assert.ok(invalid.error instanceof WatchError);
    assert.equal(
      invalid.error.message,
      "list /api/v1/pods page 1: items[2], items[3] have no metadata; skipped",
    );
    const restarted = events[1] as Extract<WatcherEvent<Pod>, { type: "RESTARTED" }>;
    assert.deepEqual(restarted.objects.map((p) => p.metadata.name).sort(), ["p0", "p1", "p2"]);
    assert.equal(restarted.resourceVersion, server.resourceVersion);
    assert.equal(watcher.state, "Listed");
    assert.equal(server.listRequests.length, 2, "both pages read, the bad one once");
    watcher.close();
  });
});

Deno.test("watcher: a last list page with an item without metadata reports INVALID, then RESTARTED at the next step", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "p0");
    server.knobs.extraListItems = ["not an object"];
    const watcher = new Watcher(pods, fast);
    const signal = new AbortController().signal;
    const first = await watcher.step(signal);
    assert.equal(first?.type, "INVALID");
    assert.match((first as { error: Error }).error.message, /page 1: items\[1\] has no metadata/);
    const second = await watcher.step(signal);
    assert.equal(second?.type, "RESTARTED");
    assert.deepEqual(
      (second as { objects: Pod[] }).objects.map((p) => p.metadata.name),
      ["p0"],
    );
    watcher.close();
  });
});
