/**
 * The ValidatingWebhookConfiguration and MutatingWebhookConfiguration that
 * register a webhook with the API server, rendered from a few choices, with
 * the CA bundle that lets it trust the webhook's certificate.
 *
 * @module
 */

import { KubeError } from "../errors.ts";
import type { LabelSelector } from "../types/meta.ts";
import type {
  FailurePolicyType,
  MatchCondition,
  MatchPolicyType,
  MutatingWebhook,
  MutatingWebhookConfiguration,
  ReinvocationPolicyType,
  RuleWithOperations,
  ServiceReference,
  SideEffectClass,
  ValidatingWebhook,
  ValidatingWebhookConfiguration,
  WebhookClientConfig,
} from "../types/admissionregistration_v1.ts";
import { caBundle } from "./certificates.ts";

/**
 * One webhook of a configuration. Exactly one of `url` and `service` says
 * where the API server posts; `caCert` (or the configuration's) is the PEM
 * CA it verifies the webhook with.
 *
 * @example
 * ```ts
 * import type { WebhookOptions } from "./configuration.ts";
 * const webhook: WebhookOptions = {
 *   name: "team-label.pods.example.com",
 *   service: { namespace: "policy", name: "webhook", path: "/validate", port: 8443 },
 *   rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
 *   namespaceSelector: { matchLabels: { "policy.example.com/enforce": "true" } },
 * };
 * ```
 */
export interface WebhookOptions {
  /** A fully qualified name of at least three labels, e.g. `team-label.pods.example.com`, unique in the configuration. */
  name: string;
  /** `https://host:port/path` of a webhook the API server reaches directly. */
  url?: string;
  /** The Service in front of the webhook, for one running in the cluster. */
  service?: ServiceReference;
  /** The PEM CA certificate that signed the webhook's; the configuration's `caCert` by default. */
  caCert?: string;
  /** What the webhook is called for. */
  rules: RuleWithOperations[];
  /** What happens when the webhook cannot be reached or errs: `Fail` (refuse the request, the API server's default) or `Ignore`. */
  failurePolicy?: FailurePolicyType;
  /** `None` (the default), or `NoneOnDryRun` for a webhook that holds back its side effects on dry runs. */
  sideEffects?: SideEffectClass;
  /** How long the API server waits for an answer, 1 to 30 s: 10. Give the handler the same (`timeoutMs`). */
  timeoutSeconds?: number;
  /** CEL expressions that must all be true for the webhook to be called (Kubernetes 1.30+). */
  matchConditions?: MatchCondition[];
  /** Only objects in namespaces whose labels match. */
  namespaceSelector?: LabelSelector;
  /** Only objects whose labels match. */
  objectSelector?: LabelSelector;
  /** `Equivalent` (the default) also calls the webhook for other versions of a matching resource, converted. */
  matchPolicy?: MatchPolicyType;
  /** Mutating webhooks only: `IfNeeded` calls it again when a later webhook changed the object. */
  reinvocationPolicy?: ReinvocationPolicyType;
}

/**
 * A configuration: its name and labels, the webhooks, and the CA they share.
 *
 * @example
 * ```ts
 * import type { WebhookConfigurationOptions } from "./configuration.ts";
 * const options: WebhookConfigurationOptions = {
 *   name: "pod-policy",
 *   caCert: "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n",
 *   webhooks: [],
 * };
 * ```
 */
export interface WebhookConfigurationOptions {
  /** The configuration's name (cluster-scoped). */
  name: string;
  /** Labels of the configuration, e.g. the app that owns it. */
  labels?: Record<string, string>;
  /** The PEM CA certificate for every webhook that names none. */
  caCert?: string;
  /** The webhooks. */
  webhooks: WebhookOptions[];
}

const GROUP_VERSION = "admissionregistration.k8s.io/v1";

/**
 * Renders a ValidatingWebhookConfiguration: ready for `Api.create`, a
 * server-side apply, or a YAML file. Every webhook gets
 * `admissionReviewVersions: ["v1"]` (what `admissionHandler` serves),
 * `sideEffects: None`, `failurePolicy: Fail` and `timeoutSeconds: 10`
 * unless told otherwise, and its `caBundle` from the PEM CA.
 *
 * @param options The configuration.
 * @returns The object.
 * @throws {KubeError} When a webhook has neither or both of `url` and `service`, an `http:` or unparsable `url`, a name of fewer than three labels, a repeated name, no rules, no CA, or a timeout out of 1-30 s.
 *
 * @example
 * ```ts
 * import { validatingWebhookConfiguration } from "./configuration.ts";
 * const config = validatingWebhookConfiguration({
 *   name: "pod-policy",
 *   caCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
 *   webhooks: [{
 *     name: "team-label.pods.example.com",
 *     url: "https://127.0.0.1:8443/",
 *     rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
 *   }],
 * });
 * console.assert(config.webhooks![0].admissionReviewVersions[0] === "v1");
 * ```
 */
