import assert from "node:assert/strict";
import { Api, ApiError, Client, KubeError } from "../../mod.ts";
import {
  cluster,
  deployment,
  eventually,
  exampleYaml,
  type Foo,
  fooApi,
  LOCAL,
  pod,
  withNamespace,
} from "./_cluster.ts";

Deno.test("e2e config: the written kubeconfig loads and the admin user reaches the server", async () => {
  const { kubeconfig, context } = await cluster();
  using client = await Client.load({ kubeconfig, context });
  const version = await client.json<{ gitVersion: string }>({ path: "/version" });
  assert.match(version.gitVersion, /^v1\.\d+/);
  const namespaces = await client.json<{ items: unknown[] }>({ path: "/api/v1/namespaces" });
  assert.ok(namespaces.items.length > 0);
});

Deno.test({
  name:
    "e2e config: the token user works in its namespace and gets a 403 Forbidden ApiError outside it",
  ignore: !LOCAL && !Deno.env.get("KUBE_E2E_TOKEN_CONTEXT"),
  async fn() {
    const { kubeconfig, tokenContext } = await cluster();
    using client = await Client.load({ kubeconfig, context: tokenContext });
    const mine = Api.v1Pod(client).within(client.namespace);
    const list = await mine.list();
    assert.equal(list.kind, "PodList");
    await assert.rejects(() => Api.v1Pod(client).within("default").list(), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.code, 403);
      assert.equal(e.reason, "Forbidden");
      assert.match(e.message, /cannot list resource "pods"/);
      return true;
    });
  },
});

Deno.test("e2e api: pods are created, read, and listed by label, by field and page by page", async () => {
  await withNamespace(async (ns, client) => {
    const pods = Api.v1Pod(client).within(ns);
    for (let i = 0; i < 5; i++) {
      await pods.create(pod(`p${i}`, { tier: i % 2 ? "odd" : "even" }));
    }
    const got = await pods.get("p3");
    assert.equal(got.metadata.namespace, ns);
    assert.equal(got.kind, "Pod");
    const odd = await pods.list({ labelSelector: "tier=odd" });
    assert.deepEqual(odd.items.map((p) => p.metadata.name).sort(), ["p1", "p3"]);
    assert.ok(odd.items.every((p) => p.apiVersion === "v1" && p.kind === "Pod"));
    const byName = await pods.list({ fieldSelector: "metadata.name=p4" });
    assert.deepEqual(byName.items.map((p) => p.metadata.name), ["p4"]);
    const page = await pods.list({ limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.metadata.continue, "a continue token for the next page");
    const all = await pods.listAll({ limit: 2 });
    assert.deepEqual(all.items.map((p) => p.metadata.name).sort(), ["p0", "p1", "p2", "p3", "p4"]);
    await assert.rejects(
      () => pods.get("nope"),
      (e: unknown) => e instanceof ApiError && e.code === 404,
    );
  });
});

Deno.test("e2e api: replace with a stale resourceVersion is a 409 Conflict", async () => {
  await withNamespace(async (ns, client) => {
    const cms = Api.v1ConfigMap(client).within(ns);
    const created = await cms.create({ metadata: { name: "c" }, data: { v: "0" } });
    const fresh = await cms.replace("c", { ...created, data: { v: "1" } });
    assert.equal(fresh.data?.v, "1");
    await assert.rejects(
      () => cms.replace("c", { ...created, data: { v: "2" } }),
      (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, 409);
        assert.equal(e.reason, "Conflict");
        return true;
      },
    );
    assert.equal((await cms.get("c")).data?.v, "1");
  });
});

Deno.test("e2e api: merge, strategic merge and JSON patches change a deployment", async () => {
  await withNamespace(async (ns, client) => {
    const deployments = Api.v1Deployment(client).within(ns);
    await deployments.create(deployment("web"));
    const merged = await deployments.patch("web", {
      type: "merge",
      body: { spec: { replicas: 2 } },
    });
    assert.equal(merged.spec?.replicas, 2);
    // Strategic merge adds a container by name instead of replacing the list.
    const strategic = await deployments.patch("web", {
      type: "strategic",
      body: {
        spec: {
          template: {
            spec: { containers: [{ name: "side", image: "registry.k8s.io/pause:3.10" }] },
          },
        },
      },
    });
    assert.deepEqual(strategic.spec?.template.spec?.containers.map((c) => c.name).sort(), [
      "main",
      "side",
    ]);
    const json = await deployments.patch("web", {
      type: "json",
      body: [
        { op: "test", path: "/spec/replicas", value: 2 },
        { op: "replace", path: "/spec/replicas", value: 3 },
      ],
    });
    assert.equal(json.spec?.replicas, 3);
    const dry = await deployments.patch("web", { type: "merge", body: { spec: { replicas: 9 } } }, {
      dryRun: true,
    });
    assert.equal(dry.spec?.replicas, 9);
    assert.equal((await deployments.get("web")).spec?.replicas, 3, "dryRun persisted nothing");
  });
});

