/**
 * The controller runtime's guarantees, against the scripted API server with
 * an injected clock: the work queue, the rate limiter, subscriptions that
 * stay small, and the Controller's reconcile loop.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Action,
  Api,
  Controller,
  type Pod,
  predicates,
  RateLimiter,
  type ReconcileOutcome,
  Reflector,
  WorkQueue,
} from "../../../mod.ts";
import { fast, waitFor, withServer } from "../../support/fake_apiserver.ts";
import { ManualClock } from "../../support/manual_clock.ts";

Deno.test("work queue: a key waits once however often it is scheduled, and the earliest time wins", async () => {
  const clock = new ManualClock();
  const queue = new WorkQueue(clock);
  queue.schedule("a", 60_000);
  queue.schedule("a", 1_000);
  queue.schedule("a", 30_000);
  queue.schedule("b");
  queue.schedule("b");
  assert.equal(queue.depth, 2);
  assert.equal(await queue.take(), "b");
  queue.done("b");
  const next = queue.take();
  clock.advance(await clock.nextSleep());
  assert.equal(await next, "a");
  assert.equal(clock.now() - 1_000_000, 1_000, "a came at the earliest time asked");
  queue.done("a");
  assert.equal(queue.depth, 0);
  queue.close();
  assert.equal(await queue.take(), undefined);
});

Deno.test("work queue: a key a worker has is not handed out again until done, and comes back once if scheduled meanwhile", async () => {
  const queue = new WorkQueue(new ManualClock());
  queue.schedule("a");
  assert.equal(await queue.take(), "a");
  queue.schedule("a");
  queue.schedule("a");
  queue.schedule("b");
  assert.equal(await queue.take(), "b", "a is held while its worker runs");
  const stop = new AbortController();
  const waiting = queue.take(stop.signal);
  queue.done("b");
  queue.done("a");
  assert.equal(await waiting, "a");
  queue.done("a");
  assert.equal(queue.depth, 0, "a was queued once");
  stop.abort();
  assert.equal(await queue.take(stop.signal), undefined);
});

Deno.test("rate limiter: each key backs off 5 ms doubling to 1000 s, reset by forget; past a burst of 100 retries, 10 a second overall", () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter(() => clock.now());
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.when("a")), [5, 10, 20, 40]);
  limiter.forget("a");
  assert.equal(limiter.when("a"), 5);
  for (let i = 0; i < 30; i++) limiter.when("b");
  assert.equal(limiter.when("b"), 1_000_000, "capped at 1000 s");
  const burst = new RateLimiter(() => clock.now());
  const delays = Array.from({ length: 110 }, (_, i) => burst.when(`k${i}`));
  assert.ok(delays.slice(0, 100).every((d) => d === 5), "the first 100 fly");
  assert.deepEqual(delays.slice(100, 103), [100, 200, 300], "then 10 a second");
});

Deno.test("subscription: a subscriber that falls behind gets the latest state per key, one change per key, never a backlog", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "busy");
    server.create("a", "short-lived");
    const rf = new Reflector(pods, fast);
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await rf.synced({ timeoutMs: 5_000 });
    const slow = rf.subscribe({ signal: stop.signal });
    assert.equal(slow.pending, 2, "what the store holds comes first");
    await server.waitForWatchesOpened(1);
    for (let i = 0; i < 200; i++) {
      server.modify("a", "busy", (p) => p.metadata.labels = { i: `${i}` });
    }
    server.remove("a", "short-lived");
    server.create("a", "new");
    server.remove("a", "new");
    await waitFor(() => rf.get("a/busy")?.metadata.labels?.i === "199", 5_000, "the reflector");
    assert.equal(slow.pending, 1, "busy only: short-lived and new came and went");
    const seen = [];
    for await (const change of slow) {
      seen.push(`${change.type} ${change.key} ${change.object.metadata.labels?.i}`);
      if (slow.pending === 0) break;
    }
    assert.deepEqual(seen, ["ADDED a/busy 199"]);
    stop.abort();
    await running;
  });
});

/** Runs a controller on the server's pods until `until` holds; returns every outcome. */
async function runController(
  controller: Controller<Pod>,
  reconcile: (pod: Pod) => Promise<Action>,
  until: (outcomes: ReconcileOutcome<Pod>[]) => boolean,
  options: { concurrency?: number; clock?: ManualClock } = {},
): Promise<ReconcileOutcome<Pod>[]> {
  const outcomes: ReconcileOutcome<Pod>[] = [];
  const stop = new AbortController();
  for await (
    const outcome of controller.run(reconcile, {
      concurrency: options.concurrency,
      signal: stop.signal,
    })
  ) {
    outcomes.push(outcome);
    if (until(outcomes)) stop.abort();
  }
  return outcomes;
}

