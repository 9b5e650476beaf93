import assert from "node:assert/strict";
import {
  conditions,
  type CustomResourceDefinition,
  type Deployment,
  type Job,
  type Pod,
  type PodStatus,
  WaitError,
  waitFor,
} from "../../../mod.ts";
import { waitFor as until, withServer } from "../../support/fake_apiserver.ts";

const { and, isCrdEstablished, isDeleted, isDeploymentRolledOut, isJobCompleted, not, or } =
  conditions;
const { isPodRunning, named } = conditions;

const running = { status: { phase: "Running" } } as const;

Deno.test("waitFor resolves on the current state, without opening a watch", async () => {
  await withServer(async (server, pods) => {
    const stored = server.create("ns", "web", running);
    const got = await waitFor(pods.within("ns"), "web", isPodRunning(), { timeoutMs: 5_000 });
    assert.equal(got?.metadata.uid, stored.metadata.uid);
    assert.equal(server.watchesOpened, 0);
    assert.equal(server.listRequests[0].query.get("fieldSelector"), "metadata.name=web");
  });
});

Deno.test("waitFor resolves on a later change of the one object it watches", async () => {
  await withServer(async (server, pods) => {
    server.create("ns", "web");
    server.create("ns", "other");
    const waiting = waitFor(pods.within("ns"), "web", isPodRunning(), { timeoutMs: 5_000 });
    await server.waitForWatchesOpened(1);
    server.modify("ns", "other", (pod) => pod.status = { phase: "Running" });
    const changed = server.modify("ns", "web", (pod) => pod.status = { phase: "Running" });
    const got = await waiting;
    assert.equal(got?.metadata.resourceVersion, changed.metadata.resourceVersion);
    const watch = server.watchRequests.at(-1)!;
    assert.equal(watch.path, "/api/v1/namespaces/ns/pods");
    assert.equal(watch.query.get("fieldSelector"), "metadata.name=web");
    await until(() => server.openWatches === 0, 5_000, "the watch to close");
  });
});

Deno.test("waitFor without a namespace waits in the client's default namespace", async () => {
  await withServer(async (server, pods) => {
    server.create("elsewhere", "web", running);
    server.create("default", "web", running);
    const got = await waitFor(pods, "web", isPodRunning(), { timeoutMs: 5_000 });
    assert.equal(got?.metadata.namespace, "default");
    assert.equal(server.listRequests.at(-1)!.path, "/api/v1/namespaces/default/pods");
  });
});

Deno.test("waitFor isDeleted resolves once the object with that UID is deleted", async () => {
  await withServer(async (server, pods) => {
    const { metadata } = server.create("ns", "web");
    const waiting = waitFor(pods.within("ns"), "web", isDeleted(metadata.uid!), {
      timeoutMs: 5_000,
    });
    await server.waitForWatchesOpened(1);
    server.remove("ns", "web");
    assert.equal(await waiting, undefined);
  });
});

Deno.test("waitFor isDeleted resolves at once when the name now belongs to a new object", async () => {
  await withServer(async (server, pods) => {
    const old = server.create("ns", "web");
    server.remove("ns", "web");
    const replacement = server.create("ns", "web");
    const got = await waitFor(pods.within("ns"), "web", isDeleted(old.metadata.uid!), {
      timeoutMs: 5_000,
    });
    assert.equal(got?.metadata.uid, replacement.metadata.uid);
    assert.equal(server.watchesOpened, 0);
  });
});

Deno.test("waitFor isDeleted sees a delete-and-recreate that happened while its watch was down", async () => {
  await withServer(async (server, pods) => {
    const old = server.create("ns", "web");
    // The watch opens but delivers nothing, as a dying connection would.
    server.knobs.stall = true;
    const waiting = waitFor(pods.within("ns"), "web", isDeleted(old.metadata.uid!), {
      timeoutMs: 20_000,
    });
    await server.waitForWatchesOpened(1);
    server.remove("ns", "web");
    const replacement = server.create("ns", "web");
    // The DELETED event is compacted away: only a relist can show the new UID.
    server.compact();
    server.breakWatches();
    const got = await waiting;
    assert.equal(got?.metadata.uid, replacement.metadata.uid);
    assert.ok(server.listRequests.length >= 2, "it relisted");
  });
});

