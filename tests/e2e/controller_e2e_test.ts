/**
 * The Controller on a real API server: the generation predicate, and one
 * worker per key under a burst of changes.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Action, Controller, predicates, type ReconcileOutcome } from "../../mod.ts";
import { eventually, type Foo, fooApi, withNamespace } from "./_cluster.ts";

Deno.test("e2e controller: with the generation predicate a status-only update does not reconcile, a spec change does", async () => {
  await withNamespace(async (ns, client) => {
    const foos = await fooApi(client, ns);
    await foos.create({ metadata: { name: "a" }, spec: { name: "a" } });
    const controller = new Controller(foos, { predicate: predicates.generation });
    const stop = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (
        const _ of controller.run((foo) => {
          seen.push(`${foo.metadata.generation} ${foo.spec?.info ?? ""}`);
          return Promise.resolve(Action.awaitChange());
        }, { signal: stop.signal })
      );
    })();
    try {
      await eventually("the first reconcile", () => seen.length === 1);
      const statusOnly = await foos.patchStatus("a", {
        type: "merge",
        body: { status: { seen: 1 } },
      });
      await eventually(
        "the cache to see the status update",
        () =>
          controller.reflector.get(`${ns}/a`)?.metadata.resourceVersion ===
            statusOnly.metadata.resourceVersion,
      );
      await foos.patch("a", { type: "merge", body: { spec: { info: "v2" } } });
      await eventually("the spec change to reconcile", () => seen.length === 2);
      assert.deepEqual(seen, ["1 ", "2 v2"]);
    } finally {
      stop.abort();
      await loop;
    }
  });
});

Deno.test("e2e controller: under a burst of changes no object is reconciled by two workers at once, and the last change is reconciled", async () => {
  await withNamespace(async (ns, client) => {
    const foos = await fooApi(client, ns);
    for (const name of ["a", "b", "c"]) await foos.create({ metadata: { name }, spec: { name } });
    const controller = new Controller(foos);
    const stop = new AbortController();
    const running = new Set<string>();
    const overlaps: string[] = [];
    const last = new Map<string, string | undefined>();
    const outcomes: ReconcileOutcome<Foo>[] = [];
    const loop = (async () => {
      for await (
        const outcome of controller.run(async (foo, ctx) => {
          if (running.has(ctx.key)) overlaps.push(ctx.key);
          running.add(ctx.key);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running.delete(ctx.key);
          last.set(ctx.key, foo.spec?.info);
          return Action.awaitChange();
        }, { concurrency: 4, signal: stop.signal })
      ) outcomes.push(outcome);
    })();
    try {
      await eventually("the first reconciles", () => last.size === 3);
      await Promise.all(["a", "b", "c"].map(async (name) => {
        for (let i = 1; i <= 15; i++) {
          await foos.patch(name, { type: "merge", body: { spec: { info: `${i}` } } });
        }
      }));
      await eventually(
        "every object's last change to be reconciled",
        () => ["a", "b", "c"].every((name) => last.get(`${ns}/${name}`) === "15"),
      );
      assert.deepEqual(overlaps, [], "no key was reconciled twice at once");
      assert.ok(outcomes.length < 3 + 45, `changes were coalesced: ${outcomes.length} reconciles`);
    } finally {
      stop.abort();
      await loop;
    }
  });
});
