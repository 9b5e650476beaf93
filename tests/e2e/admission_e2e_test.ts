/**
 * Admission webhooks served by Deno on 127.0.0.1 over TLS, called by the
 * real API server: denials, mutations, warnings, dry runs, failure
 * policies and certificate rotation. Every configuration is scoped to the
 * test's own namespace, so tests running beside these are never blocked,
 * and is deleted when the test ends.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  admissionHandler,
  type AdmissionHandlerOptions,
  type AdmissionRequest,
  Api,
  ApiError,
  applyManifests,
  BUILTIN_RESOURCES,
  Client,
  createWebhookCertificates,
  type MutatingWebhookConfiguration,
  mutatingWebhookConfiguration,
  type Pod,
  serveWebhook,
  type ValidatingWebhookConfiguration,
  validatingWebhookConfiguration,
  type WebhookCertificates,
  type WebhookOptions,
  type WebhookServer,
} from "../../mod.ts";
import { cluster, eventually, LOCAL, pod, startExample, withNamespace } from "./_cluster.ts";

const PODS: WebhookOptions["rules"] = [{
  operations: ["CREATE"],
  apiGroups: [""],
  apiVersions: ["v1"],
  resources: ["pods"],
}];

interface Hook {
  server: WebhookServer;
  tls: WebhookCertificates;
  /** Every request the webhook was asked about, in order. */
  seen: AdmissionRequest<Pod>[];
  /** The URL path of every HTTP request, in order. */
  paths: string[];
  url: string;
}

/** Serves `options` on a free port of 127.0.0.1 with a fresh CA, recording what is asked. */
async function hook(options: AdmissionHandlerOptions<Pod>, drainMs?: number): Promise<Hook> {
  const tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
  const seen: AdmissionRequest<Pod>[] = [];
  const { mutate, validate } = options;
  // One record per review: mutate comes first when there is one.
  const handler = admissionHandler<Pod>({
    ...options,
    mutate: mutate && ((request, context) => {
      seen.push(request);
      return mutate(request, context);
    }),
    validate: validate && ((request, context) => {
      if (!mutate) seen.push(request);
      return validate(request, context);
    }),
  });
  const paths: string[] = [];
  const server = serveWebhook((request) => {
    paths.push(new URL(request.url).pathname);
    return handler(request);
  }, {
    hostname: "127.0.0.1",
    port: 0,
    cert: tls.cert,
    key: tls.key,
    drainMs,
  });
  return { server, tls, seen, paths, url: `https://127.0.0.1:${server.addr.port}/` };
}

/** Webhooks of one kind, scoped to `namespace` (and to what `webhook` adds), for this test only. */
function scoped(
  namespace: string,
  webhook: Partial<WebhookOptions> & { url: string },
): WebhookOptions {
  return {
    name: `${namespace}.pods.kube-e2e.test`,
    rules: PODS,
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    timeoutSeconds: 5,
    ...webhook,
  };
}

const validating = (client: Client) =>
  new Api<ValidatingWebhookConfiguration>(client, BUILTIN_RESOURCES.ValidatingWebhookConfiguration);
const mutating = (client: Client) =>
  new Api<MutatingWebhookConfiguration>(client, BUILTIN_RESOURCES.MutatingWebhookConfiguration);

/**
 * Applies the configurations with applyManifests (server-side apply with
 * fieldValidation Strict, so a field the API server does not know fails),
 * runs `fn`, and deletes them whatever happens.
 */
async function registered(
  client: Client,
  configurations: (ValidatingWebhookConfiguration | MutatingWebhookConfiguration)[],
  fn: () => Promise<void>,
): Promise<void> {
  try {
    const results = await applyManifests(client, configurations, { fieldManager: "kube-e2e" });
    assert.deepEqual(
      results.map((r) => r.error?.message ?? r.outcome),
      configurations.map(() => "created"),
    );
    await fn();
  } finally {
    for (const c of configurations) {
      const api = c.kind === "MutatingWebhookConfiguration" ? mutating(client) : validating(client);
      await api.delete(c.metadata.name!).catch(() => {});
    }
  }
}

/**
 * Waits until the API server calls the webhook (its configuration cache
 * follows a watch): dry-run creates of a probe pod until one is answered.
 */
async function untilCalled(pods: Api<Pod>, h: Hook, probe: Pod): Promise<void> {
  await eventually("the API server to call the webhook", async () => {
    const before = h.seen.length;
    await pods.create(probe, { dryRun: true }).catch(() => {});
    return h.seen.length > before;
  });
}

const teamPolicy: AdmissionHandlerOptions<Pod> = {
  validate: (request) => {
    const warnings = request.object.spec!.containers
      .filter((c) => c.image?.endsWith(":latest"))
      .map((c) => `container ${c.name} uses a :latest image`);
    return request.object.metadata.labels?.team
      ? { allowed: true, warnings }
      : { allowed: false, message: "a team label is required", warnings };
  },
};

