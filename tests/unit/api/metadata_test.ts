import assert from "node:assert/strict";
import {
  Action,
  Api,
  ApiError,
  Controller,
  Informer,
  type PartialObjectMetadata,
  type Pod,
  Reflector,
} from "../../../mod.ts";
import { fast, pollRound, versions, withServer } from "../../support/fake_apiserver.ts";

const LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
const OBJECT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

const spec = { containers: [{ name: "c", image: "busybox" }] };
const owner = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8", uid: "0b1c" };

function metadataOnly(object: PartialObjectMetadata | undefined): boolean {
  return object?.apiVersion === "meta.k8s.io/v1" && object.kind === "PartialObjectMetadata" &&
    !("spec" in object) && !("status" in object);
}

Deno.test("metadata: a reflector on asMetadata() lists and watches with the metadata Accept headers and holds PartialObjectMetadata", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "web", {
      metadata: { ownerReferences: [owner], labels: { app: "web" } },
      spec,
    });
    server.create("b", "db", { spec });
    const rf: Reflector<PartialObjectMetadata> = new Reflector(pods.asMetadata(), {
      ...fast,
      pageSize: 1,
    });
    await rf.poll();
    assert.deepEqual(server.listRequests.map((r) => r.accept), [LIST, LIST], "every page");
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    const web = rf.get("a/web");
    assert.ok(metadataOnly(web), "items carry the PartialObjectMetadata kind");
    assert.equal(web?.metadata.ownerReferences?.[0].name, "web-5d8");
    assert.equal(web?.metadata.labels?.app, "web");

    const changes = await pollRound(server, () => rf.poll(), () => {
      server.create("a", "new", { spec });
      server.modify("b", "db", (p) => p.metadata.finalizers = ["example.com/keep"]);
      server.remove("a", "web");
    });
    assert.deepEqual(server.watchRequests.map((r) => r.accept), [OBJECT]);
    assert.deepEqual(changes.map((c) => `${c.type} ${c.key}`), [
      "ADDED a/new",
      "MODIFIED b/db",
      "DELETED a/web",
    ]);
    assert.ok(changes.every((c) => metadataOnly(c.object)), "watch events are metadata only too");
    assert.deepEqual(rf.get("b/db")?.metadata.finalizers, ["example.com/keep"]);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
  });
});

Deno.test("metadata: a streaming list with the metadata Accept header ends at its bookmark, as with whole objects", async () => {
  await withServer(async (server, pods) => {
    server.knobs.streaming = "stream";
    server.create("a", "x", { spec });
    const rf = new Reflector(pods.asMetadata(), { backoff: fast.backoff });
    await rf.poll();
    assert.equal(server.listRequests.length, 0, "streamed, not listed");
    assert.equal(server.watchRequests[0].query.get("sendInitialEvents"), "true");
    assert.equal(server.watchRequests[0].accept, OBJECT);
    assert.equal(rf.resourceVersion, server.resourceVersion);
    assert.ok(metadataOnly(rf.get("a/x")));
  });
});

Deno.test("metadata: an informer on asMetadata() queues PartialObjectMetadata", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods.asMetadata(), { ...fast, emitInitialList: true });
    await pollRound(server, () => inf.poll(), () => server.create("a", "x", { spec }));
    assert.equal(inf.pop()?.type, "RESTARTED");
    const added = inf.pop();
    assert.ok(added?.type === "ADDED" && metadataOnly(added.object));
  });
});

Deno.test("metadata: get sends the PartialObjectMetadata Accept header; within() keeps it, and the plain handle is unchanged", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x", { spec });
    const meta = pods.asMetadata();
    assert.ok(meta.metadataOnly);
    assert.ok(!pods.metadataOnly);
    const scoped = meta.within("a");
    assert.ok(scoped.metadataOnly);
    const got = await scoped.get("x");
    assert.ok(metadataOnly(got));
    assert.equal(server.requests.at(-1)?.accept, OBJECT);
    const whole: Pod = await pods.within("a").get("x");
    assert.equal(whole.kind, "Pod");
    assert.equal(server.requests.at(-1)?.accept, "application/json");
    const page = await scoped.list();
    assert.equal(page.kind, "PartialObjectMetadataList");
    assert.ok(page.items.every(metadataOnly));
    // @ts-expect-error: a PartialObjectMetadata has no spec to read containers from.
    assert.equal(got.spec?.containers, undefined);
  });
});

Deno.test("metadata: any handle has a metadata-only twin, cluster-scoped and custom ones included", async () => {
  await withServer(async (server) => {
    const client = server.client();
    try {
      const nodes = Api.v1Node(client).asMetadata();
      assert.equal(nodes.resource.kind, "Node");
      assert.ok(nodes.metadataOnly);
      const foos = Api.custom(client, {
        group: "clux.dev",
        version: "v1",
        kind: "Foo",
        plural: "foos",
        namespaced: true,
      }).asMetadata().within("default");
      assert.ok(foos.metadataOnly);
      await assert.rejects(
        () => foos.list(),
        (e: unknown) => e instanceof ApiError && e.code === 404,
      );
      assert.equal(server.requests.at(-1)?.accept, LIST);
    } finally {
      client.close();
    }
  });
});

Deno.test("metadata: a controller reconciles PartialObjectMetadata from a metadata-only handle", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x", { spec });
    server.create("a", "y", { spec });
    const controller = new Controller(pods.asMetadata());
    const seen: string[] = [];
    const stop = new AbortController();
    for await (
      const _ of controller.run((object) => {
        assert.ok(metadataOnly(object));
        seen.push(object.metadata.name!);
        return Promise.resolve(Action.awaitChange());
      }, { signal: stop.signal })
    ) if (seen.length === 2) stop.abort();
    assert.deepEqual(seen.sort(), ["x", "y"]);
    assert.ok(server.listRequests.every((r) => r.accept === LIST));
  });
});
