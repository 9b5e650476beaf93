/**
 * The Controller under failure: whatever a reconcile, a predicate, a mapper
 * or a source does, the caller of `run()` hears of it, the process is never
 * ended by an unhandled rejection, and `run()` stops everything it started.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Action,
  Api,
  Client,
  Controller,
  ControllerError,
  KubeError,
  type Pod,
  predicates,
  type ReconcileOutcome,
  Reflector,
  type Subscription,
} from "../../../mod.ts";
import { Credentials } from "../../../src/config/credentials.ts";
import { type FakeApiServer, waitFor, withServer } from "../../support/fake_apiserver.ts";

/** Runs `controller` until `until` holds, then stops it; returns its outcomes. */
async function runUntil(
  controller: Controller<Pod>,
  reconcile: (pod: Pod) => Promise<Action>,
  until: (outcomes: ReconcileOutcome<Pod>[]) => boolean,
): Promise<ReconcileOutcome<Pod>[]> {
  const outcomes: ReconcileOutcome<Pod>[] = [];
  const stop = new AbortController();
  for await (const outcome of controller.run(reconcile, { signal: stop.signal })) {
    outcomes.push(outcome);
    if (until(outcomes)) stop.abort();
  }
  return outcomes;
}

/** After a run ended: its watches are closed, and a second run works. */
async function assertRunsAgain(server: FakeApiServer, controller: Controller<Pod>) {
  await waitFor(() => server.openWatches === 0, 5_000, "the first run's watches to close");
  const again = await runUntil(
    controller,
    () => Promise.resolve(Action.awaitChange()),
    (o) => o.length >= 1,
  );
  assert.ok(again.length >= 1, "the second run reconciled");
  await waitFor(() => server.openWatches === 0, 5_000, "the second run's watches to close");
}

Deno.test("controller: a reconcile that resolves to no Action counts as a failed reconcile and backs off, and the other keys go on", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "broken");
    server.create("a", "fine");
    const controller = new Controller(pods, { name: "no-action-test" });
    const outcomes = await runUntil(
      controller,
      (pod) =>
        Promise.resolve(
          pod.metadata.name === "broken" ? (undefined as unknown as Action) : Action.awaitChange(),
        ),
      (o) => o.some((x) => x.key === "a/fine") && o.filter((x) => x.key === "a/broken").length >= 2,
    );
    const broken = outcomes.filter((o) => o.key === "a/broken");
    assert.ok(broken[0].error instanceof KubeError, "the outcome carries an error");
    assert.match(String((broken[0].error as Error).message), /a\/broken.*undefined.*not an Action/);
    assert.equal(broken[0].action.requeueAfterMs, 5, "the rate limiter's first delay");
    assert.equal(broken[1].action.requeueAfterMs, 10, "and it doubles");
    assert.equal(outcomes.find((o) => o.key === "a/fine")?.error, undefined);
    const m = controller.metrics.snapshot();
    assert.ok(m.failures >= 2, `failures counted: ${m.failures}`);
    await assertRunsAgain(server, controller);
  });
});

Deno.test("controller: a reconcile that resolves to something else than an Action is a failure too", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const controller = new Controller(pods);
    const outcomes = await runUntil(
      controller,
      () => Promise.resolve({ requeueAfterMs: "soon" } as unknown as Action),
      (o) => o.length >= 1,
    );
    assert.match(String((outcomes[0].error as Error).message), /not an Action/);
  });
});

Deno.test("controller: run() stops what it started when the caller's loop throws, and runs again afterwards", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const controller = new Controller(pods);
    await assert.rejects(async () => {
      for await (const _ of controller.run(() => Promise.resolve(Action.awaitChange()))) {
        throw new Error("the caller's own failure");
      }
    }, /the caller's own failure/);
    await assertRunsAgain(server, controller);
  });
});

