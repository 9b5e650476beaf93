/**
 * admissionregistration.k8s.io/v1: the admission webhooks the API server
 * calls (ValidatingWebhookConfiguration, MutatingWebhookConfiguration) and
 * the CEL policies it evaluates itself (ValidatingAdmissionPolicy and its
 * binding), with every field of Kubernetes 1.37.
 *
 * @module
 */

import type { Condition, KubeList, KubeObject, LabelSelector } from "./meta.ts";

/**
 * Where the webhook's Service lives: the API server reaches it through the
 * cluster's service network.
 *
 * This is admissionregistration.k8s.io/v1 `ServiceReference`; the CRD
 * conversion webhook's one is {@linkcode ConversionServiceReference} in
 * apiextensions_v1.ts.
 *
 * @example
 * ```ts
 * import type { ServiceReference } from "./admissionregistration_v1.ts";
 * const service: ServiceReference = { namespace: "webhooks", name: "policy", path: "/validate", port: 8443 };
 * ```
 */
export interface ServiceReference {
  /** Namespace of the Service. */
  namespace: string;
  /** Name of the Service. */
  name: string;
  /** URL path the API server posts to. */
  path?: string;
  /** Port of the Service (1-65535); 443 if unset. */
  port?: number;
}

/**
 * How the API server reaches a webhook over TLS: a URL or a Service (exactly
 * one), and the CA that signed the webhook's certificate.
 *
 * This is admissionregistration.k8s.io/v1 `WebhookClientConfig`; the CRD
 * conversion webhook's one is {@linkcode ConversionWebhookClientConfig} in
 * apiextensions_v1.ts.
 *
 * @example
 * ```ts
 * import type { WebhookClientConfig } from "./admissionregistration_v1.ts";
 * const config: WebhookClientConfig = { url: "https://127.0.0.1:9443/validate", caBundle: "LS0tLS1CRUdJTi..." };
 * ```
 */
export interface WebhookClientConfig {
  /**
   * `https://host:port/path` of a webhook outside the cluster's service
   * network; no user, password, query or fragment. Excludes `service`.
   */
  url?: string;
  /** The in-cluster Service that serves the webhook. Excludes `url`. */
  service?: ServiceReference;
  /**
   * Base64 of the PEM CA bundle that verifies the webhook's serving
   * certificate; the API server's system roots if unset.
   */
  caBundle?: string;
}

/** An admission operation a rule can name; `*` is every one, present and future. */
export type AdmissionOperation = "CREATE" | "UPDATE" | "DELETE" | "CONNECT" | "*";

/**
 * Which resources in which scope: `Cluster`, `Namespaced`, or `*` (either,
 * the default). Subresources take their parent's scope; Namespace objects
 * are cluster-scoped.
 */
export type RuleScope = "Cluster" | "Namespaced" | "*";

/**
 * The operations on resources that a webhook is called for. A request
 * matches if it matches any one rule; every combination of the lists should
 * name something real.
 *
 * @example
 * ```ts
 * import type { RuleWithOperations } from "./admissionregistration_v1.ts";
 * const rule: RuleWithOperations = {
 *   operations: ["CREATE", "UPDATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"],
 * };
 * ```
 */
export interface RuleWithOperations {
  /** The operations; `*` alone means all of them. */
  operations?: AdmissionOperation[];
  /** API groups (`""` is core); `*` alone means every group. */
  apiGroups?: string[];
  /** API versions; `*` alone means every version. */
  apiVersions?: string[];
  /**
   * Resources, optionally with a subresource: `pods`, `pods/log`, `pods/*`
   * (every subresource of pods), `*` (every resource, no subresources); a
   * `*` before the slash stands for every resource.
   */
  resources?: string[];
  /** Cluster-scoped, namespaced, or both (`*`, the default). */
  scope?: RuleScope;
}

/**
 * A CEL expression that must hold for a webhook to be called (or a policy
 * evaluated), after its rules and selectors matched. It sees `object`,
 * `oldObject`, `request` and `authorizer` and must return a bool.
 *
 * @example
 * ```ts
 * import type { MatchCondition } from "./admissionregistration_v1.ts";
 * const skipNodes: MatchCondition = {
 *   name: "not-a-node",
 *   expression: "!request.userInfo.username.startsWith('system:node:')",
 * };
 * ```
 */
export interface MatchCondition {
  /**
   * Identifies the condition in merges and logs: a qualified name with an
   * optional DNS subdomain prefix (`example.com/not-a-node`).
   */
  name: string;
  /** The CEL expression; it must evaluate to a bool. */
  expression: string;
}

