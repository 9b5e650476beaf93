import assert from "node:assert/strict";
import {
  type CacheOptions,
  customResource,
  Informer,
  type InformerEvent,
  InvalidObjectError,
  type KubeError,
  type ObjectIssue,
  type Pod,
  Reflector,
  s,
} from "../../../mod.ts";
import { fast, pollRound, withServer } from "../../support/fake_apiserver.ts";

/** A check that refuses pods labelled `valid: "no"`, as a schema would refuse a bad field. */
function check(pod: Pod): ObjectIssue[] {
  return pod.metadata.labels?.valid === "no"
    ? [{ message: "must not be no", path: ["metadata", "labels", "valid"] }]
    : [];
}

const invalid = { metadata: { labels: { valid: "no" } } } as Partial<Pod>;

Deno.test("reflector with a check: an object that fails never reaches the store, and is reported with its key and path", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "good");
    server.create("a", "bad", invalid);
    const errors: KubeError[] = [];
    const rf = new Reflector(pods, { ...fast, validate: check, onError: (e) => errors.push(e) });
    const changes = await rf.poll();
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`), ["ADDED a/good"]);
    assert.deepEqual([...rf.read().keys()], ["a/good"]);
    assert.equal(rf.health().rejected, 1, "counted in the health signal");
    assert.equal(errors.length, 1);
    const error = errors[0] as InvalidObjectError;
    assert.ok(error instanceof InvalidObjectError);
    assert.equal(error.key, "a/bad");
    assert.equal(
      error.message,
      "pods a/bad does not pass its check and is left out of the cache: metadata.labels.valid: must not be no",
    );
  });
});

Deno.test("reflector with a check: a version that fails drops the key's earlier version until one that passes arrives", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const errors: KubeError[] = [];
    const rf = new Reflector(pods, { ...fast, validate: check, onError: (e) => errors.push(e) });
    await rf.poll();
    const before = rf.get("a/x")!;
    const dropped = await pollRound(server, () => rf.poll(), () => {
      server.modify("a", "x", (p) => p.metadata.labels = { valid: "no" });
    });
    assert.deepEqual(dropped.map((c) => `${c.type} ${c.key}`), ["DELETED a/x"]);
    assert.equal(dropped[0].object, before, "the deletion carries the last version that passed");
    assert.equal(rf.get("a/x"), undefined);
    assert.equal(rf.health().rejected, 1);
    assert.equal(errors.length, 1);
    const back = await pollRound(server, () => rf.poll(), () => {
      server.modify("a", "x", (p) => p.metadata.labels = { valid: "yes" });
    });
    assert.deepEqual(back.map((c) => `${c.type} ${c.key}`), ["ADDED a/x"]);
    assert.equal(rf.get("a/x")?.metadata.labels?.valid, "yes");
    assert.equal(rf.health().rejected, 0, "a version that passes ends the count");
    // Deletions are not checked: the server's word that it is gone is enough.
    const gone = await pollRound(server, () => rf.poll(), () => {
      server.modify("a", "x", (p) => p.metadata.labels = { valid: "no" });
      server.remove("a", "x");
    });
    assert.deepEqual(gone.map((c) => `${c.type} ${c.key}`), ["DELETED a/x"]);
    assert.equal(rf.health().rejected, 0, "a deletion ends it too");
  });
});

Deno.test("informer with a check: failing objects are left out of events and the initial list, and reported", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "good");
    server.create("a", "bad", invalid);
    const errors: KubeError[] = [];
    const inf = new Informer(pods, {
      ...fast,
      emitInitialList: true,
      validate: check,
      onError: (e) => errors.push(e),
    });
    await pollRound(server, () => inf.poll(), () => {
      server.create("a", "worse", invalid);
      server.create("a", "fine");
    });
    const events: InformerEvent<Pod>[] = [];
    for (let ev = inf.pop(); ev; ev = inf.pop()) events.push(ev);
    assert.deepEqual(
      events.map((e) =>
        e.type === "RESTARTED"
          ? `RESTARTED ${e.objects.map((o) => o.metadata.name).join(",")}`
          : `${e.type} ${e.type === "ERROR" ? "" : e.object.metadata.name}`
      ),
      ["RESTARTED good", "ADDED fine"],
    );
    assert.deepEqual(errors.map((e) => (e as InvalidObjectError).key), ["a/bad", "a/worse"]);
    assert.equal(inf.health().rejected, 2);
  });
});

Deno.test("without a check, health has no rejected count", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "bad", invalid);
    const rf = new Reflector(pods, fast);
    await rf.poll();
    assert.equal(rf.health().rejected, undefined);
    assert.equal(rf.read().size, 1);
  });
});

Deno.test("a custom resource's validate is a cache check as it is", () => {
  const Widget = customResource({
    group: "example.com",
    version: "v1",
    kind: "Widget",
    scope: "Namespaced",
    spec: s.object({ size: s.integer() }),
  });
  const options: CacheOptions<typeof Widget.Type> = { validate: Widget.validate };
  assert.deepEqual(options.validate!({ metadata: {}, spec: { size: "1" } } as never), [
    { message: "must be of type integer, not string", path: ["spec", "size"] },
  ]);
});
