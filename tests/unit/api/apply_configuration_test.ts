/**
 * ApplyConfiguration<T> as the type of a server-side apply body (typos and
 * missing identity refused at compile time), and fieldValidation sent as
 * the query parameter of create, replace and patch.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  type ApplyConfiguration,
  type Client,
  type ConfigMap,
  type DeepPartial,
  type Deployment,
  type DeploymentSpec,
  type KubeObject,
  type Patch,
  type StatefulSet,
} from "../../../mod.ts";
import { testClient } from "../../support/test_client.ts";

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  body: unknown;
}

/** Runs `fn` with a client on a server that records each request and echoes its body back. */
async function recording(fn: (client: Client, seen: Seen[]) => Promise<void>): Promise<void> {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const text = await req.text();
    const body = text ? JSON.parse(text) : undefined;
    seen.push({
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers.get("content-type"),
      body,
    });
    return Response.json(body ?? { metadata: { name: "x" } });
  });
  const client = testClient(`http://127.0.0.1:${server.addr.port}`);
  try {
    await fn(client, seen);
  } finally {
    client.close();
    await server.shutdown();
  }
}

Deno.test("ApplyConfiguration: a deep partial of the kind, with apiVersion, kind and metadata.name required", () => {
  const replicas: ApplyConfiguration<Deployment> = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      replicas: 3,
      template: { spec: { containers: [{ name: "web", resources: { limits: { cpu: 1 } } }] } },
    },
  };
  assert.equal(replicas.spec?.replicas, 3);

  const misspeltAtDepth: ApplyConfiguration<Deployment> = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    // @ts-expect-error `imagePullPolicyy` is not a field of Container
    spec: { template: { spec: { containers: [{ name: "web", imagePullPolicyy: "Always" }] } } },
  };
  const misspeltName: ApplyConfiguration<Deployment> = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    // @ts-expect-error `nme` is not a field of ObjectMeta
    metadata: { nme: "web" },
  };
  // @ts-expect-error apiVersion and kind are required
  const noIdentity: ApplyConfiguration<Deployment> = { metadata: { name: "web" } };
  const noName: ApplyConfiguration<StatefulSet> = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    // @ts-expect-error metadata.name is required
    metadata: { labels: { app: "db" } },
  };
  const wrongType: ApplyConfiguration<Deployment> = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    // @ts-expect-error replicas is a number
    spec: { replicas: "3" },
  };
  const dataNumber: ApplyConfiguration<ConfigMap> = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings" },
    // @ts-expect-error a ConfigMap's data holds strings
    data: { retries: 3 },
  };
  assert.ok([misspeltAtDepth, misspeltName, noIdentity, noName, wrongType, dataNumber]);
});

Deno.test("DeepPartial keeps objects closed and free-form values free", () => {
  const spec: DeepPartial<Deployment["spec"]> = { selector: { matchLabels: { app: "web" } } };
  // @ts-expect-error `replica` is not a field of DeploymentSpec
  const typo: DeepPartial<Deployment["spec"]> = { replica: 1 };
  const free: DeepPartial<KubeObject<unknown>> = { spec: { anything: [1, "two"] } };
  assert.ok([spec, typo, free]);
});

Deno.test("Api.patch: an apply body is an ApplyConfiguration or a whole object, whose apiVersion and kind the handle fills in", async () => {
  await recording(async (client, seen) => {
    const deployments = Api.v1Deployment(client).within("prod");
    await deployments.patch("web", {
      type: "apply",
      fieldManager: "my-operator",
      body: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: { replicas: 2 },
      },
    });
    const whole: Deployment = {
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { spec: { containers: [{ name: "web", image: "nginx" }] } },
      },
    };
    await deployments.patch("web", { type: "apply", fieldManager: "my-operator", body: whole });
    assert.equal(seen[0].contentType, "application/apply-patch+yaml");
    assert.deepEqual(seen[1].body, { apiVersion: "apps/v1", kind: "Deployment", ...whole });

    const typo: Patch<Deployment> = {
      type: "apply",
      fieldManager: "my-operator",
      body: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        // @ts-expect-error `replica` is not a field of DeploymentSpec
        spec: { replica: 2 },
      },
    };
    // @ts-expect-error a partial body needs apiVersion and kind (a whole Deployment would not)
    const partialWithoutIdentity: Patch<Deployment> = {
      type: "apply",
      fieldManager: "my-operator",
      body: { metadata: { name: "web" }, spec: { replicas: 2 } },
    };
    // The other patch types keep untyped bodies.
    const merge: Patch<Deployment> = { type: "merge", body: { spec: { anything: true } } };
    assert.ok([typo, partialWithoutIdentity, merge]);
  });
});

Deno.test("fieldValidation is sent as the query parameter of create, replace, patch and their status and scale forms", async () => {
  await recording(async (client, seen) => {
    const cms = Api.v1ConfigMap(client).within("default");
    const cm: ConfigMap = { metadata: { name: "c" }, data: { a: "1" } };
    await cms.create(cm, { fieldValidation: "Strict" });
    await cms.replace("c", cm, { fieldValidation: "Warn" });
    await cms.patch("c", { type: "merge", body: { data: { a: "2" } } }, {
      fieldValidation: "Ignore",
    });
    await cms.patch("c", {
      type: "apply",
      fieldManager: "me",
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
    }, { fieldValidation: "Strict" });
    await cms.create(cm);
    const deployments = Api.v1Deployment(client).within("default");
    const whole: DeploymentSpec = {
      selector: { matchLabels: { app: "web" } },
      template: { spec: { containers: [{ name: "web", image: "nginx" }] } },
    };
    await deployments.replaceStatus("web", { metadata: { name: "web" }, spec: whole }, {
      fieldValidation: "Strict",
    });
    await deployments.patchScale("web", { type: "merge", body: { spec: { replicas: 1 } } }, {
      fieldValidation: "Warn",
    });
    assert.deepEqual(seen.map((r) => `${r.method} ${r.query.fieldValidation ?? "-"}`), [
      "POST Strict",
      "PUT Warn",
      "PATCH Ignore",
      "PATCH Strict",
      "POST -",
      "PUT Strict",
      "PATCH Warn",
    ]);
    assert.equal(seen[3].query.fieldManager, "me");
  });
});

Deno.test("fieldValidation outside the three values the server knows does not compile", () => {
  // @ts-expect-error the server knows Strict, Warn and Ignore
  const options: Parameters<Api<ConfigMap>["create"]>[1] = { fieldValidation: "strict" };
  assert.ok(options);
});