/**
 * What happens when a webhook or policy cannot give an answer (it errs,
 * times out or is misconfigured): `Fail` (the default) rejects the request,
 * `Ignore` lets it through.
 */
export type FailurePolicyType = "Ignore" | "Fail";

/**
 * How rules match a request made through another version or group of the
 * same resource: `Exact` only matches the version named, `Equivalent` (the
 * default) matches the request converted to a version named.
 */
export type MatchPolicyType = "Exact" | "Equivalent";

/**
 * Whether calling a webhook changes anything outside the object: `None`,
 * `NoneOnDryRun` (it has effects but skips them on dry runs), or, only on
 * webhooks created through v1beta1, `Some` and `Unknown`. A dry-run request
 * is rejected by a matching webhook that declares `Some` or `Unknown`.
 */
export type SideEffectClass = "None" | "NoneOnDryRun" | "Some" | "Unknown";

/**
 * One webhook of a {@linkcode ValidatingWebhookConfiguration}: where it is,
 * which requests it sees, and how its failures count.
 *
 * @example
 * ```ts
 * import type { ValidatingWebhook } from "./admissionregistration_v1.ts";
 * const webhook: ValidatingWebhook = {
 *   name: "team-label.example.com",
 *   clientConfig: { service: { namespace: "webhooks", name: "policy", path: "/validate" } },
 *   rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
 *   sideEffects: "None",
 *   admissionReviewVersions: ["v1"],
 * };
 * ```
 */
export interface ValidatingWebhook {
  /** Fully qualified name of the webhook, e.g. `team-label.example.com`. */
  name: string;
  /** How to reach the webhook. */
  clientConfig: WebhookClientConfig;
  /**
   * The operations and resources it is called for (never for webhook
   * configurations themselves, so that a broken webhook cannot lock them).
   */
  rules?: RuleWithOperations[];
  /** What an error or timeout of the webhook does; `Fail` if unset. */
  failurePolicy?: FailurePolicyType;
  /** How `rules` match other versions of a resource; `Equivalent` if unset. */
  matchPolicy?: MatchPolicyType;
  /**
   * Calls the webhook only for objects whose namespace's labels match (for
   * a Namespace, its own labels; other cluster-scoped objects always match).
   * Empty matches every namespace.
   */
  namespaceSelector?: LabelSelector;
  /**
   * Calls the webhook only when the old or the new object's labels match.
   * Users can dodge it by changing labels: use it for opt-in webhooks only.
   */
  objectSelector?: LabelSelector;
  /** Whether the call has effects outside the object (required). */
  sideEffects: SideEffectClass;
  /** Seconds to wait for an answer, 1 to 30; 10 if unset. */
  timeoutSeconds?: number;
  /**
   * AdmissionReview versions the webhook understands, most preferred
   * first; the API server sends the first one it knows (e.g. `["v1"]`).
   */
  admissionReviewVersions: string[];
  /**
   * CEL conditions that must all hold, checked after rules and selectors;
   * at most 64. A condition that errs follows `failurePolicy`.
   */
  matchConditions?: MatchCondition[];
}

/**
 * Whether a mutating webhook is called again when later admission plugins
 * change the object after it: `Never` (the default) or `IfNeeded`.
 */
export type ReinvocationPolicyType = "Never" | "IfNeeded";

/**
 * One webhook of a {@linkcode MutatingWebhookConfiguration}: like a
 * {@linkcode ValidatingWebhook}, and it may patch the object and be called
 * again after other mutations.
 *
 * @example
 * ```ts
 * import type { MutatingWebhook } from "./admissionregistration_v1.ts";
 * const webhook: MutatingWebhook = {
 *   name: "defaults.example.com",
 *   clientConfig: { url: "https://127.0.0.1:9443/mutate" },
 *   rules: [{ operations: ["CREATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"] }],
 *   sideEffects: "None",
 *   admissionReviewVersions: ["v1"],
 *   reinvocationPolicy: "IfNeeded",
 * };
 * ```
 */
