/**
 * ApplySets against an in-process server: the id, the parent's labels and
 * annotations, member labels, pruning after a full success only, and the
 * refusal of another tool's set.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  applyManifests,
  type ApplyResult,
  APPLYSET_GROUP_KINDS_ANNOTATION,
  APPLYSET_ID_LABEL,
  APPLYSET_NAMESPACES_ANNOTATION,
  APPLYSET_PART_OF_LABEL,
  APPLYSET_TOOLING_ANNOTATION,
  applySetId,
  parseManifests,
} from "../../../../mod.ts";
import { ApplyServer, BUILT_INS, status } from "./_server.ts";

/** The id as the KEP defines it, computed here with node's crypto. */
function expectedId(name: string, namespace: string, kind: string, group: string): string {
  const digest = createHash("sha256").update(`${name}.${namespace}.${kind}.${group}`).digest(
    "base64url",
  );
  return `applyset-${digest}-v1`;
}

Deno.test("the id is applyset- + base64url(sha256(NAME.NAMESPACE.KIND.GROUP)) + -v1, unpadded", async () => {
  for (
    const ref of [
      { name: "my-set", namespace: "default", kind: "Secret", group: "" },
      { name: "app", namespace: "team-a", kind: "ConfigMap", group: "" },
      { name: "cluster-wide", namespace: "", kind: "Foo", group: "clux.dev" },
    ]
  ) {
    const id = await applySetId(ref);
    assert.equal(id, expectedId(ref.name, ref.namespace, ref.kind, ref.group));
    assert.ok(!id.includes("=") && !id.includes("+") && !id.includes("/"));
  }
});

const cm = (name: string, namespace = "team-a") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${namespace}}\ndata: {k: v}\n`;
const deploy = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: team-a}\nspec: {replicas: 1}\n`;
const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

function outcomes(results: ApplyResult[]): string[] {
  return results.map((r) =>
    `${r.object.kind}/${r.object.metadata.name} ${r.outcome ?? `error: ${r.error?.message}`}`
  );
}

Deno.test("members are labelled, the parent records group-kinds and other namespaces, and what leaves the set is pruned", async () => {
  const server = new ApplyServer();
  using client = server.client();
  try {
    const applySet = { kind: "ConfigMap", name: "app", namespace: "team-a" };
    const id = expectedId("app", "team-a", "ConfigMap", "");
    const first = [ns("team-b"), cm("a"), cm("b", "team-b"), deploy("web")].join("---\n");
    const results = await applyManifests(client, parseManifests(first), {
      fieldManager: "t",
      applySet,
      prune: true,
    });
    assert.deepEqual(outcomes(results), [
      "Namespace/team-b created",
      "ConfigMap/a created",
      "ConfigMap/b created",
      "Deployment/web created",
    ]);
    for (const r of results) assert.equal(r.applied?.metadata.labels?.[APPLYSET_PART_OF_LABEL], id);
    const parent = server.objects.get("/configmaps/team-a/app");
    assert.equal(parent.metadata.labels[APPLYSET_ID_LABEL], id);
    assert.deepEqual(parent.metadata.annotations, {
      [APPLYSET_TOOLING_ANNOTATION]: "kube/v0.1.0",
      [APPLYSET_GROUP_KINDS_ANNOTATION]: "ConfigMap,Deployment.apps,Namespace",
      [APPLYSET_NAMESPACES_ANNOTATION]: "team-b",
    });
    const parentWrite = server.requests("PATCH", "/api/v1/namespaces/team-a/configmaps/app")[0];
    assert.equal(parentWrite.query.get("fieldManager"), "kube-applyset");

    // b and the Deployment leave the set; c joins. A dry run first: it deletes nothing.
    const second = [ns("team-b"), cm("a"), cm("c")].join("---\n");
    const dry = await applyManifests(client, parseManifests(second), {
      fieldManager: "t",
      applySet,
      prune: true,
      dryRun: true,
    });
    assert.deepEqual(outcomes(dry).slice(3), ["ConfigMap/b pruned", "Deployment/web pruned"]);
    assert.ok(server.objects.has("/configmaps/team-b/b"));
    assert.ok(server.objects.has("apps/deployments/team-a/web"));
    const pruned = await applyManifests(client, parseManifests(second), {
      fieldManager: "t",
      applySet,
      prune: true,
    });
    assert.deepEqual(outcomes(pruned), [
      "Namespace/team-b unchanged",
      "ConfigMap/a unchanged",
      "ConfigMap/c created",
      "ConfigMap/b pruned",
      "Deployment/web pruned",
    ]);
    assert.equal(server.objects.has("/configmaps/team-b/b"), false);
    assert.equal(server.objects.has("apps/deployments/team-a/web"), false);
    assert.deepEqual(server.objects.get("/configmaps/team-a/app").metadata.annotations, {
      [APPLYSET_TOOLING_ANNOTATION]: "kube/v0.1.0",
      [APPLYSET_GROUP_KINDS_ANNOTATION]: "ConfigMap,Namespace",
      [APPLYSET_NAMESPACES_ANNOTATION]: "",
    });
    // An object of the set's kinds that is not a member is never touched.
    server.put("/configmaps/team-a/bystander", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "bystander", namespace: "team-a" },
    });
    const third = await applyManifests(client, parseManifests(cm("a")), {
      fieldManager: "t",
      applySet,
      prune: true,
    });
    assert.deepEqual(outcomes(third), [
      "ConfigMap/a unchanged",
      "ConfigMap/c pruned",
      "Namespace/team-b pruned",
    ]);
    assert.ok(server.objects.has("/configmaps/team-a/bystander"));
  } finally {
    await server.close();
  }
});