Deno.test("controller: an error policy that throws or returns no Action falls back to the rate limiter's backoff", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    server.create("a", "y");
    const controller = new Controller(pods);
    const stop = new AbortController();
    const outcomes: ReconcileOutcome<Pod>[] = [];
    const errors: ControllerError[] = [];
    for await (
      const outcome of controller.run(() => Promise.reject(new Error("reconcile failed")), {
        signal: stop.signal,
        onError: (e) => errors.push(e),
        errorPolicy: (_e, pod) => {
          if (pod.metadata.name === "x") throw new Error("policy failed");
          return undefined as unknown as Action;
        },
      })
    ) {
      outcomes.push(outcome);
      if (new Set(outcomes.map((o) => o.key)).size === 2) stop.abort();
    }
    for (const key of ["a/x", "a/y"]) {
      assert.equal(outcomes.find((o) => o.key === key)?.action.requeueAfterMs, 5, key);
    }
    assert.ok(errors.length >= 2 && errors.every((e) => e.stage === "errorPolicy"));
    assert.match(
      errors.find((e) => e.key === "a/x")!.message,
      /error policy for a\/x threw: policy failed/,
    );
    assert.match(
      errors.find((e) => e.key === "a/y")!.message,
      /resolved to undefined, not an Action/,
    );
  });
});

Deno.test("controller: a predicate that throws on one object is reported with its key, lets that change through, and the other keys keep flowing", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "poison", { metadata: { generation: 1 } });
    server.create("a", "fine", { metadata: { generation: 1 } });
    const controller = new Controller(pods, {
      name: "predicate-test",
      predicate: (pod) => {
        if (pod.metadata.name === "poison") throw new Error("no generation for you");
        return String(pod.metadata.generation);
      },
    });
    const errors: ControllerError[] = [];
    const stop = new AbortController();
    const seen: string[] = [];
    for await (
      const outcome of controller.run((pod) => {
        seen.push(pod.metadata.name!);
        return Promise.resolve(Action.awaitChange());
      }, { signal: stop.signal, onError: (e) => errors.push(e) })
    ) {
      if (outcome.key === "a/fine" && seen.filter((n) => n === "fine").length === 1) {
        server.modify("a", "fine", (p) => p.metadata.generation = 2);
      }
      if (seen.includes("poison") && seen.filter((n) => n === "fine").length === 2) stop.abort();
    }
    assert.ok(errors.length >= 1);
    const e = errors[0];
    assert.ok(e instanceof ControllerError);
    assert.equal(e.stage, "predicate");
    assert.equal(e.key, "a/poison");
    assert.equal(e.resource, "pods");
    assert.equal(e.controller, "predicate-test");
    assert.match(e.message, /predicate-test.*predicate.*pods a\/poison.*no generation for you/);
  });
});

Deno.test("controller: a watches() mapper that throws on one object is reported naming the object and the mapper, and other objects' keys keep flowing", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "target", { metadata: { generation: 1 } });
    server.create("a", "poison", { metadata: { generation: 1 } });
    server.create("a", "other", { metadata: { generation: 1 } });
    const controller = new Controller(pods, { predicate: predicates.generation })
      .watches(Api.v1Pod(pods.client), (pod) => {
        if (pod.metadata.name === "poison") throw new TypeError("cannot map poison");
        return pod.metadata.name === "other" ? [{ name: "target", namespace: "a" }] : [];
      });
    const errors: ControllerError[] = [];
    const stop = new AbortController();
    let targets = 0;
    const loop = (async () => {
      for await (
        const outcome of controller.run(() => Promise.resolve(Action.awaitChange()), {
          signal: stop.signal,
          onError: (e) => errors.push(e),
        })
      ) if (outcome.key === "a/target") targets++;
    })();
    const idle = () => {
      const m = controller.metrics.snapshot();
      return m.queueDepth === 0 && m.active === 0;
    };
    await waitFor(() => errors.length === 1 && targets >= 1 && idle(), 5_000, "the first round");
    const before = targets;
    // Label changes leave the generation alone: only the mapper can wake target.
    server.modify("a", "poison", (p) => p.metadata.labels = { v: "1" });
    server.modify("a", "other", (p) => p.metadata.labels = { v: "1" });
    await waitFor(() => targets > before && errors.length === 2, 5_000, "other mapped to target");
    stop.abort();
    await loop;
    for (const e of errors) {
      assert.ok(e instanceof ControllerError);
      assert.equal(e.stage, "mapper");
      assert.equal(e.key, "a/poison");
      assert.equal(e.resource, "pods");
      assert.match(e.message, /the watches\(\) mapper threw on pods a\/poison: cannot map poison/);
      assert.ok(e.cause instanceof TypeError);
    }
  });
});

