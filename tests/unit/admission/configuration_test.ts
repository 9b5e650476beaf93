/**
 * Tests of the webhook configurations rendered for the API server.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  KubeError,
  mutatingWebhookConfiguration,
  validatingWebhookConfiguration,
  type WebhookOptions,
} from "../../../mod.ts";

const CA = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
const PODS = [{
  operations: ["CREATE" as const],
  apiGroups: [""],
  apiVersions: ["v1"],
  resources: ["pods"],
}];

Deno.test("validatingWebhookConfiguration fills in v1 reviews, the caBundle and the API server's defaults", () => {
  assert.deepEqual(
    validatingWebhookConfiguration({
      name: "pod-policy",
      labels: { app: "policy" },
      caCert: CA,
      webhooks: [{
        name: "team.pods.example.com",
        url: "https://127.0.0.1:8443/validate",
        rules: PODS,
      }],
    }),
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: "pod-policy", labels: { app: "policy" } },
      webhooks: [{
        name: "team.pods.example.com",
        clientConfig: { url: "https://127.0.0.1:8443/validate", caBundle: btoa(CA) },
        rules: PODS,
        failurePolicy: "Fail",
        sideEffects: "None",
        timeoutSeconds: 10,
        admissionReviewVersions: ["v1"],
      }],
    },
  );
});

Deno.test("webhook configurations carry every choice given, and only a mutating one its reinvocationPolicy", () => {
  const webhook: WebhookOptions = {
    name: "defaults.pods.example.com",
    service: { namespace: "policy", name: "webhook", path: "/mutate", port: 8443 },
    caCert: CA,
    rules: PODS,
    failurePolicy: "Ignore",
    sideEffects: "NoneOnDryRun",
    timeoutSeconds: 3,
    matchPolicy: "Exact",
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } },
    objectSelector: { matchExpressions: [{ key: "skip", operator: "DoesNotExist" }] },
    matchConditions: [{
      name: "not-kube-system",
      expression: "request.namespace != 'kube-system'",
    }],
    reinvocationPolicy: "IfNeeded",
  };
  const expected = {
    name: "defaults.pods.example.com",
    clientConfig: {
      service: { namespace: "policy", name: "webhook", path: "/mutate", port: 8443 },
      caBundle: btoa(CA),
    },
    rules: PODS,
    failurePolicy: "Ignore",
    sideEffects: "NoneOnDryRun",
    timeoutSeconds: 3,
    admissionReviewVersions: ["v1"],
    matchPolicy: "Exact",
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } },
    objectSelector: { matchExpressions: [{ key: "skip", operator: "DoesNotExist" }] },
    matchConditions: [{
      name: "not-kube-system",
      expression: "request.namespace != 'kube-system'",
    }],
  };
  const mutating = mutatingWebhookConfiguration({ name: "pod-defaults", webhooks: [webhook] });
  assert.equal(mutating.kind, "MutatingWebhookConfiguration");
  assert.deepEqual(mutating.metadata, { name: "pod-defaults" });
  assert.deepEqual(mutating.webhooks, [{ ...expected, reinvocationPolicy: "IfNeeded" }]);
  const validating = validatingWebhookConfiguration({ name: "pod-defaults", webhooks: [webhook] });
  assert.deepEqual(validating.webhooks, [expected]);
});

Deno.test("webhook configurations refuse what the API server would, naming the webhook", () => {
  const base: WebhookOptions = { name: "a.b.example.com", url: "https://h:1/", rules: PODS };
  const cases: [Partial<WebhookOptions>, string][] = [
    [{ name: "example.com" }, "needs a fully qualified name of at least three labels"],
    [{ url: undefined }, "needs exactly one of url and service"],
    [{ service: { namespace: "n", name: "s" } }, "needs exactly one of url and service"],
    [{ url: "http://h:1/" }, "needs an https: url"],
    [{ url: "https://h:1/?a=1" }, "has a url with a user, password, query or fragment"],
    [{ url: "not a url" }, "has a url that does not parse"],
    [{ rules: [] }, "has no rules"],
    [{ timeoutSeconds: 31 }, "needs a timeoutSeconds from 1 to 30"],
    [{ timeoutSeconds: 0 }, "needs a timeoutSeconds from 1 to 30"],
  ];
  for (const [change, message] of cases) {
    const webhook = { ...base, ...change } as WebhookOptions;
    assert.throws(
      () => validatingWebhookConfiguration({ name: "cfg", caCert: CA, webhooks: [webhook] }),
      (e) =>
        e instanceof KubeError &&
        e.message.startsWith(
          `ValidatingWebhookConfiguration cfg: webhook "${webhook.name}" ${message}`,
        ),
      message,
    );
  }
  assert.throws(
    () => mutatingWebhookConfiguration({ name: "cfg", webhooks: [base] }),
    /MutatingWebhookConfiguration cfg: webhook "a.b.example.com" needs caCert/,
  );
  assert.throws(
    () => validatingWebhookConfiguration({ name: "cfg", caCert: CA, webhooks: [base, base] }),
    /webhook "a.b.example.com" is named twice/,
  );
});
