import assert from "node:assert/strict";
import {
  Api,
  type Client,
  conditions,
  finalizer,
  FinalizerError,
  type Job,
  type KubeObject,
  waitFor,
} from "../../mod.ts";
import { adminClient, deployment, type Foo, fooApi, pod, withNamespace } from "./_cluster.ts";

const { isCrdEstablished, isDeleted, isDeploymentRolledOut, isJobCompleted, isPodRunning } =
  conditions;

const OURS = "kube.example/cleanup";
const OTHER = "other.example/keep";
const WAIT = { timeoutMs: 25_000 };

/**
 * Runs `fn` with the Foos of a fresh namespace, then strips every Foo's
 * finalizers, so that no failed test leaves the namespace stuck Terminating.
 */
async function withFoos(fn: (foos: Api<Foo>, client: Client) => Promise<void>): Promise<void> {
  await withNamespace(async (namespace, client) => {
    const foos = await fooApi(client, namespace);
    try {
      await fn(foos, client);
    } finally {
      for (const foo of (await foos.list()).items) {
        await foos.patch(foo.metadata.name!, {
          type: "merge",
          body: { metadata: { finalizers: null } },
        }).catch(() => {});
      }
    }
  });
}

function foo(name: string, finalizers?: string[]): Foo {
  return { metadata: { name, finalizers }, spec: { name } };
}

Deno.test("e2e finalizer: added before apply; on delete cleanup runs, then only ours is removed, and the object goes with the other controller's", async () => {
  await withFoos(async (foos, client) => {
    // A controller's handle covers all namespaces: the patches must find the object's own.
    const allFoos = new Api<Foo>(client, foos.resource);
    const created = await foos.create(foo("baz", [OTHER]));
    const applied: (string[] | undefined)[] = [];
    const result = await finalizer(allFoos, OURS, created, {
      apply: (stored) => {
        applied.push(stored.metadata.finalizers);
        return "applied";
      },
      cleanup: () => assert.fail("cleanup must not run on a live object"),
    });
    assert.equal(result, "applied");
    assert.deepEqual(applied, [[OTHER, OURS]]);
    const live = await foos.get("baz");
    assert.deepEqual(live.metadata.finalizers, [OTHER, OURS]);

    // Present already: apply runs and nothing is written.
    await finalizer(allFoos, OURS, live, { apply: () => "again", cleanup: () => "" });
    assert.equal((await foos.get("baz")).metadata.resourceVersion, live.metadata.resourceVersion);

    await foos.delete("baz");
    const deleting = await foos.get("baz");
    assert.ok(deleting.metadata.deletionTimestamp);
    const cleaned: (string[] | undefined)[] = [];
    const outcome = await finalizer(allFoos, OURS, deleting, {
      apply: () => assert.fail("apply must not run on a deleted object"),
      cleanup: async (object) => {
        // Still held by our finalizer while cleanup runs.
        cleaned.push((await foos.get(object.metadata.name!)).metadata.finalizers);
        return "cleaned";
      },
    });
    assert.equal(outcome, "cleaned");
    assert.deepEqual(cleaned, [[OTHER, OURS]]);
    const held = await foos.get("baz");
    assert.deepEqual(held.metadata.finalizers, [OTHER]);

    // The other controller finishes its own cleanup; then the API server deletes the object.
    await finalizer(allFoos, OTHER, held, { apply: () => "", cleanup: () => "done" });
    assert.equal(
      await waitFor(foos, "baz", isDeleted(created.metadata.uid!), WAIT),
      undefined,
    );
  });
});

Deno.test("e2e finalizer: patches from a stale read fail with a conflict and clobber nothing", async () => {
  await withFoos(async (foos) => {
    const stale = await foos.create(foo("baz"));
    await foos.patch("baz", { type: "merge", body: { metadata: { finalizers: [OTHER] } } });
    await assert.rejects(
      finalizer(foos, OURS, stale, {
        apply: () => assert.fail("apply must not run"),
        cleanup: () => "",
      }),
      (e: unknown) => e instanceof FinalizerError && e.phase === "add" && e.conflict,
    );
    assert.deepEqual((await foos.get("baz")).metadata.finalizers, [OTHER]);

    // Reconciling again with the fresh object succeeds.
    await finalizer(foos, OURS, await foos.get("baz"), { apply: () => "", cleanup: () => "" });
    await foos.delete("baz");
    const deleting = await foos.get("baz");
    assert.deepEqual(deleting.metadata.finalizers, [OTHER, OURS]);

    // The other controller removes its finalizer first: our index shifts under us.
    await foos.patch("baz", {
      type: "json",
      body: [{ op: "remove", path: "/metadata/finalizers/0" }],
    });
    let cleanups = 0;
    await assert.rejects(
      finalizer(foos, OURS, deleting, { apply: () => "", cleanup: () => String(++cleanups) }),
      (e: unknown) => e instanceof FinalizerError && e.phase === "remove" && e.conflict,
    );
    assert.deepEqual((await foos.get("baz")).metadata.finalizers, [OURS]);
    const retried = await finalizer(foos, OURS, await foos.get("baz"), {
      apply: () => "",
      cleanup: () => String(++cleanups),
    });
    assert.equal(retried, "2");
    await waitFor(foos, "baz", isDeleted(stale.metadata.uid!), WAIT);
  });
});