/** A pod Api whose keyOf throws on the pod named `poison`: its cache's loop dies on it. */
class PoisonApi extends Api<Pod> {
  override keyOf(object: Pod): string {
    if (object.metadata.name === "poison") throw new TypeError("no key for poison");
    return super.keyOf(object);
  }
}

Deno.test("controller: a source whose watch task dies ends run() with a ControllerError naming it, after stopping everything; a later run is not refused as already running", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    server.create("a", "poison");
    const controller = new Controller(pods).watches(
      new PoisonApi(pods.client, pods.resource),
      () => [],
    );
    const error = await (async () => {
      try {
        for await (const _ of controller.run(() => Promise.resolve(Action.awaitChange()))) {
          // keep going until the run ends
        }
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ControllerError, String(error));
    assert.equal(error.stage, "watch");
    assert.equal(error.resource, "pods");
    assert.match(error.message, /the watch of pods stopped: no key for poison/);
    assert.ok(error.cause instanceof TypeError);
    // The watcher listed before its store refused the poison: the next run watches on.
    await assertRunsAgain(server, controller);
  });
});

Deno.test("controller: a shared source whose changes cannot be followed ends run() with a ControllerError", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const broken = new class extends Reflector<Pod> {
      override subscribe(): Subscription<Pod> {
        const next = () => Promise.reject(new TypeError("the subscription broke"));
        return { [Symbol.asyncIterator]: () => ({ next }) } as unknown as Subscription<Pod>;
      }
    }(pods);
    const controller = new Controller(pods, { name: "shared-test" }).watches(broken, () => []);
    await assert.rejects(
      async () => {
        for await (const _ of controller.run(() => Promise.resolve(Action.awaitChange()))) {
          // keep going until the run ends
        }
      },
      (e) =>
        e instanceof ControllerError && e.stage === "watch" &&
        /controller shared-test: following the changes of pods failed: the subscription broke/
          .test(e.message),
    );
    await waitFor(() => server.openWatches === 0, 5_000, "the primary watch to close");
  });
});

Deno.test("controller: a list page with an item without metadata never ends the process: reported, or thrown from run()", async () => {
  // A broken list page: one item has no metadata at all.
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    if (url.searchParams.get("watch") === "1") {
      // No streaming lists here (the engine falls back to a list), and no watch after it.
      const code = url.searchParams.get("sendInitialEvents") ? 422 : 500;
      return Response.json({ kind: "Status", code, status: "Failure" }, { status: code });
    }
    return Response.json({
      kind: "PodList",
      apiVersion: "v1",
      metadata: { resourceVersion: "7" },
      items: [{ spec: {} }, { metadata: { name: "fine", namespace: "a", resourceVersion: "7" } }],
    });
  });
  const client = new Client({
    source: "test",
    context: "test",
    cluster: "test",
    user: "",
    server: `http://127.0.0.1:${server.addr.port}`,
    namespace: "default",
    credentials: new Credentials(),
  }, { retry: { retries: 0 } });
  try {
    const controller = new Controller(Api.v1Pod(client));
    const stop = new AbortController();
    const reported: ControllerError[] = [];
    let thrown: unknown;
    try {
      for await (
        const _ of controller.run(() => Promise.resolve(Action.awaitChange()), {
          signal: stop.signal,
          onError: (e) => {
            reported.push(e);
            stop.abort();
          },
        })
      ) {
        // keep going until a failure is heard of
      }
    } catch (e) {
      thrown = e;
    }
    assert.ok(
      reported.length > 0 || thrown instanceof ControllerError,
      `heard of: ${reported.map((e) => e.message)} ${thrown}`,
    );
  } finally {
    client.close();
    await server.shutdown();
  }
});