Deno.test("waitFor rejects with a WaitError naming the object and condition when its timeout passes", async () => {
  await withServer(async (server, pods) => {
    const stored = server.create("ns", "web");
    await assert.rejects(
      waitFor(pods.within("ns"), "web", isPodRunning(), { timeoutMs: 200 }),
      (e: unknown) => {
        assert.ok(e instanceof WaitError);
        assert.equal(e.reason, "timeout");
        assert.equal(e.object, "Pod ns/web");
        assert.equal(e.condition, "pod running");
        assert.equal(
          e.message,
          `waiting for Pod ns/web (condition: pod running): timed out after 200 ms; ` +
            `last seen at resourceVersion ${stored.metadata.resourceVersion}`,
        );
        return true;
      },
    );
    await until(() => server.openWatches === 0, 5_000, "the watch to close");
  });
});

Deno.test("waitFor rejects with a WaitError when its signal aborts", async () => {
  await withServer(async (server, pods) => {
    const controller = new AbortController();
    const waiting = waitFor(pods.within("ns"), "web", isPodRunning(), {
      signal: controller.signal,
    });
    await server.waitForWatchesOpened(1);
    const reason = new Error("shutting down");
    controller.abort(reason);
    await assert.rejects(waiting, (e: unknown) => {
      assert.ok(e instanceof WaitError);
      assert.equal(e.reason, "aborted");
      assert.equal(e.cause, reason);
      assert.match(
        e.message,
        /^waiting for Pod ns\/web \(condition: pod running\): aborted; it does not exist$/,
      );
      return true;
    });
    await until(() => server.openWatches === 0, 5_000, "the watch to close");
  });
});

Deno.test("waitFor names a condition of the caller's by its description or function name", async () => {
  await withServer(async (_server, pods) => {
    const hasIp = (pod: Pod | undefined) => pod?.status?.podIP !== undefined;
    const signal = AbortSignal.abort();
    await assert.rejects(
      waitFor(pods.within("ns"), "web", hasIp, { signal }),
      /\(condition: hasIp\): aborted; never listed$/,
    );
    await assert.rejects(
      waitFor(pods.within("ns"), "web", named("scheduled", (p) => !!p?.spec?.nodeName), { signal }),
      /\(condition: scheduled\)/,
    );
  });
});

function deploy(
  replicas: number | undefined,
  generation: number,
  status: Deployment["status"],
): Deployment {
  return {
    metadata: { name: "web", generation },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } } },
    },
    status,
  };
}

Deno.test("conditions.isDeploymentRolledOut follows kubectl rollout status", () => {
  const done = { updatedReplicas: 3, replicas: 3, readyReplicas: 3, availableReplicas: 3 };
  const rolledOut = isDeploymentRolledOut();
  assert.equal(rolledOut(undefined), false);
  assert.equal(rolledOut(deploy(3, 2, undefined)), false);
  assert.equal(rolledOut(deploy(3, 2, { ...done, observedGeneration: 2 })), true);
  // The controller has not seen the latest spec yet.
  assert.equal(rolledOut(deploy(3, 3, { ...done, observedGeneration: 2 })), false);
  // New replicas still coming, old ones still going, new ones not yet available or ready.
  assert.equal(
    rolledOut(deploy(3, 2, { ...done, observedGeneration: 2, updatedReplicas: 2 })),
    false,
  );
  assert.equal(rolledOut(deploy(3, 2, { ...done, observedGeneration: 2, replicas: 4 })), false);
  assert.equal(
    rolledOut(deploy(3, 2, { ...done, observedGeneration: 2, availableReplicas: 2 })),
    false,
  );
  assert.equal(
    rolledOut(deploy(3, 2, { ...done, observedGeneration: 2, readyReplicas: 2 })),
    false,
  );
  // spec.replicas defaults to 1; zero replicas are rolled out once observed.
  const one = { updatedReplicas: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1 };
  assert.equal(rolledOut(deploy(undefined, 1, { ...one, observedGeneration: 1 })), true);
  assert.equal(rolledOut(deploy(0, 4, { observedGeneration: 4 })), true);
  assert.equal(rolledOut.description, "deployment rolled out");
});