export function validatingWebhookConfiguration(
  options: WebhookConfigurationOptions,
): ValidatingWebhookConfiguration {
  return {
    apiVersion: GROUP_VERSION,
    kind: "ValidatingWebhookConfiguration",
    metadata: { name: options.name, ...(options.labels ? { labels: options.labels } : {}) },
    webhooks: webhooks(options, "ValidatingWebhookConfiguration").map((w): ValidatingWebhook => {
      const { reinvocationPolicy: _, ...webhook } = w;
      return webhook;
    }),
  };
}

/**
 * Renders a MutatingWebhookConfiguration, as
 * {@linkcode validatingWebhookConfiguration} does, with each webhook's
 * `reinvocationPolicy` (`Never` by default).
 *
 * @param options The configuration.
 * @returns The object.
 * @throws {KubeError} As {@linkcode validatingWebhookConfiguration}.
 *
 * @example
 * ```ts
 * import { mutatingWebhookConfiguration } from "./configuration.ts";
 * const config = mutatingWebhookConfiguration({
 *   name: "pod-defaults",
 *   caCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
 *   webhooks: [{
 *     name: "default-team.pods.example.com",
 *     service: { namespace: "policy", name: "webhook", path: "/mutate" },
 *     rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
 *     reinvocationPolicy: "IfNeeded",
 *   }],
 * });
 * console.assert(config.kind === "MutatingWebhookConfiguration");
 * ```
 */
export function mutatingWebhookConfiguration(
  options: WebhookConfigurationOptions,
): MutatingWebhookConfiguration {
  return {
    apiVersion: GROUP_VERSION,
    kind: "MutatingWebhookConfiguration",
    metadata: { name: options.name, ...(options.labels ? { labels: options.labels } : {}) },
    webhooks: webhooks(options, "MutatingWebhookConfiguration"),
  };
}

function webhooks(options: WebhookConfigurationOptions, kind: string): MutatingWebhook[] {
  const seen = new Set<string>();
  return options.webhooks.map((w) => {
    const fail = (what: string): never => {
      throw new KubeError(`${kind} ${options.name}: webhook ${JSON.stringify(w.name)} ${what}`);
    };
    if (w.name.split(".").filter(Boolean).length < 3) {
      fail("needs a fully qualified name of at least three labels, e.g. check.pods.example.com");
    }
    if (seen.has(w.name)) fail("is named twice");
    seen.add(w.name);
    if ((w.url === undefined) === (w.service === undefined)) {
      fail("needs exactly one of url and service");
    }
    if (w.url !== undefined) {
      let url: URL | undefined;
      try {
        url = new URL(w.url);
      } catch {
        fail(`has a url that does not parse`);
      }
      if (url!.protocol !== "https:") {
        fail("needs an https: url (the API server calls webhooks over TLS only)");
      }
      if (url!.username || url!.password || url!.search || url!.hash) {
        fail("has a url with a user, password, query or fragment, which the API server refuses");
      }
    }
    if (w.rules.length === 0) fail("has no rules, so the API server would never call it");
    const ca = w.caCert ?? options.caCert;
    if (!ca || !ca.includes("-----BEGIN CERTIFICATE-----")) {
      fail("needs caCert (or the configuration's): the PEM CA that signed its certificate");
    }
    const timeoutSeconds = w.timeoutSeconds ?? 10;
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 30) {
      fail("needs a timeoutSeconds from 1 to 30");
    }
    const clientConfig: WebhookClientConfig = w.url !== undefined
      ? { url: w.url, caBundle: caBundle(ca!) }
      : { service: w.service, caBundle: caBundle(ca!) };
    const webhook: MutatingWebhook = {
      name: w.name,
      clientConfig,
      rules: w.rules,
      failurePolicy: w.failurePolicy ?? "Fail",
      sideEffects: w.sideEffects ?? "None",
      timeoutSeconds,
      admissionReviewVersions: ["v1"],
    };
    if (w.matchPolicy) webhook.matchPolicy = w.matchPolicy;
    if (w.namespaceSelector) webhook.namespaceSelector = w.namespaceSelector;
    if (w.objectSelector) webhook.objectSelector = w.objectSelector;
    if (w.matchConditions) webhook.matchConditions = w.matchConditions;
    if (w.reinvocationPolicy) webhook.reinvocationPolicy = w.reinvocationPolicy;
    return webhook;
  });
}
