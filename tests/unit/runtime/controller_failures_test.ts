/**
 * The Controller under failure: whatever a reconcile, a predicate, a mapper
 * or a source does, the caller of `run()` hears of it, the process is never
 * ended by an unhandled rejection, and `run()` stops everything it started.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Action, Controller, KubeError, type Pod, type ReconcileOutcome } from "../../../mod.ts";
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
    for await (
      const outcome of controller.run(() => Promise.reject(new Error("reconcile failed")), {
        signal: stop.signal,
        errorPolicy: (_e, pod) => {
          if (pod.metadata.name === "x") throw new Error("policy failed");
          return undefined as unknown as Action;
        },
      })
    ) {
      outcomes.push(outcome);
      if (outcomes.length >= 2) stop.abort();
    }
    for (const o of outcomes) assert.equal(o.action.requeueAfterMs, 5, o.key);
  });
});
