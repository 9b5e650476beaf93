/**
 * The list-then-watch engine itself, stepped directly against the
 * in-process API server: what each step reports, and where it goes next.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Pod, Watcher, type WatcherEvent, WatchError } from "../../../mod.ts";
import { INITIAL_EVENTS_TIMEOUT_MS } from "../../../src/watch/watcher.ts";
import { fast, waitFor, withServer } from "../../support/fake_apiserver.ts";
import { ManualClock } from "../../support/manual_clock.ts";

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

Deno.test("watcher: a streaming list that never ends its initial events is paged after 60 s, and the server is not asked to stream again", async () => {
  await withServer(async (server, pods) => {
    server.knobs.streaming = "noEnd";
    server.create("a", "x");
    server.create("b", "y");
    const clock = new ManualClock();
    const watcher = new Watcher(pods, { clock, backoff: fast.backoff });
    const restarted = untilRestarted(watcher);
    await server.waitForWatchesOpened(1);
    assert.equal(server.watchRequests[0].query.get("sendInitialEvents"), "true");
    const wait = await clock.nextSleep((ms) => ms === INITIAL_EVENTS_TIMEOUT_MS);
    clock.advance(wait - 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(server.listRequests.length, 0, "not before the deadline");
    clock.advance(1);
    const events = await restarted;
    const list = events.at(-1) as Extract<WatcherEvent<Pod>, { type: "RESTARTED" }>;
    assert.deepEqual(list.objects.map((p) => p.metadata.name).sort(), ["x", "y"]);
    assert.equal(list.resourceVersion, server.resourceVersion);
    assert.equal(server.listRequests.length, 1, "a paged list");
    assert.equal(server.listRequests[0].query.get("limit"), "500");
    assert.equal(watcher.initialList, "list");
    await waitFor(() => server.openWatches === 0, 5_000, "the streaming watch to close");

    // After a 410, the relist is paged too: the server is not asked to stream again.
    server.create("a", "z");
    server.compact();
    const signal = new AbortController().signal;
    const gone = watcher.step(signal);
    assert.equal(await gone, undefined);
    const backoff = watcher.step(signal);
    clock.advance(await clock.nextSleep((ms) => ms < 100));
    await backoff;
    const relisted = (await untilRestarted(watcher)).at(-1) as { objects: Pod[] };
    assert.equal(relisted.objects.length, 3);
    assert.equal(server.listRequests.length, 2);
    assert.equal(
      server.watchRequests.filter((r) => r.query.get("sendInitialEvents") === "true").length,
      1,
      "one streaming attempt in all",
    );
    watcher.close();
  });
});

Deno.test("watcher: with initialList stream, a streaming list that never ends its initial events fails after 60 s and streams again after a backoff", async () => {
  await withServer(async (server, pods) => {
    server.knobs.streaming = "noEnd";
    server.create("a", "x");
    const clock = new ManualClock();
    const watcher = new Watcher(pods, { clock, initialList: "stream", backoff: fast.backoff });
    const signal = new AbortController().signal;
    const failed = (async () => {
      for (;;) {
        const event = await watcher.step(signal);
        if (event) return event;
      }
    })();
    clock.advance(await clock.nextSleep((ms) => ms === INITIAL_EVENTS_TIMEOUT_MS));
    const event = await failed;
    assert.equal(event.type, "ERROR");
    assert.match(
      (event as { error: Error }).error.message,
      /streaming list \/api\/v1\/pods sent no initial-events-end bookmark within 60s/,
    );
    assert.equal(watcher.state, "BackingOff");
    assert.equal(watcher.initialList, "stream");
    server.knobs.streaming = "stream";
    const next = untilRestarted(watcher);
    clock.advance(await clock.nextSleep((ms) => ms < 100));
    assert.equal((await next).at(-1)?.type, "RESTARTED");
    assert.equal(server.listRequests.length, 0, "never paged");
    watcher.close();
  });
});

Deno.test("watcher: a 410 after a run of failed reconnects relists after the first delay, not after one grown by the failures", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const clock = new ManualClock();
    const watcher = new Watcher(pods, { initialList: "list", clock, backoff: { jitter: 0 } });
    const signal = new AbortController().signal;
    assert.equal((await untilRestarted(watcher)).at(-1)?.type, "RESTARTED");
    // The API server goes away (500s), then comes back with a fresh watch
    // cache that no longer holds our resourceVersion.
    server.knobs.fail500 = 3;
    const delays: number[] = [];
    for (let failures = 0; failures < 3; failures++) {
      const event = await watcher.step(signal);
      assert.equal(event?.type, "ERROR");
      const sleeping = watcher.step(signal);
      const ms = await clock.nextSleep((ms) => ms < 100_000);
      delays.push(ms);
      clock.advance(ms);
      await sleeping;
    }
    assert.deepEqual(delays, [800, 1600, 3200]);
    server.create("a", "y");
    server.compact();
    assert.equal(await watcher.step(signal), undefined, "the watch is answered with 410");
    const relisting = watcher.step(signal);
    assert.equal(await clock.nextSleep((ms) => ms < 100_000), 800, "the first delay");
    clock.advance(800);
    await relisting;
    const relisted = (await untilRestarted(watcher)).at(-1) as { objects: Pod[] };
    assert.deepEqual(relisted.objects.map((p) => p.metadata.name).sort(), ["x", "y"]);
    watcher.close();
  });
});

/** Steps `watcher` until it reports an event. */
async function nextEvent(watcher: Watcher<Pod>, signal: AbortSignal): Promise<WatcherEvent<Pod>> {
  for (;;) {
    const event = await watcher.step(signal);
    if (event) return event;
  }
}

