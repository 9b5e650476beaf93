/**
 * applyManifests against an in-process server: the request it sends,
 * kubectl's order, CRDs Established before their custom resources,
 * outcomes, partial failure, namespaces, and the bound on concurrency.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  ApiError,
  applyManifests,
  type ApplyResult,
  type ConfigMap,
  KubeError,
  parseManifests,
} from "../../../../mod.ts";
import { ApplyServer, status } from "./_server.ts";

async function withServer(fn: (server: ApplyServer) => Promise<void>, options = {}): Promise<void> {
  const server = new ApplyServer(options);
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

function lines(results: ApplyResult[]): string[] {
  return results.map((r) =>
    `${r.object.kind}/${r.object.metadata.name} ${r.outcome ?? `error: ${r.error?.message}`}`
  );
}

const APP = `
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: team-a}
data: {mode: fast}
---
apiVersion: clux.dev/v1
kind: Foo
metadata: {name: baz, namespace: team-a}
spec: {name: baz}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: foos.clux.dev}
spec:
  group: clux.dev
  scope: Namespaced
  names: {kind: Foo, plural: foos, singular: foo}
  versions: [{name: v1, served: true, storage: true}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team-a}
spec: {replicas: 1}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
`;

Deno.test("an apply is a PATCH of apply-patch+yaml with the field manager, Strict validation, force and dry run", async () => {
  await withServer(async (server) => {
    using client = server.client();
    const objects = parseManifests(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "1"}\n`,
    );
    await applyManifests(client, objects, { fieldManager: "my-tool" });
    await applyManifests(client, objects, {
      fieldManager: "my-tool",
      force: true,
      dryRun: true,
      fieldValidation: "Warn",
    });
    const [first, second] = server.requests("PATCH");
    assert.equal(first.path, "/api/v1/namespaces/default/configmaps/cfg");
    assert.equal(first.contentType, "application/apply-patch+yaml");
    assert.deepEqual(Object.fromEntries(first.query), {
      fieldManager: "my-tool",
      fieldValidation: "Strict",
    });
    assert.deepEqual(JSON.parse(first.body), {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", namespace: "default" },
      data: { a: "1" },
    });
    assert.deepEqual(Object.fromEntries(second.query), {
      fieldManager: "my-tool",
      force: "true",
      dryRun: "All",
      fieldValidation: "Warn",
    });
    await assert.rejects(
      () => applyManifests(client, objects, { fieldManager: "" }),
      /a fieldManager is required/,
    );
  });
});

Deno.test("Namespaces and CRDs go first; custom resources wait for their CRD to be Established; results keep input order", async () => {
  await withServer(async (server) => {
    using client = server.client();
    const results = await applyManifests(client, parseManifests(APP), { fieldManager: "t" });
    assert.deepEqual(lines(results), [
      "ConfigMap/cfg created",
      "Foo/baz created",
      "CustomResourceDefinition/foos.clux.dev created",
      "Deployment/web created",
      "Namespace/team-a created",
    ]);
    const patches = server.requests("PATCH").map((r) => r.path.split("/").slice(-2).join("/"));
    // The first two, in either order, are the Namespace and the CRD.
    assert.deepEqual(patches.slice(0, 2).sort(), [
      "customresourcedefinitions/foos.clux.dev",
      "namespaces/team-a",
    ]);
    // The Foo went out only after the CRD answered Established.
    const crdGets = server.requests(
      "GET",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/foos.clux.dev",
    );
    assert.ok(crdGets.length >= 3, "polled until Established");
    const fooAt = server.seen.findIndex((r) =>
      r.method === "PATCH" && r.path.endsWith("/foos/baz")
    );
    assert.ok(fooAt > server.seen.indexOf(crdGets.at(-1)!));
    assert.equal(results[1].resource?.plural, "foos");
    assert.equal(results[1].applied?.metadata.namespace, "team-a");
  });
});

Deno.test("outcomes: created, then unchanged, then configured for what changed", async () => {
  await withServer(async (server) => {
    using client = server.client();
    await applyManifests(client, parseManifests(APP), { fieldManager: "t" });
    assert.deepEqual(
      lines(await applyManifests(client, parseManifests(APP), { fieldManager: "t" })).map((l) =>
        l.split(" ")[1]
      ),
      ["unchanged", "unchanged", "unchanged", "unchanged", "unchanged"],
    );
    const changed = APP.replace("mode: fast", "mode: slow");
    const again = await applyManifests(client, parseManifests(changed), { fieldManager: "t" });
    assert.deepEqual(lines(again).map((l) => l.split(" ")[1]), [
      "configured",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    // A dry run says what would happen and stores nothing.
    const stored = structuredClone(server.objects.get("/configmaps/team-a/cfg"));
    const dry = await applyManifests(client, parseManifests(APP), {
      fieldManager: "t",
      dryRun: true,
    });
    assert.equal(dry[0].outcome, "configured");
    assert.deepEqual(server.objects.get("/configmaps/team-a/cfg"), stored);
  });
});

Deno.test("many objects of one resource and namespace are read with one list, and pipelined within the bound", async () => {
  await withServer(async (server) => {
    using client = server.client();
    const text = Array.from(
      { length: 60 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {i: "${i}"}\n`,
    ).join("---\n");
    const results = await applyManifests(client, parseManifests(text), {
      fieldManager: "t",
      concurrency: 5,
    });
    assert.equal(results.filter((r) => r.outcome === "created").length, 60);
    assert.equal(server.requests("GET", "/api/v1/namespaces/default/configmaps").length, 1);
    assert.ok(server.maxInFlight <= 5, `at most 5 at once, saw ${server.maxInFlight}`);
    assert.ok(server.maxInFlight >= 4, `pipelined, saw ${server.maxInFlight}`);
    const again = await applyManifests(client, parseManifests(text), { fieldManager: "t" });
    assert.equal(again.filter((r) => r.outcome === "unchanged").length, 60);
  });
});

Deno.test("one failure never stops the others; each result carries its own error", async () => {
  await withServer(async (server) => {
    using client = server.client();
    server.intercept = (req) =>
      req.method === "PATCH" && req.path.endsWith("/deployments/web")
        ? status(422, "Invalid", `Deployment.apps "web" is invalid: spec.selector: Required value`)
        : undefined;
    const text = APP + `---
apiVersion: v1
kind: Widget
metadata: {name: w}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, namespace: team-b}
---
apiVersion: v1
kind: ConfigMap
metadata: {namespace: team-a}
`;
    const results = await applyManifests(client, parseManifests(text, { source: "app.yaml" }), {
      fieldManager: "t",
    });
    assert.equal(results.length, 8);
    assert.equal(results[0].outcome, "created");
    assert.equal(results[1].outcome, "created");
    const failed = results[3].error;
    assert.ok(failed instanceof ApiError && failed.code === 422);
    assert.equal(results[4].outcome, "created");
    assert.ok(results[5].error instanceof KubeError);
    assert.match(
      results[5].error!.message,
      /Widget w \(app\.yaml document 6 \(line \d+\)\): no kind "Widget" in v1/,
    );
    assert.equal(results[6].outcome, "created", "another namespace is fine when none is given");
    assert.match(results[7].error!.message, /no metadata\.name/);
  });
});

Deno.test("a namespace given to the call fills objects that name none, and refuses one that names another (kubectl's words)", async () => {
  await withServer(async (server) => {
    using client = server.client();
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n` +
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: other}\n---\n` +
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1}\n---\n` +
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n`;
    const results = await applyManifests(client, parseManifests(text), {
      fieldManager: "t",
      namespace: "mine",
    });
    assert.equal(results[0].object.metadata.namespace, "mine");
    assert.equal(results[0].outcome, "created");
    assert.equal(
      results[1].error?.message,
      `ConfigMap b (manifest document 2 (line 5)): the namespace from the provided object "other" does not ` +
        `match the namespace "mine". You must pass '--namespace=other' to perform this operation.`,
    );
    assert.equal(results[2].outcome, "created", results[2].error?.message);
    assert.equal(results[2].object.metadata.namespace, undefined);
    // YAML 1.1, as kubectl reads it: `n` is false.
    assert.match(results[3].error!.message, /metadata\.name is not a string/);
  });
});

Deno.test("a custom resource whose CRD failed is reported so, and a dry run does not wait for a CRD it did not create", async () => {
  await withServer(async (server) => {
    using client = server.client();
    server.intercept = (req) =>
      req.method === "PATCH" && req.path.includes("customresourcedefinitions")
        ? status(422, "Invalid", "CustomResourceDefinition is invalid")
        : undefined;
    const results = await applyManifests(client, parseManifests(APP), { fieldManager: "t" });
    assert.match(
      results[1].error!.message,
      /waits on CustomResourceDefinition foos\.clux\.dev, which failed/,
    );
    server.intercept = () => undefined;
    const dry = await applyManifests(client, parseManifests(APP), {
      fieldManager: "t",
      dryRun: true,
    });
    assert.match(dry[1].error!.message, /no kind "Foo" in clux\.dev\/v1/);
    assert.equal(dry[2].outcome, "created");
  });
});

Deno.test("typed objects are applied as they are, and the server's warnings come with their result", async () => {
  await withServer(async (server) => {
    using client = server.client();
    server.intercept = (req) =>
      req.method === "PATCH"
        ? Response.json(
          {
            ...JSON.parse(req.body),
            metadata: { ...JSON.parse(req.body).metadata, resourceVersion: "1" },
          },
          {
            status: 201,
            headers: { Warning: '299 - "unknown field \\"spec.replica\\"", 299 - "second"' },
          },
        )
        : undefined;
    const cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "typed", namespace: "n" },
      data: { a: "1" },
    };
    const [result] = await applyManifests(client, [cm], { fieldManager: "t" });
    assert.equal(result.outcome, "created");
    assert.deepEqual(result.warnings, ['unknown field "spec.replica"', "second"]);
    assert.deepEqual(JSON.parse(server.requests("PATCH")[0].body), cm);
  });
});