export interface MutatingWebhook {
  /** Fully qualified name of the webhook, e.g. `defaults.example.com`. */
  name: string;
  /** How to reach the webhook. */
  clientConfig: WebhookClientConfig;
  /**
   * The operations and resources it is called for (never for webhook
   * configurations themselves).
   */
  rules?: RuleWithOperations[];
  /** What an error or timeout of the webhook does; `Fail` if unset. */
  failurePolicy?: FailurePolicyType;
  /** How `rules` match other versions of a resource; `Equivalent` if unset. */
  matchPolicy?: MatchPolicyType;
  /**
   * Calls the webhook only for objects whose namespace's labels match (for
   * a Namespace, its own labels; other cluster-scoped objects always match).
   */
  namespaceSelector?: LabelSelector;
  /** Calls the webhook only when the old or the new object's labels match. */
  objectSelector?: LabelSelector;
  /** Whether the call has effects outside the object (required). */
  sideEffects: SideEffectClass;
  /** Seconds to wait for an answer, 1 to 30; 10 if unset. */
  timeoutSeconds?: number;
  /** AdmissionReview versions the webhook understands, most preferred first. */
  admissionReviewVersions: string[];
  /**
   * `IfNeeded` calls the webhook at least once more if other plugins change
   * the object after it (so it must be idempotent); `Never` if unset.
   */
  reinvocationPolicy?: ReinvocationPolicyType;
  /** CEL conditions that must all hold, checked after rules and selectors; at most 64. */
  matchConditions?: MatchCondition[];
}

/**
 * A ValidatingWebhookConfiguration (cluster-scoped): webhooks that accept
 * or reject requests without changing the object.
 *
 * @example
 * ```ts
 * import type { ValidatingWebhookConfiguration } from "./admissionregistration_v1.ts";
 * const config: ValidatingWebhookConfiguration = {
 *   apiVersion: "admissionregistration.k8s.io/v1",
 *   kind: "ValidatingWebhookConfiguration",
 *   metadata: { name: "team-label" },
 *   webhooks: [{
 *     name: "team-label.example.com",
 *     clientConfig: { url: "https://127.0.0.1:9443/validate", caBundle: "LS0tLS1CRUdJTi..." },
 *     rules: [{ operations: ["CREATE", "UPDATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
 *     failurePolicy: "Fail",
 *     sideEffects: "None",
 *     admissionReviewVersions: ["v1"],
 *     timeoutSeconds: 5,
 *   }],
 * };
 * ```
 */
export interface ValidatingWebhookConfiguration extends KubeObject<never, never> {
  /** The webhooks, each with the requests it sees. */
  webhooks?: ValidatingWebhook[];
}

/** A page of ValidatingWebhookConfigurations, as `list` returns it. */
export type ValidatingWebhookConfigurationList = KubeList<ValidatingWebhookConfiguration>;

/**
 * A MutatingWebhookConfiguration (cluster-scoped): webhooks that may change
 * the object (by a JSON patch in their answer) as well as reject it. They
 * run before the validating ones.
 *
 * @example
 * ```ts
 * import type { MutatingWebhookConfiguration } from "./admissionregistration_v1.ts";
 * const config: MutatingWebhookConfiguration = {
 *   apiVersion: "admissionregistration.k8s.io/v1",
 *   kind: "MutatingWebhookConfiguration",
 *   metadata: { name: "defaults" },
 *   webhooks: [{
 *     name: "defaults.example.com",
 *     clientConfig: { service: { namespace: "webhooks", name: "defaults", path: "/mutate" } },
 *     rules: [{ operations: ["CREATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"] }],
 *     sideEffects: "None",
 *     admissionReviewVersions: ["v1"],
 *     objectSelector: { matchLabels: { "example.com/defaults": "on" } },
 *   }],
 * };
 * ```
 */
export interface MutatingWebhookConfiguration extends KubeObject<never, never> {
  /** The webhooks, each with the requests it sees. */
  webhooks?: MutatingWebhook[];
}

/** A page of MutatingWebhookConfigurations, as `list` returns it. */
export type MutatingWebhookConfigurationList = KubeList<MutatingWebhookConfiguration>;

/**
 * The kind of object that parameterises a policy; its instances reach the
 * policy's expressions as `params`.
 *
 * @example
 * ```ts
 * import type { ParamKind } from "./admissionregistration_v1.ts";
 * const kind: ParamKind = { apiVersion: "v1", kind: "ConfigMap" };
 * ```
 */
export interface ParamKind {
  /** `group/version` of the kind (`v1` for core). */
  apiVersion?: string;
  /** The kind, e.g. `ConfigMap`. */
  kind?: string;
}

