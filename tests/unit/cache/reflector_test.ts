import assert from "node:assert/strict";
import { ApiError, KubeError, type Pod, Reflector, WatchError } from "../../../mod.ts";
import { fast, pollRound, versions, waitFor, withServer } from "../../support/fake_apiserver.ts";
import { ManualClock } from "../../support/manual_clock.ts";

Deno.test("reflector: the first poll lists every page and the store equals the server", async () => {
  await withServer(async (server, pods) => {
    for (let i = 0; i < 7; i++) server.create(i % 2 ? "a" : "b", `p${i}`);
    const rf = new Reflector(pods, { ...fast, pageSize: 3 });
    const changes = await rf.poll();
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.equal(changes.length, 7);
    assert.ok(changes.every((c) => c.type === "ADDED"));
    assert.equal(server.listRequests.length, 3, "7 pods in pages of 3");
    assert.equal(rf.resourceVersion, server.resourceVersion);
    assert.ok(rf.read().has("a/p1"), "keys are namespace/name");
    assert.equal(
      rf.read().get("a/p1")?.kind,
      "Pod",
      "list items get their kind",
    );
    await rf.ready;
    assert.equal(server.openWatches, 0, "a poll leaves no watch open");
  });
});

Deno.test("reflector: a later poll watches one round and applies adds, updates and deletes in order", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "keep");
    server.create("a", "gone");
    const rf = new Reflector(pods, fast);
    await rf.poll();
    const changes = await pollRound(server, () => rf.poll(), () => {
      server.create("a", "new");
      server.modify("a", "keep", (p) => p.metadata.labels = { v: "2" });
      server.remove("a", "gone");
    });
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`), [
      "ADDED a/new",
      "MODIFIED a/keep",
      "DELETED a/gone",
    ]);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.equal(rf.read().get("a/keep")?.metadata.labels?.v, "2");
    assert.equal(rf.get("a/keep")?.metadata.labels?.v, "2");
    assert.equal(rf.get("a/gone"), undefined);
    assert.equal(rf.resourceVersion, server.resourceVersion);
    assert.equal(
      server.watchRequests[0].query.get("allowWatchBookmarks"),
      "true",
    );
  });
});

Deno.test("reflector: bookmarks move the resourceVersion without touching the store, and the next watch resumes there", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const rf = new Reflector(pods, fast);
    await rf.poll();
    const before = rf.read();
    // Another namespace changes: invisible to a watch of namespace a, but its bookmark carries the new RV.
    const scoped = new Reflector(pods.within("a"), fast);
    await scoped.poll();
    const changes = await pollRound(server, () => scoped.poll(), () => {
      server.create("b", "elsewhere");
      server.bookmark();
    });
    assert.deepEqual(changes, []);
    assert.equal(scoped.resourceVersion, server.resourceVersion);
    assert.deepEqual([...scoped.read().keys()], ["a/x"]);
    await pollRound(server, () => scoped.poll());
    const last = server.watchRequests.at(-1)!;
    assert.equal(last.query.get("resourceVersion"), server.resourceVersion);
    assert.equal(before.size, 1);
  });
});

Deno.test("reflector: after a 410 the store is replaced by a relist that reports objects deleted meanwhile", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "stays");
    server.create("a", "dies");
    server.create("a", "changes");
    const rf = new Reflector(pods, fast);
    await rf.poll();
    // While no watch is open: changes, then compaction past our resourceVersion.
    server.remove("a", "dies");
    server.modify("a", "changes", (p) => p.metadata.labels = { x: "y" });
    server.create("a", "born");
    server.compact();
    const changes = await rf.poll();
    assert.deepEqual(
      changes.map((c) => `${c.type} ${c.key}`).sort(),
      ["ADDED a/born", "DELETED a/dies", "MODIFIED a/changes"],
    );
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.equal(server.listRequests.length, 2);
  });
});

Deno.test("reflector: a 410 ERROR event mid-watch relists and the store still equals the server", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "one");
    const rf = new Reflector(pods, fast);
    await rf.poll();
    server.remove("a", "one");
    server.create("a", "two");
    server.knobs.goneEvent = true;
    const changes = await rf.poll();
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`).sort(), [
      "ADDED a/two",
      "DELETED a/one",
    ]);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
  });
});

