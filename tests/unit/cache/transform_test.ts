import assert from "node:assert/strict";
import { Informer, KubeError, type Pod, Reflector } from "../../../mod.ts";
import { fast, pollRound, versions, withServer } from "../../support/fake_apiserver.ts";

const managedFields = [{ manager: "kubectl", operation: "Apply", fieldsV1: { "f:spec": {} } }];

/** Drops managedFields in place and marks the object, so a test can tell it went through. */
function slim(pod: Pod): Pod {
  delete pod.metadata.managedFields;
  pod.metadata.annotations = { ...pod.metadata.annotations, slimmed: "yes" };
  return pod;
}

const slimmed = (pod: Pod | undefined) =>
  pod !== undefined && pod.metadata.managedFields === undefined &&
  pod.metadata.annotations?.slimmed === "yes";

Deno.test("transform: a reflector stores every object as the transform left it: list items, watch changes and a relist", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x", { metadata: { managedFields } });
    server.create("a", "gone", { metadata: { managedFields } });
    const rf = new Reflector(pods, { ...fast, transform: slim });
    const listed = await rf.poll();
    assert.ok(listed.every((c) => slimmed(c.object)));
    assert.ok(slimmed(rf.get("a/x")) && slimmed(rf.read().get("a/x")));

    const changes = await pollRound(server, () => rf.poll(), () => {
      server.create("a", "new", { metadata: { managedFields } });
      server.modify("a", "x", (p) => p.metadata.labels = { v: "2" });
      server.remove("a", "gone");
    });
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`), [
      "ADDED a/new",
      "MODIFIED a/x",
      "DELETED a/gone",
    ]);
    assert.ok(changes.every((c) => slimmed(c.object)), "deletions too");
    assert.equal(rf.get("a/x")?.metadata.labels?.v, "2");

    server.create("a", "after-compaction", { metadata: { managedFields } });
    server.compact();
    const relisted = await rf.poll();
    assert.deepEqual(relisted.map((c) => `${c.type} ${c.key}`), ["ADDED a/after-compaction"]);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.ok([...rf.read().values()].every(slimmed), "the relist's objects went through it too");
  });
});

Deno.test("transform: a streaming list keeps transformed objects, keyed as the server named them", async () => {
  await withServer(async (server, pods) => {
    server.knobs.streaming = "stream";
    server.create("a", "x", { metadata: { managedFields } });
    server.create("b", "y", { metadata: { managedFields } });
    const rf = new Reflector(pods, { backoff: fast.backoff, transform: slim });
    await rf.poll();
    assert.equal(server.listRequests.length, 0, "streamed, not listed");
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.ok([...rf.read().values()].every(slimmed));
  });
});

Deno.test("transform: a shared reflector hands its subscribers transformed objects", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x", { metadata: { managedFields } });
    const rf = new Reflector(pods, { ...fast, transform: slim });
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await rf.synced({ timeoutMs: 5_000 });
    const subscription = rf.subscribe({ signal: stop.signal });
    server.create("a", "y", { metadata: { managedFields } });
    const seen: Pod[] = [];
    for await (const change of subscription) {
      seen.push(change.object);
      if (seen.length === 2) break;
    }
    stop.abort();
    await running;
    assert.deepEqual(seen.map((p) => p.metadata.name), ["x", "y"]);
    assert.ok(seen.every(slimmed));
  });
});

Deno.test("transform: an informer queues transformed objects, its RESTARTED list included", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "old", { metadata: { managedFields } });
    const inf = new Informer(pods, { ...fast, emitInitialList: true, transform: slim });
    await pollRound(
      server,
      () => inf.poll(),
      () => server.create("a", "new", { metadata: { managedFields } }),
    );
    const restarted = inf.pop();
    assert.equal(restarted?.type, "RESTARTED");
    assert.ok(restarted?.type === "RESTARTED" && restarted.objects.every(slimmed));
    const added = inf.pop();
    assert.ok(added?.type === "ADDED" && slimmed(added.object));
  });
});

Deno.test("transform: one that throws is reported with the object's key and retried; the store keeps what it had", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    let failOn: string | undefined;
    const errors: KubeError[] = [];
    const rf = new Reflector(pods, {
      ...fast,
      onError: (e) => errors.push(e),
      transform: (pod) => {
        if (pod.metadata.name === failOn) throw new Error("no such field");
        return slim(pod);
      },
    });
    failOn = "x";
    await assert.rejects(() => rf.poll(), (e: unknown) => {
      assert.ok(e instanceof KubeError);
      assert.match(e.message, /the transform failed on a\/x: no such field/);
      return true;
    });
    assert.equal(rf.read().size, 0, "nothing of the failed list was kept");
    failOn = undefined;
    await rf.poll();
    assert.ok(slimmed(rf.get("a/x")));

    failOn = "bad";
    const changes = await pollRound(server, () => rf.poll(), () => {
      server.create("a", "good");
      server.create("a", "bad");
    });
    assert.deepEqual(
      changes.map((c) => c.key),
      ["a/good"],
      "applied before the failure, and returned",
    );
    assert.match(errors.at(-1)!.message, /the transform failed on a\/bad/);
    failOn = undefined;
    await pollRound(server, () => rf.poll());
    assert.equal(
      server.watchRequests.at(-1)!.query.get("resourceVersion"),
      server.truth().get("a/good")!.metadata.resourceVersion,
      "resumed after the last change applied, before the one that failed",
    );
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.ok(slimmed(rf.get("a/bad")));
  });
});