/**
 * A {@linkcode RuleWithOperations} that can also be limited to objects of
 * certain names.
 *
 * @example
 * ```ts
 * import type { NamedRuleWithOperations } from "./admissionregistration_v1.ts";
 * const rule: NamedRuleWithOperations = {
 *   operations: ["DELETE"], apiGroups: [""], apiVersions: ["v1"], resources: ["namespaces"],
 *   resourceNames: ["production"],
 * };
 * ```
 */
export interface NamedRuleWithOperations {
  /** Object names the rule is limited to; empty means every name. */
  resourceNames?: string[];
  /** The operations; `*` alone means all of them. */
  operations?: AdmissionOperation[];
  /** API groups (`""` is core); `*` alone means every group. */
  apiGroups?: string[];
  /** API versions; `*` alone means every version. */
  apiVersions?: string[];
  /** Resources, optionally with a subresource (`pods`, `pods/log`, `pods/*`, `*`, ...). */
  resources?: string[];
  /** Cluster-scoped, namespaced, or both (`*`, the default). */
  scope?: RuleScope;
}

/**
 * Which requests a policy (or a binding) applies to. A request must match
 * the selectors and some `resourceRules`, and no `excludeResourceRules`
 * (exclusion wins).
 *
 * @example
 * ```ts
 * import type { MatchResources } from "./admissionregistration_v1.ts";
 * const match: MatchResources = {
 *   resourceRules: [{ operations: ["CREATE", "UPDATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"] }],
 *   namespaceSelector: { matchExpressions: [{ key: "environment", operator: "In", values: ["prod"] }] },
 * };
 * ```
 */
export interface MatchResources {
  /**
   * Applies only to objects whose namespace's labels match (for a
   * Namespace, its own labels; other cluster-scoped objects always match).
   */
  namespaceSelector?: LabelSelector;
  /** Applies only when the old or the new object's labels match. */
  objectSelector?: LabelSelector;
  /** Operations and resources it applies to; any one rule suffices. */
  resourceRules?: NamedRuleWithOperations[];
  /** Operations and resources it never applies to, even if included. */
  excludeResourceRules?: NamedRuleWithOperations[];
  /** How the rules match other versions of a resource; `Equivalent` if unset. */
  matchPolicy?: MatchPolicyType;
}

/**
 * One CEL check of a ValidatingAdmissionPolicy: the request is refused (or
 * warned about, or audited, as the binding says) when it is false.
 *
 * @example
 * ```ts
 * import type { Validation } from "./admissionregistration_v1.ts";
 * const v: Validation = {
 *   expression: "object.spec.replicas <= 5",
 *   messageExpression: "'at most 5 replicas, not ' + string(object.spec.replicas)",
 *   reason: "Invalid",
 * };
 * ```
 */
export interface Validation {
  /**
   * The CEL expression, a bool. It sees `object`, `oldObject`, `request`,
   * `params`, `namespaceObject`, `variables` and `authorizer`.
   */
  expression: string;
  /**
   * The refusal's message, on one line; required if `expression` spans
   * lines. `failed expression: ...` if unset.
   */
  message?: string;
  /**
   * Why it failed, machine-readable: `Unauthorized`, `Forbidden`,
   * `Invalid` (the default) or `RequestEntityTooLarge`; the first failing
   * validation's reason sets the HTTP status of the answer.
   */
  reason?: string;
  /**
   * A CEL expression that builds the message (a string, with the same
   * variables but `authorizer`); preferred over `message`, which is used
   * if it errs or yields an empty or multi-line string.
   */
  messageExpression?: string;
}

/**
 * An audit annotation a ValidatingAdmissionPolicy adds to the audit event
 * of each request it evaluates.
 *
 * @example
 * ```ts
 * import type { AuditAnnotation } from "./admissionregistration_v1.ts";
 * const a: AuditAnnotation = {
 *   key: "high-replica-count",
 *   valueExpression: "object.spec.replicas > 50 ? 'replicas: ' + string(object.spec.replicas) : null",
 * };
 * ```
 */
export interface AuditAnnotation {
  /**
   * A qualified name of at most 63 bytes, unique in the policy; recorded
   * as `POLICY_NAME/KEY`.
   */
  key: string;
  /**
   * A CEL expression (at most 5 KB) that yields the value, a string (cut
   * to 10 KB) or null (no annotation). Values of several bindings are
   * joined with commas.
   */
  valueExpression: string;
}

/**
 * A named CEL expression that the policy's other expressions use as
 * `variables.NAME`, evaluated lazily.
 *
 * @example
 * ```ts
 * import type { Variable } from "./admissionregistration_v1.ts";
 * const v: Variable = { name: "replicas", expression: "object.spec.replicas" };
 * ```
 */