Deno.test("watcher: an expired continue token restarts the list from the first page, unpaged", async () => {
  await withServer(async (server, pods) => {
    for (let i = 0; i < 5; i++) server.create("a", `p${i}`);
    let pages = 0;
    const original = pods.list.bind(pods);
    pods.list = (options) => {
      // The snapshot behind the first page's token is gone before the
      // second page is asked for (read ahead or not).
      if (++pages === 2) server.compact();
      return original(options);
    };
    const watcher = new Watcher(pods, { ...fast, pageSize: 2 });
    const list = (await untilRestarted(watcher)).at(-1) as { objects: Pod[] };
    assert.deepEqual(list.objects.map((p) => p.metadata.name).sort(), [
      "p0",
      "p1",
      "p2",
      "p3",
      "p4",
    ]);
    const tokens = server.listRequests.map((r) => r.query.get("continue"));
    assert.equal(tokens[0], null);
    assert.ok(tokens[1], "second request used the continue token");
    assert.equal(tokens[2], null, "after the 410 the list starts over");
    assert.equal(server.listRequests[2].query.get("limit"), null, "whole, so no token can expire");
    assert.equal(server.listRequests.length, 3);
    watcher.close();
  });
});

Deno.test("watcher: selectors pass through to list and watch alike", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "web", { metadata: { labels: { app: "web" } } });
    server.create("a", "db", { metadata: { labels: { app: "db" } } });
    const watcher = new Watcher(pods, {
      ...fast,
      labelSelector: "app=web",
      fieldSelector: "metadata.namespace=a",
    });
    const list = (await untilRestarted(watcher)).at(-1) as { objects: Pod[] };
    assert.deepEqual(list.objects.map((p) => p.metadata.name), ["web"]);
    const signal = new AbortController().signal;
    const added = nextEvent(watcher, signal);
    await server.waitForWatchesOpened(1);
    server.create("a", "web2", { metadata: { labels: { app: "web" } } });
    assert.equal((await added).type, "ADDED");
    for (const r of server.requests) {
      assert.equal(r.query.get("labelSelector"), "app=web");
      assert.equal(r.query.get("fieldSelector"), "metadata.namespace=a");
    }
    watcher.close();
  });
});

Deno.test("watcher: the streaming list is used where the server supports it, and its watch goes on after the initial events", async () => {
  await withServer(async (server, pods) => {
    server.knobs.streaming = "stream";
    server.create("a", "x");
    server.create("b", "y");
    const watcher = new Watcher(pods, { backoff: fast.backoff });
    const list = (await untilRestarted(watcher)).at(-1) as {
      objects: Pod[];
      resourceVersion: string;
    };
    assert.deepEqual(list.objects.map((p) => p.metadata.name).sort(), ["x", "y"]);
    assert.equal(list.resourceVersion, server.resourceVersion);
    assert.equal(server.listRequests.length, 0);
    const first = server.watchRequests[0].query;
    assert.equal(first.get("sendInitialEvents"), "true");
    assert.equal(first.get("resourceVersionMatch"), "NotOlderThan");
    assert.equal(watcher.state, "Watching");
    const added = nextEvent(watcher, new AbortController().signal);
    server.create("a", "z");
    assert.equal(((await added) as { object: Pod }).object.metadata.name, "z");
    assert.equal(server.watchRequests.length, 1, "the same watch");
    watcher.close();
  });
});