Deno.test("e2e api: server-side apply conflicts with another field manager unless forced", async () => {
  await withNamespace(async (ns, client) => {
    const deployments = Api.v1Deployment(client).within(ns);
    const body = { apiVersion: "apps/v1", kind: "Deployment", ...deployment("web", 1) };
    await deployments.patch("web", { type: "apply", fieldManager: "alice", body });
    const bobs = { ...body, spec: { ...body.spec!, replicas: 4 } };
    await assert.rejects(
      () => deployments.patch("web", { type: "apply", fieldManager: "bob", body: bobs }),
      (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, 409);
        assert.match(e.message, /conflict/i);
        return true;
      },
    );
    const forced = await deployments.patch("web", {
      type: "apply",
      fieldManager: "bob",
      force: true,
      body: bobs,
    });
    assert.equal(forced.spec?.replicas, 4);
    assert.ok(forced.metadata.managedFields?.some((f) => f.manager === "bob"));
  });
});

Deno.test("e2e api: the status subresource reads and writes status only", async () => {
  await withNamespace(async (ns, client) => {
    const foos = await fooApi(client, ns);
    await foos.create({ metadata: { name: "s" }, spec: { name: "s" } });
    const patched = await foos.patchStatus("s", {
      type: "merge",
      body: { status: { ready: true }, spec: { name: "changed" } },
    });
    assert.equal(patched.status?.ready, true);
    assert.equal(patched.spec?.name, "s", "spec changes through /status are ignored");
    const read = await foos.getStatus("s");
    const replaced = await foos.replaceStatus("s", { ...read, status: { ready: true, seen: 2 } });
    assert.equal(replaced.status?.seen, 2);
    const written = await foos.replace("s", { ...replaced, status: { seen: 99 } });
    assert.equal(written.status?.seen, 2, "status changes through the main resource are ignored");
  });
});

Deno.test("e2e api: delete with a propagation policy, and deleteCollection by label", async () => {
  await withNamespace(async (ns, client) => {
    const pods = Api.v1Pod(client).within(ns);
    for (const name of ["a", "b", "c"]) {
      await pods.create(pod(name, { group: name === "c" ? "keep" : "drop" }));
    }
    await pods.delete("a", { propagationPolicy: "Background", gracePeriodSeconds: 0 });
    await pods.deleteCollection({ labelSelector: "group=drop", gracePeriodSeconds: 0 });
    await eventually("only c to remain", async () => {
      const left = (await pods.list()).items.map((p) => p.metadata.name);
      return left.length === 1 && left[0] === "c";
    });
    await assert.rejects(
      () => pods.delete("c", { preconditions: { uid: "not-the-uid" } }),
      (e: unknown) => e instanceof ApiError && e.code === 409,
    );
  });
});

Deno.test("e2e api: nodes are cluster-scoped", async () => {
  using client = await Client.load({
    kubeconfig: (await cluster()).kubeconfig,
    context: (await cluster()).context,
  });
  const nodes = Api.v1Node(client);
  const list = await nodes.list();
  assert.ok(list.items.length > 0, "the cluster has a node");
  const first = await nodes.get(list.items[0].metadata.name!);
  assert.equal(first.kind, "Node");
  assert.equal(first.metadata.namespace, undefined);
  assert.throws(() => nodes.within("default"), KubeError);
});

Deno.test("e2e api: the Foo CRD from examples/foo.yaml becomes Established and serves Foo objects", async () => {
  await withNamespace(async (ns, client) => {
    const foos = await fooApi(client, ns);
    const [baz] = await exampleYaml<Foo>("crd-baz.yaml");
    await foos.create(baz);
    assert.equal((await foos.get("baz")).spec?.name, "baz");
    await assert.rejects(
      () => foos.patch("baz", { type: "strategic", body: { spec: { info: "x" } } }),
      (e: unknown) => e instanceof ApiError && e.code === 415 && /merge-patch/.test(e.message),
      "the server refuses a strategic merge patch of a custom resource",
    );
    const merged = await foos.patch("baz", { type: "merge", body: { spec: { info: "merged" } } });
    assert.equal(merged.spec?.info, "merged");
    const listed = await foos.list();
    assert.deepEqual(listed.items.map((f) => `${f.apiVersion} ${f.kind} ${f.metadata.name}`), [
      "clux.dev/v1 Foo baz",
    ]);
  });
});