export interface Variable {
  /** A CEL identifier, unique among the policy's variables. */
  name: string;
  /**
   * The CEL expression; it may use the variables defined before it in the
   * list, not those after.
   */
  expression: string;
}

/**
 * What a ValidatingAdmissionPolicy checks, on which requests, and what its
 * failures do.
 *
 * @example
 * ```ts
 * import type { ValidatingAdmissionPolicySpec } from "./admissionregistration_v1.ts";
 * const spec: ValidatingAdmissionPolicySpec = {
 *   matchConstraints: {
 *     resourceRules: [{ operations: ["CREATE", "UPDATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"] }],
 *   },
 *   validations: [{ expression: "object.spec.replicas <= 5" }],
 * };
 * ```
 */
export interface ValidatingAdmissionPolicySpec {
  /**
   * The kind of the parameter objects a binding points at; without it the
   * expressions get no `params`.
   */
  paramKind?: ParamKind;
  /**
   * The requests the policy is for (required on the server). It can never
   * match policies and bindings themselves.
   */
  matchConstraints?: MatchResources;
  /** The CEL checks; this and `auditAnnotations` may not both be empty. */
  validations?: Validation[];
  /**
   * What a policy that cannot be evaluated (bad expression, missing
   * parameter kind or object, runtime error) does; `Fail` if unset. It
   * says nothing about validations that are merely false.
   */
  failurePolicy?: FailurePolicyType;
  /** Audit annotations to add to each request's audit event. */
  auditAnnotations?: AuditAnnotation[];
  /**
   * CEL conditions that must all hold for the policy to be evaluated,
   * checked after `matchConstraints`; at most 64. They may use `params`
   * but not `variables`.
   */
  matchConditions?: MatchCondition[];
  /** Named expressions the other expressions (not `matchConditions`) can use. */
  variables?: Variable[];
}

/**
 * A problem the type checker found in one expression of a policy.
 *
 * @example
 * ```ts
 * import type { ExpressionWarning } from "./admissionregistration_v1.ts";
 * const w: ExpressionWarning = { fieldRef: "spec.validations[0].expression", warning: "apps/v1, Kind=Deployment: no such key: replica" };
 * ```
 */
export interface ExpressionWarning {
  /** Path of the field that holds the expression, e.g. `spec.validations[0].expression`. */
  fieldRef: string;
  /** What went wrong, a line per type checked against. */
  warning: string;
}

/**
 * The outcome of type checking a policy's expressions; present once the
 * check has run.
 *
 * @example
 * ```ts
 * import type { TypeChecking } from "./admissionregistration_v1.ts";
 * const t: TypeChecking = { expressionWarnings: [] };
 * ```
 */
export interface TypeChecking {
  /** One warning per expression that did not check. */
  expressionWarnings?: ExpressionWarning[];
}

/**
 * What the API server has made of a ValidatingAdmissionPolicy.
 *
 * @example
 * ```ts
 * import type { ValidatingAdmissionPolicyStatus } from "./admissionregistration_v1.ts";
 * const s: ValidatingAdmissionPolicyStatus = { observedGeneration: 2, typeChecking: { expressionWarnings: [] } };
 * ```
 */
export interface ValidatingAdmissionPolicyStatus {
  /** The generation the status is for. */
  observedGeneration?: number;
  /** Type-checking warnings for the expressions. */
  typeChecking?: TypeChecking;
  /** The policy's conditions. */
  conditions?: Condition[];
}

/**
 * A ValidatingAdmissionPolicy (cluster-scoped): CEL checks that the API
 * server evaluates itself, without a webhook. It does nothing until a
 * {@linkcode ValidatingAdmissionPolicyBinding} binds it.
 *
 * @example
 * ```ts
 * import type { ValidatingAdmissionPolicy } from "./admissionregistration_v1.ts";
 * const policy: ValidatingAdmissionPolicy = {
 *   apiVersion: "admissionregistration.k8s.io/v1",
 *   kind: "ValidatingAdmissionPolicy",
 *   metadata: { name: "replica-limit" },
 *   spec: {
 *     failurePolicy: "Fail",
 *     paramKind: { apiVersion: "v1", kind: "ConfigMap" },
 *     matchConstraints: {
 *       resourceRules: [{ operations: ["CREATE", "UPDATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"] }],
 *     },
 *     variables: [{ name: "limit", expression: "int(params.data.maxReplicas)" }],
 *     validations: [{ expression: "object.spec.replicas <= variables.limit", reason: "Invalid" }],
 *   },
 * };
 * ```
 */