Deno.test("nothing is pruned when an apply fails, and the parent keeps the superset", async () => {
  const server = new ApplyServer();
  using client = server.client();
  try {
    const applySet = { name: "app", namespace: "team-a" };
    await applyManifests(client, parseManifests([cm("a"), deploy("web")].join("---\n")), {
      fieldManager: "t",
      applySet,
      prune: true,
    });
    // The default parent is a Secret.
    const parent = () => server.objects.get("/secrets/team-a/app");
    assert.equal(
      parent().metadata.labels[APPLYSET_ID_LABEL],
      expectedId("app", "team-a", "Secret", ""),
    );
    server.intercept = (req) =>
      req.method === "PATCH" && req.path.endsWith("/configmaps/b")
        ? status(422, "Invalid", "no")
        : undefined;
    const results = await applyManifests(client, parseManifests([cm("a"), cm("b")].join("---\n")), {
      fieldManager: "t",
      applySet,
      prune: true,
    });
    assert.equal(results.length, 2, "no pruned results");
    assert.ok(results[1].error);
    assert.ok(server.objects.has("apps/deployments/team-a/web"));
    assert.equal(
      parent().metadata.annotations[APPLYSET_GROUP_KINDS_ANNOTATION],
      "ConfigMap,Deployment.apps",
    );
  } finally {
    await server.close();
  }
});