Deno.test({
  name: "a validating webhook's denial fails Api.create with an ApiError carrying its message",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      const h = await hook(teamPolicy);
      const pods = Api.v1Pod(client).within(namespace);
      try {
        const config = validatingWebhookConfiguration({
          name: `kube-e2e-${namespace}`,
          caCert: h.tls.caCert,
          webhooks: [scoped(namespace, { url: h.url })],
        });
        await registered(client, [config], async () => {
          await untilCalled(pods, h, pod("probe"));
          const error = await pods.create(pod("untagged")).then(() => undefined, (e) => e);
          assert.ok(error instanceof ApiError, `${error}`);
          assert.equal(error.code, 403);
          assert.equal(error.reason, "Forbidden");
          assert.equal(
            error.status.message,
            `admission webhook "${namespace}.pods.kube-e2e.test" denied the request: a team label is required`,
          );
          const created = await pods.create(pod("owned", { team: "shop" }));
          assert.equal(created.metadata.labels?.team, "shop");
          const asked = h.seen.find((r) => r.object.metadata.name === "owned" && !r.dryRun)!;
          assert.equal(asked.operation, "CREATE");
          assert.equal(asked.namespace, namespace);
          assert.deepEqual(asked.kind, { group: "", version: "v1", kind: "Pod" });
          assert.equal(asked.userInfo.username, LOCAL ? "kube-admin" : asked.userInfo.username);
        });
      } finally {
        await h.server.shutdown();
      }
    }),
});

Deno.test({
  name:
    "a mutating webhook's patch shows on the created object, keys with a slash (~1) and arrays included",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      const h = await hook({
        mutate: (request) => {
          const object = request.object;
          object.metadata.labels = {
            ...object.metadata.labels,
            "example.com/defaulted": "true",
            environment: "dev",
          };
          delete object.metadata.labels.remove;
          object.metadata.annotations = { "kube-e2e.test/note": "patched" };
          object.spec!.containers.push({ name: "sidecar", image: "registry.k8s.io/pause:3.10" });
          return object;
        },
      });
      const pods = Api.v1Pod(client).within(namespace);
      try {
        const config = mutatingWebhookConfiguration({
          name: `kube-e2e-${namespace}`,
          caCert: h.tls.caCert,
          webhooks: [scoped(namespace, { url: h.url })],
        });
        await registered(client, [config], async () => {
          await untilCalled(pods, h, pod("probe"));
          const created = await pods.create(pod("web", { app: "web", remove: "me" }));
          assert.deepEqual(created.metadata.labels, {
            app: "web",
            "example.com/defaulted": "true",
            environment: "dev",
          });
          assert.equal(created.metadata.annotations?.["kube-e2e.test/note"], "patched");
          assert.deepEqual(created.spec!.containers.map((c) => c.name), ["main", "sidecar"]);
          const stored = await pods.get("web");
          assert.deepEqual(stored.metadata.labels, created.metadata.labels);
        });
      } finally {
        await h.server.shutdown();
      }
    }),
});

Deno.test({
  name:
    "a webhook's warnings reach the client's onWarning, on a denial too, and kubectl shows them",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      const h = await hook(teamPolicy);
      const pods = Api.v1Pod(client).within(namespace);
      try {
        const config = validatingWebhookConfiguration({
          name: `kube-e2e-${namespace}`,
          caCert: h.tls.caCert,
          webhooks: [scoped(namespace, { url: h.url })],
        });
        await registered(client, [config], async () => {
          await untilCalled(pods, h, pod("probe"));
          const warnings: string[] = [];
          const { kubeconfig, context } = await cluster();
          using warned = await Client.load({
            kubeconfig,
            context,
            onWarning: (message) => warnings.push(message),
          });
          const latest = (name: string, labels: Record<string, string>) => {
            const body = pod(name, labels);
            body.spec!.containers[0].image = "nginx:latest";
            return body;
          };
          const created = await Api.v1Pod(warned).within(namespace).create(
            latest("latest", { team: "shop" }),
          );
          assert.equal(created.metadata.name, "latest");
          assert.deepEqual(warnings, ["container main uses a :latest image"]);
          // A denial's warnings arrive too, beside the ApiError.
          const denied = await Api.v1Pod(warned).within(namespace).create(latest("no-team", {}))
            .catch((e) => e);
          assert.ok(denied instanceof ApiError);
          assert.deepEqual(warnings, [
            "container main uses a :latest image",
            "container main uses a :latest image",
          ]);

          // kubectl, the oracle: it prints the same warning on stderr.
          if (LOCAL) {
            const out = await new Deno.Command("kubectl", {
              args: [
                "--kubeconfig",
                new URL("../cluster/.run/kubeconfig", import.meta.url).pathname,
                "-n",
                namespace,
                "run",
                "by-kubectl",
                "--image=nginx:latest",
                "--dry-run=server",
                "-l",
                "team=shop",
              ],
              stdout: "piped",
              stderr: "piped",
            }).output();
            assert.ok(out.success, new TextDecoder().decode(out.stderr));
            assert.match(
              new TextDecoder().decode(out.stderr),
              /Warning: container by-kubectl uses a :latest image/,
            );
          }
        });
      } finally {
        await h.server.shutdown();
      }
    }),
});