Deno.test("reflector: a garbage line ends the round with a WatchError naming it; changes applied before it are returned, and the next poll resumes from the last resourceVersion", async () => {
  await withServer(async (server, pods) => {
    const errors: Error[] = [];
    const rf = new Reflector(pods, { ...fast, onError: (e) => errors.push(e) });
    await rf.poll();
    server.create("a", "before");
    server.knobs.injectLine = "<html>502 Bad Gateway</html>";
    const changes = await rf.poll();
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`), ["ADDED a/before"]);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof WatchError);
    assert.match(errors[0].message, /watch line 2 is not JSON.*502 Bad Gateway/);
    const seen = rf.resourceVersion;
    assert.equal(seen, server.resourceVersion);
    server.create("a", "after");
    await pollRound(server, () => rf.poll());
    assert.equal(server.watchRequests.at(-1)!.query.get("resourceVersion"), seen);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.equal(server.listRequests.length, 1, "no relist was needed");
  });
});

Deno.test("reflector: a garbage line before any change makes the poll throw the WatchError", async () => {
  await withServer(async (server, pods) => {
    const rf = new Reflector(pods, fast);
    await rf.poll();
    server.knobs.injectLine = "{not json";
    await assert.rejects(() => rf.poll(), (e: unknown) => {
      assert.ok(e instanceof WatchError);
      assert.match(e.message, /watch line \d+ is not JSON/);
      return true;
    });
  });
});

Deno.test("reflector: a connection dropped mid-line loses nothing once the next poll resumes", async () => {
  await withServer(async (server, pods) => {
    const rf = new Reflector(pods, {
      initialList: "list",
      backoff: { initialMs: 1, jitter: 0 },
    });
    await rf.poll();
    server.create("a", "x");
    server.knobs.dropMidLine = true;
    await assert.rejects(() => rf.poll(), KubeError);
    server.create("a", "y");
    await pollRound(server, () => rf.poll());
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.ok(!rf.read().has("a/half"), "the half line never became an object");
  });
});

Deno.test("reflector: a 500 fails the poll with the server's Status, and the cache survives", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const rf = new Reflector(pods, {
      initialList: "list",
      backoff: { initialMs: 1, jitter: 0 },
    });
    await rf.poll();
    server.knobs.fail500 = 1;
    await assert.rejects(() => rf.poll(), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.code, 500);
      assert.equal(e.reason, "InternalError");
      return true;
    });
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    await pollRound(server, () => rf.poll(), () => server.create("a", "y"));
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
  });
});

Deno.test("reflector: a MODIFIED event with an older resourceVersion is applied as the server sent it", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const rf = new Reflector(pods, fast);
    await rf.poll();
    const old = structuredClone(rf.read().get("a/x")!);
    await pollRound(server, () => rf.poll(), () => {
      server.modify("a", "x", (p) => p.metadata.labels = { new: "yes" });
      server.sendRaw("MODIFIED", {
        ...old,
        metadata: { ...old.metadata, resourceVersion: "1" },
      });
    });
    assert.equal(rf.read().get("a/x")?.metadata.resourceVersion, "1");
  });
});

Deno.test("reflector: read() is a snapshot that later changes do not touch", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const rf = new Reflector(pods, fast);
    await rf.poll();
    const snapshot = rf.read();
    await pollRound(server, () => rf.poll(), () => {
      server.remove("a", "x");
      server.create("a", "y");
    });
    assert.deepEqual([...snapshot.keys()], ["a/x"]);
    assert.deepEqual([...rf.read().keys()], ["a/y"]);
  });
});

Deno.test("reflector: the namespace index and custom indexes follow adds, moves, deletes and relists", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "p1", { spec: { nodeName: "n1", containers: [] } });
    server.create("b", "p2", { spec: { nodeName: "n1", containers: [] } });
    const rf = new Reflector(pods, fast)
      .addIndex("node", (pod) => pod.spec?.nodeName ? [pod.spec.nodeName] : []);
    await rf.poll();
    const names = (list: Pod[]) => list.map((p) => p.metadata.name).sort();
    assert.deepEqual(names(rf.byIndex("node", "n1")), ["p1", "p2"]);
    assert.deepEqual(names(rf.byIndex("namespace", "b")), ["p2"]);
    await pollRound(server, () => rf.poll(), () => {
      server.modify("a", "p1", (p) => p.spec!.nodeName = "n2");
      server.remove("b", "p2");
    });
    assert.deepEqual(names(rf.byIndex("node", "n1")), []);
    assert.deepEqual(names(rf.byIndex("node", "n2")), ["p1"]);
    assert.deepEqual(names(rf.byIndex("namespace", "b")), []);
    server.create("c", "p3", { spec: { nodeName: "n2", containers: [] } });
    server.compact();
    await rf.poll();
    assert.deepEqual(names(rf.byIndex("node", "n2")), ["p1", "p3"]);
    assert.throws(() => rf.byIndex("nope", "x"), /no index "nope"/);
  });
});

Deno.test("reflector: iterating yields each change after it is in the store, retries 500s with growing backoff, and stops on abort", async () => {
  await withServer(async (server, pods) => {
    const clock = new ManualClock();
    server.create("a", "x");
    const controller = new AbortController();
    const errors: string[] = [];
    const rf = new Reflector(pods, {
      initialList: "list",
      clock,
      backoff: { jitter: 0 },
      onError: (e) => errors.push(e.message),
    });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const change of rf.run(controller.signal)) {
        assert.ok(
          change.type === "DELETED" ? !rf.read().has(change.key) : rf.read().has(change.key),
        );
        seen.push(`${change.type} ${change.key}`);
      }
    })();
    await server.waitForWatchesOpened(1);
    server.create("a", "y");
    await waitFor(() => seen.length === 2, 5_000, "two changes");
    server.knobs.fail500 = 1;
    server.breakWatches();
    assert.equal(await clock.nextSleep((ms) => ms < 100_000), 800);
    clock.advance(800);
    assert.equal(await clock.nextSleep((ms) => ms < 100_000), 1600);
    clock.advance(1600);
    await server.waitForWatchesOpened(2);
    server.remove("a", "x");
    await waitFor(() => seen.length === 3, 5_000, "the delete");
    controller.abort();
    await loop;
    assert.deepEqual(seen, ["ADDED a/x", "ADDED a/y", "DELETED a/x"]);
    assert.equal(errors.length, 2, errors.join("; "));
    assert.match(errors[1], /500 InternalError: scripted failure/);
    await waitFor(() => server.openWatches === 0, 5_000, "abort to close the watch");
  });
});

Deno.test("reflector: break out of for-await closes the watch", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const rf = new Reflector(pods, fast);
    for await (const change of rf) {
      assert.equal(change.key, "a/x");
      break;
    }
    await rf.ready;
    await waitFor(() => server.openWatches === 0, 5_000, "break to close the watch");
    await assert.doesNotReject(
      () => pollRound(server, () => rf.poll()),
      "the reflector can be used again",
    );
  });
});

Deno.test("Api.listAll: an expired continue token is followed by one unpaged list", async () => {
  await withServer(async (server, pods) => {
    for (let i = 0; i < 5; i++) server.create("a", `p${i}`);
    const original = pods.list.bind(pods);
    let calls = 0;
    pods.list = (options) => {
      if (++calls === 2) server.compact();
      return original(options);
    };
    const all = await pods.listAll({ limit: 2 });
    assert.deepEqual(all.items.map((p) => p.metadata.name).sort(), ["p0", "p1", "p2", "p3", "p4"]);
    assert.equal(all.metadata.resourceVersion, server.resourceVersion);
    assert.deepEqual(server.listRequests.map((r) => r.query.get("limit")), ["2", "2", null]);
  });
});

const gc = (globalThis as { gc?: () => void }).gc;

Deno.test({
  name: "reflector: abort stops a quiet watch promptly, even after a garbage collection",
  ignore: !gc,
  async fn() {
    await withServer(async (server, pods) => {
      server.create("a", "x");
      const rf = new Reflector(pods, fast);
      const stop = new AbortController();
      let ended = false;
      const loop = (async () => {
        for await (const _ of rf.run(stop.signal));
        ended = true;
      })();
      await server.waitForWatchesOpened(1);
      // Signals chained with weak references (AbortSignal.any, fetch's own)
      // can be collected here, and then an abort never reaches the body.
      for (let i = 0; i < 3; i++) {
        gc!();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      stop.abort();
      await waitFor(() => ended, 2_000, "the loop to end after abort");
      await loop;
    });
  },
});

Deno.test("reflector: health() tells whether it is synced and healthy, when it last heard from the server, its last failure and its relists", async () => {
  await withServer(async (server, pods) => {
    const clock = new ManualClock();
    const rf = new Reflector(pods, { initialList: "list", clock, backoff: { initialMs: 1 } });
    assert.deepEqual(rf.health(), {
      state: "Empty",
      synced: false,
      healthy: false,
      lastHeardAt: undefined,
      lastError: undefined,
      failingSince: undefined,
      relists: 0,
      failures: 0,
    });
    server.create("a", "x");
    await rf.poll();
    const listedAt = clock.now();
    assert.deepEqual(rf.health(), {
      state: "Listed",
      synced: true,
      healthy: true,
      lastHeardAt: listedAt,
      lastError: undefined,
      failingSince: undefined,
      relists: 0,
      failures: 0,
    });
    clock.advance(1_000);
    server.knobs.fail500 = 1;
    await assert.rejects(rf.poll(), ApiError);
    const failing = rf.health();
    assert.equal(failing.healthy, false);
    assert.equal(failing.state, "BackingOff");
    assert.equal(failing.failingSince, listedAt + 1_000);
    assert.match(failing.lastError!.message, /500/);
    assert.equal(failing.lastHeardAt, listedAt);
    clock.advance(1_000);
    const recovered = rf.poll();
    clock.advance(await clock.nextSleep((ms) => ms < 10_000));
    await server.waitForWatchesOpened(1);
    server.create("a", "y");
    await waitFor(() => rf.get("a/y") !== undefined, 5_000, "the watch to deliver");
    server.endWatches();
    await recovered;
    const healthy = rf.health();
    assert.equal(healthy.healthy, true);
    assert.equal(healthy.failingSince, undefined);
    assert.ok(healthy.lastHeardAt! >= listedAt + 2_000, "heard from the watch after the failure");
    assert.match(healthy.lastError!.message, /500/, "the last failure stays on record");
    server.knobs.goneEvent = true;
    const relisted = rf.poll();
    clock.advance(await clock.nextSleep((ms) => ms < 10_000));
    await relisted;
    assert.equal(rf.health().relists, 1);
    assert.equal(rf.health().healthy, true);
  });
});

Deno.test("reflector: a poll aborted after it applied changes returns them; one aborted before any change throws", async () => {
  await withServer(async (server, pods) => {
    const rf = new Reflector(pods, fast);
    await rf.poll();
    const stop = new AbortController();
    const polled = rf.poll({ signal: stop.signal });
    await server.waitForWatchesOpened(1);
    server.create("a", "x");
    server.create("a", "y");
    await waitFor(() => rf.get("a/y") !== undefined, 5_000, "both changes to be applied");
    stop.abort();
    assert.deepEqual((await polled).map((c) => `${c.type} ${c.key}`), ["ADDED a/x", "ADDED a/y"]);
    const idle = new AbortController();
    const nothing = rf.poll({ signal: idle.signal });
    await server.waitForWatchesOpened(2);
    idle.abort(new Error("stop"));
    await assert.rejects(nothing, /stop/);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
  });
});

Deno.test("reflector: a watch event whose object has no metadata goes to onError and is skipped; the loop goes on", async () => {
  await withServer(async (server, pods) => {
    const errors: Error[] = [];
    const rf = new Reflector(pods, { ...fast, onError: (e) => errors.push(e) });
    server.create("a", "x");
    const stop = new AbortController();
    const changes = rf.run(stop.signal);
    assert.equal((await changes.next()).value?.key, "a/x");
    const next = changes.next();
    await server.waitForWatchesOpened(1);
    server.sendRaw("MODIFIED", { kind: "Pod" } as Pod);
    server.create("a", "after");
    assert.equal((await next).value?.key, "a/after");
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof WatchError);
    assert.match(errors[0].message, /MODIFIED\) has an object without metadata; skipped/);
    assert.equal(server.watchesOpened, 1, "the watch went on");
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    stop.abort();
    await changes.next();
  });
});

Deno.test("reflector: a DELETED event for an object it never held changes nothing and is not reported", async () => {
  await withServer(async (server, pods) => {
    const rf = new Reflector(pods, fast);
    await rf.poll();
    const changes = await pollRound(server, () => rf.poll(), () => {
      server.sendRaw("DELETED", { metadata: { name: "ghost", namespace: "a" } });
      server.create("a", "real");
    });
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`), ["ADDED a/real"]);
  });
});