Deno.test("conditions for pods, CRDs and Jobs read their status", () => {
  const pod = (phase?: PodStatus["phase"]): Pod => ({ metadata: { name: "p" }, status: { phase } });
  assert.equal(isPodRunning()(pod("Running")), true);
  assert.equal(isPodRunning()(pod("Pending")), false);
  assert.equal(isPodRunning()(pod()), false);
  assert.equal(isPodRunning()(undefined), false);

  const crd = (status: "True" | "False"): CustomResourceDefinition => ({
    metadata: { name: "foos.clux.dev" },
    spec: {
      group: "clux.dev",
      scope: "Namespaced",
      names: { plural: "foos", kind: "Foo" },
      versions: [],
    },
    status: {
      conditions: [{ type: "NamesAccepted", status: "True" }, { type: "Established", status }],
    },
  });
  assert.equal(isCrdEstablished()(crd("True")), true);
  assert.equal(isCrdEstablished()(crd("False")), false);
  assert.equal(isCrdEstablished()({ metadata: { name: "x" }, spec: crd("True").spec }), false);

  const job = (type: string): Job => ({
    metadata: { name: "migrate" },
    status: { conditions: [{ type, status: "True" }] },
  });
  assert.equal(isJobCompleted()(job("Complete")), true);
  assert.equal(isJobCompleted()(job("Failed")), false);
  assert.equal(isJobCompleted()(undefined), false);
});

Deno.test("conditions.isDeleted holds when the object is gone or has another UID", () => {
  const gone = isDeleted("uid-1");
  assert.equal(gone(undefined), true);
  assert.equal(gone({ metadata: { name: "web", uid: "uid-1" } }), false);
  assert.equal(gone({ metadata: { name: "web", uid: "uid-2" } }), true);
  assert.equal(gone.description, "deleted (uid uid-1)");
});

Deno.test("conditions compose with and, or and not, and describe what they combine", () => {
  const phase = (p: PodStatus["phase"]): Pod => ({
    metadata: { name: "web", uid: "u" },
    status: { phase: p },
  });
  const pending = named<Pod>("pending", (p) => p?.status?.phase === "Pending");
  const either = or(isPodRunning(), pending);
  const live = and(either, not(isDeleted("u")));
  assert.equal(live(phase("Running")), true);
  assert.equal(live(phase("Pending")), true);
  assert.equal(live(phase("Failed")), false);
  assert.equal(live(undefined), false);
  assert.equal(live.description, "(pod running or pending) and not deleted (uid u)");
  assert.equal(and<Pod>()(undefined), true);
  assert.equal(or<Pod>()(undefined), false);
});

Deno.test("waitFor escapes backslash, comma and equals in the name's field selector, as kubectl wait does", async () => {
  await withServer(async (server, pods) => {
    const stop = new AbortController();
    const waiting = waitFor(pods.within("ns"), "edit,view=a\\b", isPodRunning(), {
      signal: stop.signal,
    });
    await until(() => server.listRequests.length > 0, 5_000, "the list");
    assert.equal(
      server.listRequests[0].query.get("fieldSelector"),
      "metadata.name=edit\\,view\\=a\\\\b",
    );
    stop.abort();
    await assert.rejects(waiting, WaitError);
  });
});