Deno.test({
  name:
    "a dry-run create reaches the webhook marked dryRun, and onDryRun: allow answers it unchecked",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      const strict = await hook({
        validate: (r) => ({ allowed: false, message: `dryRun=${r.dryRun}` }),
      });
      const lenient = await hook({
        validate: () => ({ allowed: false, message: "side effects" }),
        onDryRun: "allow",
      });
      const pods = Api.v1Pod(client).within(namespace);
      try {
        const config = validatingWebhookConfiguration({
          name: `kube-e2e-${namespace}`,
          caCert: strict.tls.caCert,
          webhooks: [
            scoped(namespace, {
              url: strict.url,
              objectSelector: { matchLabels: { hook: "strict" } },
            }),
            scoped(namespace, {
              name: `${namespace}.lenient.kube-e2e.test`,
              url: lenient.url,
              caCert: lenient.tls.caCert,
              sideEffects: "NoneOnDryRun",
              objectSelector: { matchLabels: { hook: "lenient" } },
            }),
          ],
        });
        await registered(client, [config], async () => {
          await untilCalled(pods, strict, pod("probe", { hook: "strict" }));
          const denied = await pods.create(pod("dry", { hook: "strict" }), { dryRun: true }).catch((
            e,
          ) => e);
          assert.ok(denied instanceof ApiError);
          assert.match(denied.status.message ?? "", /denied the request: dryRun=true$/);
          assert.equal(strict.seen.at(-1)?.dryRun, true);
          const real = await pods.create(pod("wet", { hook: "strict" })).catch((e) => e);
          assert.match(real.status.message ?? "", /denied the request: dryRun=false$/);

          await eventually("the lenient webhook", async () => {
            await pods.create(pod("probe", { hook: "lenient" })).catch(() => {});
            return lenient.seen.length > 0;
          });
          const dry = await pods.create(pod("dry", { hook: "lenient" }), { dryRun: true });
          assert.equal(dry.metadata.name, "dry", "allowed without asking the function");
          await assert.rejects(pods.get("dry"), (e) =>
            e instanceof ApiError && e.code === 404, "nothing was persisted");
          await assert.rejects(
            pods.create(pod("wet", { hook: "lenient" })),
            (e) =>
              e instanceof ApiError && /side effects/.test(e.message),
          );
        });
      } finally {
        await strict.server.shutdown();
        await lenient.server.shutdown();
      }
    }),
});

Deno.test({
  name:
    "with the webhook stopped, failurePolicy Fail blocks creates with the API server's error and Ignore lets them through",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      const h = await hook({ validate: () => ({ allowed: true }) });
      const pods = Api.v1Pod(client).within(namespace);
      const policy = (failurePolicy: "Fail" | "Ignore") =>
        scoped(namespace, {
          name: `${failurePolicy.toLowerCase()}.${namespace}.kube-e2e.test`,
          url: h.url,
          failurePolicy,
          objectSelector: { matchLabels: { policy: failurePolicy } },
        });
      let stopped = false;
      try {
        const config = validatingWebhookConfiguration({
          name: `kube-e2e-${namespace}`,
          caCert: h.tls.caCert,
          webhooks: [policy("Fail"), policy("Ignore")],
        });
        await registered(client, [config], async () => {
          await untilCalled(pods, h, pod("probe", { policy: "Fail" }));
          await h.server.shutdown();
          stopped = true;
          const error = await pods.create(pod("blocked", { policy: "Fail" })).then(
            () => undefined,
            (e) => e,
          );
          assert.ok(error instanceof ApiError, `${error}`);
          assert.equal(error.code, 500);
          assert.equal(error.reason, "InternalError");
          assert.match(
            error.status.message ?? "",
            new RegExp(
              `failed calling webhook "fail\\.${namespace}\\.kube-e2e\\.test": .*connection refused`,
            ),
          );
          const through = await pods.create(pod("through", { policy: "Ignore" }));
          assert.equal(through.metadata.name, "through");
          await assert.rejects(pods.get("blocked"), (e) => e instanceof ApiError && e.code === 404);
        });
      } finally {
        if (!stopped) await h.server.shutdown();
      }
    }),
});