Deno.test("a set another tool manages is refused before anything is applied, unless adopted", async () => {
  const server = new ApplyServer();
  using client = server.client();
  try {
    server.put("/configmaps/team-a/app", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "app",
        namespace: "team-a",
        labels: { [APPLYSET_ID_LABEL]: expectedId("app", "team-a", "ConfigMap", "") },
        annotations: {
          [APPLYSET_TOOLING_ANNOTATION]: "kubectl/v1.32.4",
          [APPLYSET_GROUP_KINDS_ANNOTATION]: "ConfigMap",
        },
      },
    });
    const applySet = { kind: "ConfigMap", name: "app", namespace: "team-a" };
    await assert.rejects(
      () =>
        applyManifests(client, parseManifests(cm("a")), {
          fieldManager: "t",
          applySet,
          prune: true,
        }),
      /ApplySet parent configmaps\/app in namespace team-a is managed by tooling "kubectl", not "kube"/,
    );
    assert.equal(server.requests("PATCH").length, 0);
    const adopted = await applyManifests(client, parseManifests(cm("a")), {
      fieldManager: "t",
      applySet: { ...applySet, adopt: true },
      prune: true,
    });
    assert.deepEqual(outcomes(adopted), ["ConfigMap/a created"]);
    assert.equal(
      server.objects.get("/configmaps/team-a/app").metadata
        .annotations[APPLYSET_TOOLING_ANNOTATION],
      "kube/v0.1.0",
    );
    // A plain ConfigMap is no ApplySet.
    server.put("/configmaps/team-a/plain", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "plain", namespace: "team-a" },
    });
    await assert.rejects(
      () =>
        applyManifests(client, parseManifests(cm("a")), {
          fieldManager: "t",
          applySet: { kind: "ConfigMap", name: "plain", namespace: "team-a" },
        }),
      /has no applyset\.kubernetes\.io\/tooling annotation/,
    );
    // An input that sets the member label itself is refused, as kubectl refuses it.
    const labelled = parseManifests(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: team-a, labels: {${APPLYSET_PART_OF_LABEL}: mine}}\n`,
    );
    const [refused] = await applyManifests(client, labelled, {
      fieldManager: "t",
      applySet: { ...applySet },
    });
    assert.match(refused.error!.message, /already set in the input/);
    await assert.rejects(
      () => applyManifests(client, labelled, { fieldManager: "t", prune: true }),
      /prune needs an applySet/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("a custom resource parent must exist and its CRD must allow it as a parent", async () => {
  const appSets = {
    group: "clux.dev",
    version: "v1",
    kind: "AppSet",
    plural: "appsets",
    namespaced: false,
  };
  const server = new ApplyServer({ resources: [...BUILT_INS, appSets] });
  using client = server.client();
  try {
    const applySet = { kind: "AppSet", apiVersion: "clux.dev/v1", name: "mine" };
    const crdKey = "apiextensions.k8s.io/customresourcedefinitions//appsets.clux.dev";
    server.put(crdKey, {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "appsets.clux.dev" },
    });
    await assert.rejects(
      () => applyManifests(client, parseManifests(cm("a")), { fieldManager: "t", applySet }),
      /AppSet \(appsets\.clux\.dev\) cannot be an ApplySet parent: its CustomResourceDefinition lacks the applyset\.kubernetes\.io\/is-parent-type label/,
    );
    server.objects.get(crdKey).metadata.labels = {
      "applyset.kubernetes.io/is-parent-type": "true",
    };
    await assert.rejects(
      () => applyManifests(client, parseManifests(cm("a")), { fieldManager: "t", applySet }),
      /ApplySet parent appsets\.clux\.dev\/mine does not exist: a custom resource parent must be created before the apply/,
    );
    server.put("clux.dev/appsets//mine", {
      apiVersion: "clux.dev/v1",
      kind: "AppSet",
      metadata: { name: "mine" },
    });
    const results = await applyManifests(client, parseManifests(cm("a")), {
      fieldManager: "t",
      applySet: { ...applySet, adopt: true },
      prune: true,
    });
    assert.deepEqual(outcomes(results), ["ConfigMap/a created"]);
    const parent = server.objects.get("clux.dev/appsets//mine");
    // Cluster-scoped: the id's namespace part is empty, and every member namespace is "additional".
    assert.equal(
      parent.metadata.labels[APPLYSET_ID_LABEL],
      expectedId("mine", "", "AppSet", "clux.dev"),
    );
    assert.equal(parent.metadata.annotations[APPLYSET_NAMESPACES_ANNOTATION], "team-a");
  } finally {
    await server.close();
  }
});