Deno.test("reflector: a list item without metadata goes to onError, naming its page and index, and is skipped; start() syncs and poll() returns the rest", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    server.create("a", "y");
    const errors: Error[] = [];
    server.knobs.extraListItems = [{ kind: "Pod" }];
    const rf = new Reflector(pods, { ...fast, onError: (e) => errors.push(e) });
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await rf.synced({ timeoutMs: 5_000 });
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof WatchError);
    assert.match(
      errors[0].message,
      /list \/api\/v1\/pods page 1: items\[2\] has no metadata; skipped/,
    );
    await server.waitForWatchesOpened(1);
    server.create("a", "z");
    await waitFor(() => rf.get("a/z") !== undefined, 5_000, "the watch to go on");
    stop.abort();
    await running;

    server.knobs.extraListItems = [{ kind: "Pod" }];
    const polled = new Reflector(pods, { ...fast, onError: (e) => errors.push(e) });
    const changes = await polled.poll();
    assert.deepEqual(changes.map((c) => c.key).sort(), ["a/x", "a/y", "a/z"]);
    assert.equal(errors.length, 2);
  });
});

Deno.test("reflector: synced({ timeoutMs: 0 }) gives up at once and says why, Infinity waits for the list", async () => {
  await withServer(async (_server, pods) => {
    const rf = new Reflector(pods, fast);
    await assert.rejects(
      rf.synced({ timeoutMs: 0 }),
      (e: Error) =>
        e instanceof KubeError && /did not sync within 0s \(Empty; no error/.test(e.message),
    );
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await rf.synced({ timeoutMs: Infinity });
    stop.abort();
    await running;
  });
});
