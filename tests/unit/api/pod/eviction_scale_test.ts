/**
 * The eviction subresource of pods and the scale subresource of
 * Deployments, against an in-process server that records each request.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, type Client, PodApi } from "../../../../mod.ts";
import { testClient } from "../../../support/test_client.ts";

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  text: string;
}

type Responder = (req: Recorded) => Response;

async function withServer(
  respond: Responder,
  fn: (h: { client: Client; seen: Recorded[] }) => Promise<void>,
): Promise<void> {
  const seen: Recorded[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const recorded = {
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers.get("content-type"),
      text: await req.text(),
    };
    seen.push(recorded);
    return respond(recorded);
  });
  const client = testClient(`http://127.0.0.1:${server.addr.port}`, {
    namespace: "client-ns",
    token: "t",
  });
  try {
    await fn({ client, seen });
  } finally {
    client.close();
    await server.shutdown();
  }
}

const created = () =>
  Response.json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 }, {
    status: 201,
  });

/** A Scale as the server answers, with the replicas the request asked for. */
function scaleOf(req: Recorded): Response {
  const replicas = req.text ? JSON.parse(req.text).spec?.replicas ?? 2 : 2;
  return Response.json({
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: "web", namespace: "team-a", resourceVersion: "77" },
    spec: { replicas },
    status: { replicas: 2, selector: "app=web" },
  });
}

Deno.test("Api.v1Pod is a PodApi, and within() keeps it one", () => {
  const client = testClient("http://127.0.0.1:1", { namespace: "client-ns" });
  const pods = Api.v1Pod(client);
  assert.ok(pods instanceof PodApi);
  assert.ok(pods instanceof Api);
  const scoped = pods.within("team-a");
  assert.ok(scoped instanceof PodApi);
  assert.equal(scoped.namespace, "team-a");
  assert.equal(pods.namespace, undefined);
  assert.equal(scoped.resource.kind, "Pod");
});

Deno.test("evict: POSTs a policy/v1 Eviction naming the pod, with its deleteOptions, to pods/NAME/eviction", async () => {
  await withServer(created, async ({ client, seen }) => {
    const status = await Api.v1Pod(client).within("team-a").evict("web-0", {
      deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: "6f1c" } },
    });
    assert.equal(status.status, "Success");
    await Api.v1Pod(client).evict("web-1", { dryRun: true });
    assert.equal(seen[0].method, "POST");
    assert.equal(seen[0].path, "/api/v1/namespaces/team-a/pods/web-0/eviction");
    assert.equal(seen[0].contentType, "application/json");
    assert.deepEqual(JSON.parse(seen[0].text), {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "web-0", namespace: "team-a" },
      deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: "6f1c" } },
    });
    assert.deepEqual(seen[0].query, {});
    assert.equal(seen[1].path, "/api/v1/namespaces/client-ns/pods/web-1/eviction");
    assert.deepEqual(seen[1].query, { dryRun: "All" });
    assert.deepEqual(JSON.parse(seen[1].text), {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "web-1", namespace: "client-ns" },
    });
  });
});

Deno.test("evict: a PodDisruptionBudget's 429 is an ApiError with the server's Status, for the caller to retry (no Retry-After: not retried)", async () => {
  const budget = () =>
    Response.json({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: "TooManyRequests",
      details: {
        causes: [{
          reason: "DisruptionBudget",
          message: "The disruption budget web needs 2 healthy pods and has 2 currently",
        }],
      },
      code: 429,
    }, { status: 429 });
  await withServer(budget, async ({ client, seen }) => {
    await assert.rejects(Api.v1Pod(client).within("team-a").evict("web-0"), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.code, 429);
      assert.equal(e.reason, "TooManyRequests");
      assert.equal(e.status.details?.causes?.[0].reason, "DisruptionBudget");
      assert.match(e.message, /disruption budget/);
      return true;
    });
    assert.equal(seen.length, 1);
  });
});

Deno.test("scale: getScale, replaceScale and patchScale address deployments/NAME/scale with an autoscaling/v1 Scale", async () => {
  await withServer(scaleOf, async ({ client, seen }) => {
    const deployments = Api.v1Deployment(client).within("team-a");
    const scale = await deployments.getScale("web");
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.spec?.replicas, 2);
    assert.equal(scale.status?.selector, "app=web");

    const replaced = await deployments.replaceScale("web", {
      metadata: { name: "web", resourceVersion: "77" },
      spec: { replicas: 5 },
    }, { fieldManager: "scaler" });
    assert.equal(replaced.spec?.replicas, 5);

    await deployments.patchScale("web", { type: "merge", body: { spec: { replicas: 3 } } });
    await deployments.patchScale("web", {
      type: "apply",
      fieldManager: "scaler",
      force: true,
      body: { metadata: { name: "web" }, spec: { replicas: 4 } },
    });

    const path = "/apis/apps/v1/namespaces/team-a/deployments/web/scale";
    assert.deepEqual(seen.map((r) => `${r.method} ${r.path}`), [
      `GET ${path}`,
      `PUT ${path}`,
      `PATCH ${path}`,
      `PATCH ${path}`,
    ]);
    assert.deepEqual(JSON.parse(seen[1].text), {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "web", resourceVersion: "77" },
      spec: { replicas: 5 },
    });
    assert.deepEqual(seen[1].query, { fieldManager: "scaler" });
    assert.equal(seen[2].contentType, "application/merge-patch+json");
    assert.deepEqual(JSON.parse(seen[2].text), { spec: { replicas: 3 } });
    assert.equal(seen[3].contentType, "application/apply-patch+yaml");
    assert.deepEqual(seen[3].query, { fieldManager: "scaler", force: "true" });
    assert.deepEqual(JSON.parse(seen[3].text), {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "web" },
      spec: { replicas: 4 },
    });
  });
});

Deno.test("scale: a resource without a scale subresource answers 404, an ApiError", async () => {
  const notFound = () =>
    Response.json({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message: "the server could not find the requested resource",
      reason: "NotFound",
      code: 404,
    }, { status: 404 });
  await withServer(notFound, async ({ client, seen }) => {
    await assert.rejects(
      Api.v1ConfigMap(client).within("team-a").getScale("settings"),
      (e: unknown) => e instanceof ApiError && e.code === 404,
    );
    assert.equal(seen[0].path, "/api/v1/namespaces/team-a/configmaps/settings/scale");
  });
});