export type ValidatingAdmissionPolicy = KubeObject<
  ValidatingAdmissionPolicySpec,
  ValidatingAdmissionPolicyStatus
>;

/** A page of ValidatingAdmissionPolicies, as `list` returns it. */
export type ValidatingAdmissionPolicyList = KubeList<ValidatingAdmissionPolicy>;

/**
 * What a binding does when its parameters are not found: `Allow` (the
 * request passes) or `Deny` (the policy's `failurePolicy` applies).
 */
export type ParameterNotFoundActionType = "Allow" | "Deny";

/**
 * Which parameter objects a binding feeds to its policy: one by `name`, or
 * every one that `selector` matches (exactly one of the two). With several,
 * the policy runs once per object and all must pass.
 *
 * @example
 * ```ts
 * import type { ParamRef } from "./admissionregistration_v1.ts";
 * const ref: ParamRef = { name: "replica-limit", namespace: "policy", parameterNotFoundAction: "Deny" };
 * ```
 */
export interface ParamRef {
  /** Name of the one parameter object. Excludes `selector`. */
  name?: string;
  /**
   * Namespace to look in, for a namespaced parameter kind (unset for a
   * cluster-scoped one). If unset for a namespaced kind, the namespace of
   * the object under admission is used.
   */
  namespace?: string;
  /** Labels of the parameter objects; `{}` selects all. Excludes `name`. */
  selector?: LabelSelector;
  /** What to do when no parameter object is found (required on the server). */
  parameterNotFoundAction?: ParameterNotFoundActionType;
}

/**
 * How a failed validation is enforced: `Deny` refuses the request, `Warn`
 * sends the client a warning, `Audit` records it in the audit event. `Deny`
 * and `Warn` may not be combined.
 */
export type ValidationAction = "Deny" | "Warn" | "Audit";

/**
 * Which policy a binding enables, with which parameters, on which
 * requests, enforced how.
 *
 * @example
 * ```ts
 * import type { ValidatingAdmissionPolicyBindingSpec } from "./admissionregistration_v1.ts";
 * const spec: ValidatingAdmissionPolicyBindingSpec = { policyName: "replica-limit", validationActions: ["Deny"] };
 * ```
 */
export interface ValidatingAdmissionPolicyBindingSpec {
  /** Name of the ValidatingAdmissionPolicy; a binding to none is ignored. */
  policyName: string;
  /**
   * The parameter objects, for a policy with a `paramKind` (ignored
   * otherwise). If they are missing, the policy's `failurePolicy` applies.
   */
  paramRef?: ParamRef;
  /**
   * Narrows the requests further (it cannot widen the policy's
   * `matchConstraints`); unset means all that the policy matches.
   */
  matchResources?: MatchResources;
  /**
   * What a false validation does, as a set without duplicates. Evaluation
   * failures under `failurePolicy: Fail` are enforced the same way.
   */
  validationActions: ValidationAction[];
}

/**
 * A ValidatingAdmissionPolicyBinding (cluster-scoped): turns a
 * {@linkcode ValidatingAdmissionPolicy} on for some requests, with
 * parameters. Each binding evaluates the policy once per parameter object.
 *
 * @example
 * ```ts
 * import type { ValidatingAdmissionPolicyBinding } from "./admissionregistration_v1.ts";
 * const binding: ValidatingAdmissionPolicyBinding = {
 *   apiVersion: "admissionregistration.k8s.io/v1",
 *   kind: "ValidatingAdmissionPolicyBinding",
 *   metadata: { name: "replica-limit-prod" },
 *   spec: {
 *     policyName: "replica-limit",
 *     validationActions: ["Deny", "Audit"],
 *     paramRef: { name: "replica-limit", namespace: "policy", parameterNotFoundAction: "Deny" },
 *     matchResources: { namespaceSelector: { matchLabels: { environment: "prod" } } },
 *   },
 * };
 * ```
 */
export interface ValidatingAdmissionPolicyBinding
  extends KubeObject<ValidatingAdmissionPolicyBindingSpec, never> {
  /** The policy, parameters, requests and enforcement. */
  spec: ValidatingAdmissionPolicyBindingSpec;
}

/** A page of ValidatingAdmissionPolicyBindings, as `list` returns it. */
export type ValidatingAdmissionPolicyBindingList = KubeList<ValidatingAdmissionPolicyBinding>;