Deno.test({
  name:
    "the webhook keeps answering the API server through certificate rotations, its CA's included",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      // Old connections are let go 200 ms after each rotation, so the API server must reconnect and verify the new certificate.
      const h = await hook(teamPolicy, 200);
      const pods = Api.v1Pod(client).within(namespace);
      try {
        const config = validatingWebhookConfiguration({
          name: `kube-e2e-${namespace}`,
          caCert: h.tls.caCert,
          webhooks: [scoped(namespace, { url: h.url, failurePolicy: "Fail" })],
        });
        await registered(client, [config], async () => {
          await untilCalled(pods, h, pod("probe"));
          let stop = false;
          const failures: unknown[] = [];
          let created = 0;
          const creating = (async () => {
            for (let i = 0; !stop; i++) {
              await pods.create(pod(`p-${i}`, { team: "shop" }), { dryRun: true }).then(
                () => created++,
                (e) => failures.push(e),
              );
            }
          })();
          const ca = { cert: h.tls.caCert, key: h.tls.caKey! };
          const flowing = async (what: string, count: number) => {
            const before = created;
            await eventually(what, () => created >= before + count);
          };
          // Serving certificates renewed under the same CA.
          for (let rotation = 0; rotation < 5; rotation++) {
            await flowing("creates to flow", 5);
            await h.server.rotate(
              await createWebhookCertificates({ ipAddresses: ["127.0.0.1"], ca }),
            );
          }
          // The CA itself replaced: trust both, serve the new one, then trust the new one alone,
          // at a new path that tells when the API server follows the last configuration.
          const next = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
          const webhooksAt = (caCert: string, path: string) =>
            validatingWebhookConfiguration({
              name: config.metadata.name!,
              caCert,
              webhooks: [scoped(namespace, { url: `${h.url}${path}`, failurePolicy: "Fail" })],
            });
          const update = async (changed: ValidatingWebhookConfiguration) => {
            const current = await validating(client).get(changed.metadata.name!);
            await validating(client).replace(changed.metadata.name!, {
              ...changed,
              metadata: current.metadata,
            });
          };
          await flowing("creates to flow", 5);
          await update(webhooksAt(h.tls.caCert + next.caCert, "both"));
          await eventually("the API server to trust both CAs", () => h.paths.at(-1) === "/both");
          await h.server.rotate(next);
          await flowing("creates on the new CA's certificate", 5);
          await update(webhooksAt(next.caCert, "new"));
          await eventually("the API server to trust the new CA alone", () =>
            h.paths.at(-1) === "/new");
          await flowing("creates verified by the new CA alone", 10);
          // A client of the old CA is now refused: the old certificate is no longer served.
          using old = Deno.createHttpClient({ caCerts: [h.tls.caCert] });
          await assert.rejects(fetch(h.url, { client: old, method: "POST" }));
          stop = true;
          await creating;
          assert.deepEqual(failures, []);
          const denied = await pods.create(pod("no-team")).catch((e) =>
            e
          );
          assert.match(denied.message, /a team label is required/);
        });
      } finally {
        await h.server.shutdown();
      }
    }),
});

Deno.test({
  name:
    "examples/admission_webhook.ts denies, warns and mutates pods in its namespace, then cleans up",
  ignore: !LOCAL,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withNamespace(async (namespace, client) => {
      const example = await startExample("admission_webhook.ts", [
        "--url",
        "https://127.0.0.1:0",
        "--listen",
        "127.0.0.1",
        "--namespace",
        namespace,
      ]);
      const pods = Api.v1Pod(client).within(namespace);
      try {
        await eventually("the example to be ready", () => example.output().includes("\nready\n"));
        await eventually("the webhooks to be called", async () => {
          await pods.create(pod("probe"), { dryRun: true }).catch(() => {});
          return example.output().includes(`validate CREATE ${namespace}/probe`);
        });
        const denied = await pods.create(pod("nolabel")).catch((e) => e);
        assert.ok(denied instanceof ApiError);
        assert.match(
          denied.message,
          /admission webhook "team\.pods\.example\.com" denied the request: a team label is required/,
        );
        const created = await pods.create(pod("web", { team: "shop" }));
        assert.equal(created.metadata.labels?.environment, "dev");
        assert.match(
          example.output(),
          new RegExp(`mutate CREATE ${namespace}/web: added environment=dev`),
        );
        assert.match(example.output(), new RegExp(`validate CREATE ${namespace}/web: allowed`));
      } finally {
        example.kill("SIGTERM");
        assert.equal(await example.status, 0, example.output());
      }
      assert.match(example.output(), /deleted both admission-webhook-example configurations/);
      await assert.rejects(validating(client).get("admission-webhook-example"), (e) =>
        e instanceof ApiError && e.code === 404);
      await assert.rejects(mutating(client).get("admission-webhook-example"), (e) =>
        e instanceof ApiError && e.code === 404);
    }),
});