Deno.test("controller: no key is reconciled by two workers at once; changes during a reconcile queue it again once, with the latest object", async () => {
  await withServer(async (server, pods) => {
    for (let i = 0; i < 6; i++) server.create("a", `p${i}`);
    const controller = new Controller(pods);
    const running = new Set<string>();
    let most = 0;
    let hot = 0;
    let others = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => release = resolve);
    const seenHot: string[] = [];
    const outcomes = await runController(
      controller,
      async (pod) => {
        const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
        assert.ok(!running.has(key), `${key} reconciled twice at once`);
        running.add(key);
        most = Math.max(most, running.size);
        if (pod.metadata.name === "p0") {
          seenHot.push(pod.metadata.labels?.v ?? "none");
          if (hot++ === 0) {
            for (let v = 1; v <= 20; v++) {
              server.modify("a", "p0", (p) => p.metadata.labels = { v: `${v}` });
            }
            await waitFor(
              () => controller.reflector.get("a/p0")?.metadata.labels?.v === "20",
              5_000,
              "the burst",
            );
            await released;
          }
        } else if (++others === 5) {
          release();
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
        running.delete(key);
        return Action.awaitChange();
      },
      (o) => o.filter((x) => x.key === "a/p0").length === 2 && o.length >= 7,
      { concurrency: 3 },
    );
    assert.ok(most <= 3, `at most 3 at once, saw ${most}`);
    assert.deepEqual(seenHot, ["none", "20"], "once more after the burst, with the latest object");
    assert.equal(new Set(outcomes.map((o) => o.key)).size, 6);
  });
});

Deno.test("controller: Action.requeue reconciles again after its delay, and failures back off per key then reset on success", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const clock = new ManualClock();
    const controller = new Controller(pods, { clock });
    let calls = 0;
    const stop = new AbortController();
    const delays: (number | undefined)[] = [];
    const loop = (async () => {
      for await (
        const outcome of controller.run(() => {
          calls++;
          if (calls === 1) return Promise.resolve(Action.requeue(60_000));
          if (calls <= 4) return Promise.reject(new Error(`failure ${calls}`));
          return Promise.resolve(Action.awaitChange());
        }, { signal: stop.signal })
      ) delays.push(outcome.action.requeueAfterMs);
    })();
    for (const wait of [60_000, 5, 10, 20]) {
      await clock.nextSleep((ms) => ms === wait);
      clock.advance(wait);
    }
    await waitFor(() => calls === 5, 5_000, "the fifth reconcile");
    assert.deepEqual(delays.slice(0, 5), [60_000, 5, 10, 20, undefined]);
    stop.abort();
    await loop;
  });
});

Deno.test("controller: with the generation predicate, changes that leave metadata.generation alone do not reconcile", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x", { metadata: { generation: 1 } });
    const controller = new Controller(pods, { predicate: predicates.generation });
    const seen: string[] = [];
    await runController(controller, (pod) => {
      seen.push(`${pod.metadata.generation} ${pod.metadata.labels?.v ?? ""}`);
      if (seen.length === 1) {
        server.modify("a", "x", (p) => p.metadata.labels = { v: "status-only" });
        server.modify("a", "x", (p) => {
          p.metadata.labels = { v: "spec" };
          p.metadata.generation = 2;
        });
      }
      return Promise.resolve(Action.awaitChange());
    }, (o) => o.length === 2);
    assert.deepEqual(seen, ["1 ", "2 spec"]);
  });
});