Deno.test("e2e waitFor: a new pod is Running", async () => {
  await withNamespace(async (namespace, client) => {
    const pods = Api.v1Pod(client).within(namespace);
    await pods.create(pod("web"));
    const running = await waitFor(pods, "web", isPodRunning(), WAIT);
    assert.equal(running?.status?.phase, "Running");
  });
});

Deno.test("e2e waitFor: a Deployment is rolled out, and again after a scale-up", async () => {
  await withNamespace(async (namespace, client) => {
    const deployments = Api.v1Deployment(client).within(namespace);
    await deployments.create(deployment("web", 2));
    const first = await waitFor(deployments, "web", isDeploymentRolledOut(), WAIT);
    assert.equal(first?.status?.availableReplicas, 2);
    // The current state right after the patch is not rolled out (a new
    // generation, not yet observed): waitFor must wait for the controller.
    await deployments.patch("web", { type: "merge", body: { spec: { replicas: 3 } } });
    const scaled = await waitFor(deployments, "web", isDeploymentRolledOut(), WAIT);
    assert.equal(scaled?.status?.availableReplicas, 3);
    assert.equal(scaled?.status?.observedGeneration, scaled?.metadata.generation);
  });
});

Deno.test("e2e waitFor: the CRD of examples/foo.yaml is Established", async () => {
  await withNamespace(async (namespace, client) => {
    await fooApi(client, namespace);
    const crds = Api.v1CustomResourceDefinition(client);
    const crd = await waitFor(crds, "foos.clux.dev", isCrdEstablished(), WAIT);
    assert.equal(crd?.spec?.group, "clux.dev");
  });
});

Deno.test("e2e waitFor: a Job completes", async () => {
  await withNamespace(async (namespace, client) => {
    const jobs = Api.v1Job(client).within(namespace);
    const job: Job = {
      metadata: { name: "migrate" },
      spec: {
        template: {
          spec: {
            restartPolicy: "Never",
            containers: [{ name: "main", image: "registry.k8s.io/pause:3.10" }],
          },
        },
      },
    };
    await jobs.create(job);
    const done = await waitFor(jobs, "migrate", isJobCompleted(), WAIT);
    assert.equal(done?.status?.succeeded, 1);
  });
});

Deno.test("e2e waitFor: a pod deleted by UID, and a new pod under its name counts as the old one gone", async () => {
  await withNamespace(async (namespace, client) => {
    const pods = Api.v1Pod(client).within(namespace);
    const first = await pods.create(pod("web"));
    const waiting = waitFor(pods, "web", isDeleted(first.metadata.uid!), WAIT);
    await pods.delete("web", { gracePeriodSeconds: 0 });
    await waiting;

    const second = await pods.create(pod("web"));
    const got = await waitFor(pods, "web", isDeleted(first.metadata.uid!), WAIT);
    assert.equal(got?.metadata.uid, second.metadata.uid);
  });
});

Deno.test("e2e waitFor: a ClusterRole whose name holds a comma, an equals sign and a backslash is found and seen deleted", async () => {
  const client = await adminClient();
  const roles = Api.v1ClusterRole(client);
  const name = `kube-e2e-${crypto.randomUUID().slice(0, 8)}-edit,view=a\\b`;
  try {
    const created = await roles.create({ metadata: { name }, rules: [] });
    const exists = conditions.named<KubeObject>("exists", (o) => o !== undefined);
    const found = await waitFor(roles, name, exists, WAIT);
    assert.equal(found?.metadata.uid, created.metadata.uid);
    const gone = waitFor(roles, name, isDeleted(created.metadata.uid!), WAIT);
    await roles.delete(name);
    assert.equal(await gone, undefined);
  } finally {
    await roles.delete(name).catch(() => {});
    client.close();
  }
});
