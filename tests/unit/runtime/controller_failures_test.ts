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
  Controller,
  ControllerError,
  KubeError,
  type Pod,
  predicates,
  type ReconcileOutcome,
} from "../../../mod.ts";
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