Deno.test("controller: on the signal it takes no more keys, lets the reconcile in flight finish, and closes its watches", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    server.create("a", "y");
    const controller = new Controller(pods);
    const stop = new AbortController();
    let finished = 0;
    const outcomes: ReconcileOutcome<Pod>[] = [];
    for await (
      const outcome of controller.run(async () => {
        stop.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished++;
        return Action.awaitChange();
      }, { signal: stop.signal })
    ) outcomes.push(outcome);
    assert.equal(finished, 1, "the reconcile in flight finished; no other started");
    assert.equal(outcomes.length, 1);
    await waitFor(() => server.openWatches === 0, 5_000, "the watch to close");
  });
});

Deno.test("controller: metrics count reconciles, failures and durations, and read as Prometheus text", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "ok");
    server.create("a", "bad");
    const controller = new Controller(Api.v1Pod(pods.client), { name: "pods-test" });
    await runController(
      controller,
      (pod) =>
        pod.metadata.name === "bad"
          ? Promise.reject(new Error("no"))
          : Promise.resolve(Action.awaitChange()),
      (o) => o.length >= 2,
    );
    const m = controller.metrics.snapshot();
    assert.equal(m.controller, "pods-test");
    assert.ok(m.reconciles >= 2);
    assert.ok(m.failures >= 1);
    assert.equal(m.duration.count, m.reconciles);
    assert.deepEqual(m.watches.map((w) => w.resource), ["pods"]);
    const text = controller.metrics.text();
    assert.match(text, /^# TYPE kube_controller_reconciles_total counter$/m);
    assert.match(
      text,
      new RegExp(
        `^kube_controller_reconciles_total\\{controller="pods-test"\\} ${m.reconciles}$`,
        "m",
      ),
    );
    assert.match(
      text,
      /^kube_controller_reconcile_failures_total\{controller="pods-test"\} [1-9]/m,
    );
    assert.match(
      text,
      /^kube_controller_reconcile_duration_seconds_bucket\{controller="pods-test",le="\+Inf"\} \d+$/m,
    );
    assert.match(
      text,
      /^kube_controller_watch_relists_total\{controller="pods-test",resource="pods"\} 0$/m,
    );
    assert.match(text, /^kube_controller_queue_depth\{controller="pods-test"\} \d+$/m);
  });
});

Deno.test("controller: owns() follows the controller ownerReference only, not every owner reference of the primary's kind", async () => {
  await withServer(async (server, pods) => {
    const owner = server.create("a", "owner", { metadata: { labels: { role: "primary" } } });
    const other = server.create("a", "other-owner", { metadata: { labels: { role: "primary" } } });
    const ref = (pod: Pod, controller?: boolean) => ({
      apiVersion: "v1",
      kind: "Pod",
      name: pod.metadata.name!,
      uid: pod.metadata.uid!,
      ...(controller === undefined ? {} : { controller }),
    });
    const primaries = new Reflector(pods, { ...fast, labelSelector: "role=primary" });
    const children = new Reflector(pods, { ...fast, labelSelector: "role=child" });
    const stop = new AbortController();
    const caches = [primaries.start(stop.signal), children.start(stop.signal)];
    const controller = new Controller(primaries).owns(children);
    const seen: string[] = [];
    const loop = (async () => {
      for await (
        const outcome of controller.run((pod) => {
          seen.push(pod.metadata.name!);
          return Promise.resolve(Action.awaitChange());
        }, { signal: stop.signal })
      ) void outcome;
    })();
    await waitFor(() => seen.includes("owner") && seen.includes("other-owner"), 5_000, "both");
    const before = seen.length;
    // The same change stream, in order: a child that other-owner owns without
    // being its controller, then one that owner controls.
    server.create("a", "plain", {
      metadata: { labels: { role: "child" }, ownerReferences: [ref(other), ref(owner, false)] },
    });
    server.create("a", "managed", {
      metadata: {
        labels: { role: "child" },
        ownerReferences: [ref(other, false), ref(owner, true)],
      },
    });
    await waitFor(() => seen.length > before, 5_000, "the managed child's controller");
    stop.abort();
    await Promise.all([loop, ...caches]);
    assert.deepEqual(seen.slice(before), ["owner"], "only the controller of managed, once");
  });
});