Deno.test("watcher: falls back to a paged list when the server refuses or ignores streaming lists", async () => {
  for (const streaming of ["refuse", "ignore"] as const) {
    await withServer(async (server, pods) => {
      server.knobs.streaming = streaming;
      server.create("a", "x");
      const watcher = new Watcher(pods, { backoff: fast.backoff });
      const restarted = untilRestarted(watcher);
      if (streaming === "ignore") {
        // An old server sends synthetic ADDED events and no end bookmark; its watch ends at timeoutSeconds.
        await server.waitForWatchesOpened(1);
        server.endWatches();
      }
      const list = (await restarted).at(-1) as { objects: Pod[] };
      assert.deepEqual(list.objects.map((p) => p.metadata.name), ["x"], streaming);
      assert.equal(server.listRequests.length, 1, streaming);
      assert.equal(watcher.initialList, streaming === "refuse" ? "list" : "stream", streaming);
      const added = nextEvent(watcher, new AbortController().signal);
      const opened = streaming === "refuse" ? 1 : 2;
      await server.waitForWatchesOpened(opened);
      server.create("a", "y");
      assert.equal((await added).type, "ADDED", streaming);
      assert.equal(
        server.watchRequests.at(-1)!.query.get("sendInitialEvents"),
        null,
        "the watch after the list resumes from its resourceVersion",
      );
      watcher.close();
    });
  }
});

Deno.test("watcher: an idle watch is aborted after timeoutSeconds plus a margin and resumed from its resourceVersion", async () => {
  await withServer(async (server, pods) => {
    const clock = new ManualClock();
    const watcher = new Watcher(pods, { ...fast, clock, timeoutSeconds: 10 });
    await untilRestarted(watcher);
    const listed = watcher.resourceVersion;
    server.create("a", "x");
    server.knobs.stall = true;
    const signal = new AbortController().signal;
    const stalled = nextEvent(watcher, signal);
    await server.waitForWatchesOpened(1);
    const idle = await clock.nextSleep((ms) => ms > 10_000);
    assert.ok(idle >= 10_000 && idle <= 120_000, `idle limit ${idle} ms`);
    clock.advance(idle);
    const error = await stalled;
    assert.equal(error.type, "ERROR");
    assert.ok((error as { error: Error }).error instanceof WatchError);
    assert.match((error as { error: Error }).error.message, /sent no bytes/);
    await waitFor(() => server.openWatches === 0, 5_000, "the stalled connection to close");
    const resumed = nextEvent(watcher, signal);
    clock.advance(await clock.nextSleep((ms) => ms < 10_000)); // the backoff after an error
    const added = await resumed;
    assert.equal((added as { object: Pod }).object.metadata.name, "x");
    assert.equal(server.watchRequests[1].query.get("resourceVersion"), listed);
    assert.equal(server.listRequests.length, 1, "no relist");
    watcher.close();
  });
});

Deno.test("watcher: a server that answers every watch with 410 is relisted ever more slowly, not in a tight loop", async () => {
  await withServer(async (server, pods) => {
    const clock = new ManualClock();
    const watcher = new Watcher(pods, { initialList: "list", clock, backoff: { jitter: 0 } });
    server.create("a", "x");
    server.knobs.goneAlways = true;
    const stop = new AbortController();
    const loop = (async () => {
      for await (const _ of watcher.run(stop.signal));
    })();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const ms = await clock.nextSleep((ms) => ms < 100_000);
      delays.push(ms);
      clock.advance(ms);
    }
    assert.deepEqual(delays, [800, 1600, 3200, 6400]);
    assert.ok(server.listRequests.length <= 5, `${server.listRequests.length} lists`);
    server.knobs.goneAlways = false;
    stop.abort();
    await loop;
  });
});
