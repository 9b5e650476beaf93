/**
 * Authentication on the local control plane: impersonation, from the
 * Client option and from a kubeconfig's `as` fields, on requests and
 * WebSockets, checked by what the API server says the user is and by the
 * impersonated user's own 403s.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, Client, conditions, readKubeconfigs, waitFor } from "../../mod.ts";
import { inTempDir } from "../support/temp.ts";
import { adminClient, cluster, LOCAL, pod, withNamespace } from "./_cluster.ts";

/** The token user of tests/cluster: every right in kube-e2e-limited, none elsewhere. */
const TOKEN_USER = "kube-e2e-token";

interface UserInfo {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** Who the API server takes the client for: a SelfSubjectReview's answer. */
async function whoAmI(client: Client): Promise<UserInfo> {
  const review = await client.json<{ status: { userInfo: UserInfo } }>({
    method: "POST",
    path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
    body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
  });
  return review.status.userInfo;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e) => e);
  assert.ok(error instanceof ApiError, `expected an ApiError, got ${error}`);
  return error;
}

Deno.test({
  name:
    "impersonation: the admin acting as kube-e2e-token (Client option) gets that user's rights in kube-e2e-limited and that user's 403 elsewhere",
  ignore: !LOCAL,
}, async () => {
  using admin = await adminClient();
  const { kubeconfig, context } = await cluster();
  using client = await Client.load({ kubeconfig, context, impersonate: { user: TOKEN_USER } });
  assert.equal((await whoAmI(client)).username, TOKEN_USER);
  assert.notEqual((await whoAmI(admin)).username, TOKEN_USER);

  const limited = await Api.v1ConfigMap(client).within("kube-e2e-limited").list();
  assert.ok(Array.isArray(limited.items));
  const error = await refusal(Api.v1ConfigMap(client).within("default").list());
  assert.equal(error.code, 403);
  assert.match(error.message, new RegExp(`"${TOKEN_USER}" cannot list resource "configmaps"`));
  // The admin itself may.
  await Api.v1ConfigMap(admin).within("default").list();
});

Deno.test({
  name:
    "impersonation: a kubeconfig's as, as-uid, as-groups and as-user-extra reach the API server as that user, one group per header",
  ignore: !LOCAL,
}, async () => {
  const { kubeconfig, context } = await cluster();
  const merged = await readKubeconfigs(kubeconfig);
  const adminContext = merged.contexts.get(context)!.fields;
  const clusterEntry = merged.clusters.get(String(adminContext.cluster))!;
  const adminUser = merged.users.get(String(adminContext.user))!;
  await inTempDir(async (dir) => {
    const file = `${dir}/kubeconfig`;
    // JSON is YAML: the admin's inline certificate, acting as someone else.
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        "current-context": "as",
        clusters: [{ name: "c", cluster: clusterEntry.fields }],
        users: [{
          name: "as",
          user: {
            ...adminUser.fields,
            as: TOKEN_USER,
            "as-uid": "uid-42",
            "as-groups": ["team-a", "team b"],
            "as-user-extra": { "example.com/reason": ["e2e", "two words"] },
          },
        }],
        contexts: [{ name: "as", context: { cluster: "c", user: "as" } }],
      }),
    );
    using client = await Client.load({ kubeconfig: file });
    const info = await whoAmI(client);
    assert.equal(info.username, TOKEN_USER);
    assert.equal(info.uid, "uid-42");
    assert.deepEqual(
      (info.groups ?? []).filter((g) => g !== "system:authenticated"),
      ["team-a", "team b"],
    );
    assert.deepEqual(info.extra, { "example.com/reason": ["e2e", "two words"] });
    const error = await refusal(Api.v1Secret(client).within("default").list());
    assert.equal(error.code, 403);
    assert.match(error.message, new RegExp(`"${TOKEN_USER}" cannot list`));
  });
});

Deno.test({
  name:
    "impersonation: an exec WebSocket carries it too: the admin's exec into a pod opens, the same exec as kube-e2e-token is refused with 403 naming pods/exec",
  ignore: !LOCAL,
}, async () => {
  await withNamespace(async (namespace, admin) => {
    const pods = Api.v1Pod(admin).within(namespace);
    await pods.create(pod("target"));
    await waitFor(pods, "target", conditions.isPodRunning(), { timeoutMs: 30_000 });
    const exec = {
      path: `/api/v1/namespaces/${namespace}/pods/target/exec`,
      query: { command: ["true"], stdout: true },
      protocols: ["v5.channel.k8s.io", "v4.channel.k8s.io"],
      connect: true,
    };
    (await admin.webSocket(exec)).close();
    const { kubeconfig, context } = await cluster();
    using client = await Client.load({ kubeconfig, context, impersonate: { user: TOKEN_USER } });
    const error = await refusal(client.webSocket(exec));
    assert.equal(error.code, 403);
    assert.match(
      error.message,
      new RegExp(`"${TOKEN_USER}" cannot (get|create) resource "pods/exec"`),
    );
  });
});
