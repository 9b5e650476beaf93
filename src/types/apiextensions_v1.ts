/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition, with every field of
 * Kubernetes 1.37: names, versions, the structural OpenAPI schema
 * ({@linkcode JSONSchemaProps} with the `x-kubernetes-*` extensions and CEL
 * rules), subresources, printer columns, conversion and status.
 *
 * @module
 */

import type { JsonValue, KubeList, KubeObject, Time } from "./meta.ts";

/**
 * A CRD's names: how its resources are addressed and printed.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionNames } from "./apiextensions_v1.ts";
 * const names: CustomResourceDefinitionNames = { plural: "foos", singular: "foo", kind: "Foo", shortNames: ["f"] };
 * ```
 */
export interface CustomResourceDefinitionNames {
  /**
   * The lower-case plural used in URLs (`/apis/GROUP/VERSION/.../PLURAL`);
   * the CRD's name is `PLURAL.GROUP`.
   */
  plural: string;
  /** The lower-case singular name; the lower-cased kind if unset. */
  singular?: string;
  /** Lower-case short names, e.g. for `kubectl get f`. */
  shortNames?: string[];
  /** The `kind` of the objects, usually singular CamelCase. */
  kind: string;
  /** The `kind` of their lists; `KIND` + `List` if unset. */
  listKind?: string;
  /** Groupings the resource belongs to, e.g. `all` for `kubectl get all`. */
  categories?: string[];
}

/**
 * The JSON types a CRD's schema may name. `null` is refused: a field takes
 * null only where `nullable` says so.
 */
export type JSONSchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

/**
 * `items` of an array schema: one schema for every item, or (refused in a
 * CRD) one per position.
 */
export type JSONSchemaPropsOrArray = JSONSchemaProps | JSONSchemaProps[];

/**
 * `additionalProperties` or `additionalItems`: a schema for the extra
 * members, or a boolean that allows (`true`) or forbids (`false`) them.
 */
export type JSONSchemaPropsOrBool = JSONSchemaProps | boolean;

/**
 * A value of `dependencies`: a schema the object must also satisfy, or the
 * names of properties that must be present too, when the key is present.
 */
export type JSONSchemaPropsOrStringArray = JSONSchemaProps | string[];

/**
 * A link to documentation outside the schema.
 *
 * @example
 * ```ts
 * import type { ExternalDocumentation } from "./apiextensions_v1.ts";
 * const docs: ExternalDocumentation = { description: "The Foo guide", url: "https://example.com/docs/foo" };
 * ```
 */
export interface ExternalDocumentation {
  /** What the link leads to. */
  description?: string;
  /** The URL. */
  url?: string;
}

/**
 * A CEL rule in `x-kubernetes-validations`, evaluated where it sits in the
 * schema with `self` bound to the value there (and `oldSelf` to the old
 * value, for a transition rule).
 *
 * @example
 * ```ts
 * import type { ValidationRule } from "./apiextensions_v1.ts";
 * const rule: ValidationRule = {
 *   rule: "self.minReplicas <= self.maxReplicas",
 *   message: "minReplicas must not exceed maxReplicas",
 *   fieldPath: ".minReplicas",
 *   reason: "FieldValueInvalid",
 * };
 * ```
 */
export interface ValidationRule {
  /**
   * The CEL expression, which must return a bool: e.g.
   * `self.status.actual <= self.spec.maxDesired` at the root. Fields are
   * read as `self.field` and tested with `has(self.field)`; a rule that
   * uses `oldSelf` only runs on updates (unless `optionalOldSelf`).
   */
  rule: string;
  /**
   * The error message, on one line; required if `rule` spans lines.
   * `failed rule: RULE` if unset.
   */
  message?: string;
  /**
   * A CEL expression that builds the message (a string, with the same
   * variables as `rule`); preferred over `message`, which is used if it
   * errs or yields an empty or multi-line string.
   */
  messageExpression?: string;
  /**
   * The reason given back with the error, e.g. `FieldValueInvalid` (the
   * default), `FieldValueForbidden`, `FieldValueRequired`,
   * `FieldValueDuplicate`; clients must accept reasons added later.
   */
  reason?: string;
  /**
   * The field the error names, as a JSON path relative to where the rule
   * sits (`.spec.replicas`, `['dotted.key']`); no list indexes.
   */
  fieldPath?: string;
  /**
   * Runs a transition rule on create too (and where the old value is
   * missing), with `oldSelf` as a CEL optional.
   */
  optionalOldSelf?: boolean;
}

/**
 * A JSON Schema (draft 4, as OpenAPI v3 uses it) with Kubernetes'
 * extensions: the validation, pruning and defaulting schema of a custom
 * resource version. The API server requires it to be structural: every
 * node has a `type` (or `x-kubernetes-int-or-string` /
 * `x-kubernetes-preserve-unknown-fields`), no `$ref`, and not both
 * `properties` and `additionalProperties`.
 *
 * @example
 * ```ts
 * import type { JSONSchemaProps } from "./apiextensions_v1.ts";
 * const schema: JSONSchemaProps = {
 *   type: "object",
 *   properties: {
 *     spec: {
 *       type: "object",
 *       required: ["image"],
 *       properties: {
 *         image: { type: "string", minLength: 1 },
 *         replicas: { type: "integer", minimum: 0, default: 1 },
 *         port: { "x-kubernetes-int-or-string": true },
 *         labels: { type: "object", additionalProperties: { type: "string" } },
 *         extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
 *       },
 *       "x-kubernetes-validations": [{ rule: "self.replicas <= 10", message: "at most 10 replicas" }],
 *     },
 *   },
 * };
 * ```
 */
export interface JSONSchemaProps {
  /** The schema's identifier (JSON Schema `id`); refused in a CRD. */
  id?: string;
  /** The JSON Schema dialect's URI. */
  $schema?: string;
  /** A reference to another schema; refused in a CRD. */
  $ref?: string;
  /** What the value means, for people (and `kubectl explain`). */
  description?: string;
  /** The JSON type of the value. */
  type?: JSONSchemaType;
  /**
   * The format a string must have. Unknown formats are ignored; the API
   * server checks `bsonobjectid`, `uri`, `email`, `hostname`, `ipv4`,
   * `ipv6`, `cidr`, `mac`, `uuid`, `uuid3`, `uuid4`, `uuid5`, `isbn`,
   * `isbn10`, `isbn13`, `creditcard`, `ssn`, `hexcolor`, `rgbcolor`,
   * `byte`, `password`, `date`, `duration` and `datetime`.
   */
  format?: string;
  /** A short title. */
  title?: string;
  /**
   * The value the API server fills in where the field is absent (for
   * objects, where the parent is present); it is pruned and validated like
   * any value.
   */
  default?: JsonValue;
  /** The largest number allowed. */
  maximum?: number;
  /** Makes `maximum` itself disallowed. */
  exclusiveMaximum?: boolean;
  /** The smallest number allowed. */
  minimum?: number;
  /** Makes `minimum` itself disallowed. */
  exclusiveMinimum?: boolean;
  /** The most characters a string may have. */
  maxLength?: number;
  /** The fewest characters a string may have. */
  minLength?: number;
  /** A regular expression a string must match (unanchored). */
  pattern?: string;
  /** The most items an array may have. */
  maxItems?: number;
  /** The fewest items an array may have. */
  minItems?: number;
  /** Items of the array must differ; `true` is refused in a CRD (use `x-kubernetes-list-type: set`). */
  uniqueItems?: boolean;
  /** Numbers must be a multiple of this. */
  multipleOf?: number;
  /** The only values allowed. */
  enum?: JsonValue[];
  /** The most properties an object may have. */
  maxProperties?: number;
  /** The fewest properties an object may have. */
  minProperties?: number;
  /** Properties an object must have. */
  required?: string[];
  /** The schema of an array's items (one schema, not a list, in a CRD). */
  items?: JSONSchemaPropsOrArray;
  /** Schemas the value must all satisfy. */
  allOf?: JSONSchemaProps[];
  /** Schemas of which the value must satisfy exactly one. */
  oneOf?: JSONSchemaProps[];
  /** Schemas of which the value must satisfy at least one. */
  anyOf?: JSONSchemaProps[];
  /** A schema the value must not satisfy. */
  not?: JSONSchemaProps;
  /** The schemas of an object's named properties. */
  properties?: Record<string, JSONSchemaProps>;
  /**
   * The schema of properties not named in `properties` (a map's values),
   * or whether they are allowed; excludes `properties` in a structural
   * schema.
   */
  additionalProperties?: JSONSchemaPropsOrBool;
  /** Schemas for properties whose names match a regular expression (the key); refused in a CRD. */
  patternProperties?: Record<string, JSONSchemaProps>;
  /** What else the object needs when the key property is present; refused in a CRD. */
  dependencies?: Record<string, JSONSchemaPropsOrStringArray>;
  /**
   * The schema of items past those that a per-position `items` covers, or
   * whether they are allowed; refused in a CRD.
   */
  additionalItems?: JSONSchemaPropsOrBool;
  /** Schemas that `$ref` can point at, by name; refused in a CRD. */
  definitions?: Record<string, JSONSchemaProps>;
  /** Where to read more. */
  externalDocs?: ExternalDocumentation;
  /** An example value, for documentation. */
  example?: JsonValue;
  /** Lets the value be null; otherwise a null is pruned before validation. */
  nullable?: boolean;
  /**
   * Keeps fields that the schema does not name instead of pruning them,
   * here and below (until a nested `properties` or `additionalProperties`
   * says otherwise). Only `true` is allowed.
   */
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  /**
   * The value is a whole Kubernetes object (`apiVersion`, `kind` and
   * `metadata` are checked); the type must be `object`.
   */
  "x-kubernetes-embedded-resource"?: boolean;
  /**
   * The value is an integer or a string. `type` is then left out, or given
   * only inside an `anyOf` (or `allOf` of `anyOf`) of `integer` and
   * `string`.
   */
  "x-kubernetes-int-or-string"?: boolean;
  /**
   * The properties that identify an item of a `map`-type list (scalars,
   * each required or defaulted).
   */
  "x-kubernetes-list-map-keys"?: string[];
  /**
   * How an array merges under server-side apply: `atomic` (replaced whole,
   * the default), `set` (unique scalars or atomic items) or `map` (objects
   * keyed by `x-kubernetes-list-map-keys`, order kept).
   */
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  /**
   * How an object merges under server-side apply: `granular` (each key on
   * its own, the default) or `atomic` (replaced whole).
   */
  "x-kubernetes-map-type"?: "granular" | "atomic";
  /** CEL rules the value must satisfy. */
  "x-kubernetes-validations"?: ValidationRule[];
}

/**
 * The schema of one version of a custom resource.
 *
 * @example
 * ```ts
 * import type { CustomResourceValidation } from "./apiextensions_v1.ts";
 * const v: CustomResourceValidation = { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } };
 * ```
 */
export interface CustomResourceValidation {
  /** The structural schema that validates, prunes and defaults objects. */
  openAPIV3Schema?: JSONSchemaProps;
}

/**
 * The `status` subresource of a custom resource: it has no settings, so it
 * is written as an empty object. With it, writes to the object ignore
 * `status` and writes to `/status` change only `status`.
 */
export type CustomResourceSubresourceStatus = Record<string, never>;

/**
 * The `scale` subresource of a custom resource: where its replica counts
 * and selector live, so that `kubectl scale` and a HorizontalPodAutoscaler
 * can use it (as an autoscaling/v1 Scale).
 *
 * @example
 * ```ts
 * import type { CustomResourceSubresourceScale } from "./apiextensions_v1.ts";
 * const scale: CustomResourceSubresourceScale = {
 *   specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector",
 * };
 * ```
 */
export interface CustomResourceSubresourceScale {
  /**
   * JSON path under `.spec` (no array notation) of the desired count; a
   * GET of `/scale` fails while it is absent.
   */
  specReplicasPath: string;
  /**
   * JSON path under `.status` (no array notation) of the observed count;
   * 0 while it is absent.
   */
  statusReplicasPath: string;
  /**
   * JSON path under `.spec` or `.status` of the pods' label selector in
   * string form (`app=web`), which the Scale's `status.selector` shows and
   * a HorizontalPodAutoscaler needs; empty while absent.
   */
  labelSelectorPath?: string;
}

/**
 * The subresources a custom resource version serves.
 *
 * @example
 * ```ts
 * import type { CustomResourceSubresources } from "./apiextensions_v1.ts";
 * const sub: CustomResourceSubresources = {
 *   status: {},
 *   scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
 * };
 * ```
 */
export interface CustomResourceSubresources {
  /** Serve `/status`: give `{}`. */
  status?: CustomResourceSubresourceStatus;
  /** Serve `/scale`. */
  scale?: CustomResourceSubresourceScale;
}

/**
 * An extra column of `kubectl get` (server-side printing) for a custom
 * resource.
 *
 * @example
 * ```ts
 * import type { CustomResourceColumnDefinition } from "./apiextensions_v1.ts";
 * const col: CustomResourceColumnDefinition = { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" };
 * ```
 */
export interface CustomResourceColumnDefinition {
  /** The column's heading. */
  name: string;
  /** Its OpenAPI type: `integer`, `number`, `string`, `boolean` or `date`. */
  type: string;
  /** Its OpenAPI format; `name` marks the column that identifies the object. */
  format?: string;
  /** What the column shows, for people. */
  description?: string;
  /** 0 for the columns always shown; higher for those dropped when space is short (`-o wide` shows them). */
  priority?: number;
  /** The simple JSON path (array notation allowed) of the value in each object. */
  jsonPath: string;
}

/**
 * A field of a custom resource that may be used in a field selector
 * (`kubectl get foos --field-selector spec.color=red`).
 *
 * @example
 * ```ts
 * import type { SelectableField } from "./apiextensions_v1.ts";
 * const f: SelectableField = { jsonPath: ".spec.color" };
 * ```
 */
export interface SelectableField {
  /**
   * JSON path (no array notation, not under metadata) of a string,
   * boolean or integer field; an absent field reads as the empty string.
   */
  jsonPath: string;
}

/**
 * One version of a custom resource: whether it is served and stored, its
 * schema, subresources and columns.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionVersion } from "./apiextensions_v1.ts";
 * const v: CustomResourceDefinitionVersion = { name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } };
 * ```
 */
export interface CustomResourceDefinitionVersion {
  /** The version, e.g. `v1` or `v2beta1`, served at `/apis/GROUP/VERSION/...`. */
  name: string;
  /** Whether the REST API serves this version. */
  served: boolean;
  /** Whether objects are stored as this version; exactly one version is. */
  storage: boolean;
  /** Requests to this version get a deprecation warning; false if unset. */
  deprecated?: boolean;
  /** The warning to send instead of the default one; only with `deprecated`. */
  deprecationWarning?: string;
  /** The schema that validates, prunes and defaults objects of this version. */
  schema?: CustomResourceValidation;
  /** The subresources this version serves. */
  subresources?: CustomResourceSubresources;
  /** Extra `kubectl get` columns; without them, only the age is shown. */
  additionalPrinterColumns?: CustomResourceColumnDefinition[];
  /** Fields usable in field selectors; at most 8. */
  selectableFields?: SelectableField[];
}

/**
 * The Service of a CRD conversion webhook.
 *
 * This is apiextensions.k8s.io/v1 `ServiceReference`, renamed because
 * admissionregistration.k8s.io/v1 has a `ServiceReference` of its own
 * ({@linkcode ServiceReference} in admissionregistration_v1.ts).
 *
 * @example
 * ```ts
 * import type { ConversionServiceReference } from "./apiextensions_v1.ts";
 * const svc: ConversionServiceReference = { namespace: "foo-system", name: "foo-webhook", path: "/convert" };
 * ```
 */
export interface ConversionServiceReference {
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
 * How the API server reaches a CRD conversion webhook over TLS: a URL or a
 * Service (exactly one), and the CA that signed its certificate.
 *
 * This is apiextensions.k8s.io/v1 `WebhookClientConfig`, renamed because
 * admissionregistration.k8s.io/v1 has a `WebhookClientConfig` of its own
 * ({@linkcode WebhookClientConfig} in admissionregistration_v1.ts).
 *
 * @example
 * ```ts
 * import type { ConversionWebhookClientConfig } from "./apiextensions_v1.ts";
 * const c: ConversionWebhookClientConfig = { service: { namespace: "foo-system", name: "foo-webhook" }, caBundle: "LS0tLS1CRUdJTi..." };
 * ```
 */
export interface ConversionWebhookClientConfig {
  /**
   * `https://host:port/path` of a webhook outside the cluster's service
   * network; no user, password, query or fragment. Excludes `service`.
   */
  url?: string;
  /** The in-cluster Service that serves the webhook. Excludes `url`. */
  service?: ConversionServiceReference;
  /**
   * Base64 of the PEM CA bundle that verifies the webhook's serving
   * certificate; the API server's system roots if unset.
   */
  caBundle?: string;
}

/**
 * How the API server calls a CRD's conversion webhook.
 *
 * @example
 * ```ts
 * import type { WebhookConversion } from "./apiextensions_v1.ts";
 * const w: WebhookConversion = {
 *   clientConfig: { service: { namespace: "foo-system", name: "foo-webhook", path: "/convert" } },
 *   conversionReviewVersions: ["v1"],
 * };
 * ```
 */
export interface WebhookConversion {
  /** How to reach the webhook. */
  clientConfig?: ConversionWebhookClientConfig;
  /**
   * ConversionReview versions the webhook understands, most preferred
   * first; the API server sends the first one it knows.
   */
  conversionReviewVersions: string[];
}

/**
 * How a CRD's objects are converted between its versions.
 *
 * @example
 * ```ts
 * import type { CustomResourceConversion } from "./apiextensions_v1.ts";
 * const c: CustomResourceConversion = { strategy: "None" };
 * ```
 */
export interface CustomResourceConversion {
  /**
   * `None`: only `apiVersion` changes. `Webhook`: the API server calls
   * `webhook` (which must then be set, with `preserveUnknownFields` false).
   */
  strategy: "None" | "Webhook";
  /** The conversion webhook, for the `Webhook` strategy. */
  webhook?: WebhookConversion;
}

/**
 * What a CRD defines: the group, names, scope and versions of a resource.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionSpec } from "./apiextensions_v1.ts";
 * const spec: CustomResourceDefinitionSpec = {
 *   group: "clux.dev", scope: "Namespaced",
 *   names: { plural: "foos", kind: "Foo" },
 *   versions: [{ name: "v1", served: true, storage: true }],
 * };
 * ```
 */
export interface CustomResourceDefinitionSpec {
  /** The API group, served at `/apis/GROUP/...`; the CRD's name is `PLURAL.GROUP`. */
  group: string;
  /** The names of the resource and its kind. */
  names: CustomResourceDefinitionNames;
  /** Whether the objects live in namespaces or in the cluster. */
  scope: "Namespaced" | "Cluster";
  /**
   * The versions. Discovery orders them by name: Kubernetes-like versions
   * (`v2`, `v1beta1`) first, GA before beta before alpha, higher numbers
   * first; then the others, alphabetically.
   */
  versions: CustomResourceDefinitionVersion[];
  /** How objects are converted between versions; `None` if unset. */
  conversion?: CustomResourceConversion;
  /**
   * Keeps fields that the schemas do not name when objects are stored.
   *
   * @deprecated Set `x-kubernetes-preserve-unknown-fields: true` in the
   * schema where unknown fields are wanted; v1 CRDs may only set false.
   */
  preserveUnknownFields?: boolean;
}

/**
 * One condition of a CRD: `Established` (served), `NamesAccepted` (no name
 * conflicts), `Terminating`, ...
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionCondition } from "./apiextensions_v1.ts";
 * const c: CustomResourceDefinitionCondition = { type: "Established", status: "True", reason: "InitialNamesAccepted" };
 * ```
 */
export interface CustomResourceDefinitionCondition {
  /** `Established`, `NamesAccepted`, `NonStructuralSchema`, `Terminating`, `StorageMigrating`, `KubernetesAPIApprovalPolicyConformant`. */
  type: string;
  /** Whether the condition holds. */
  status: "True" | "False" | "Unknown";
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause of the last transition. */
  reason?: string;
  /** Human-readable detail of the last transition. */
  message?: string;
  /** The `metadata.generation` the condition was computed from. */
  observedGeneration?: number;
}

/**
 * What the API server has made of a CRD: conditions and the names it
 * accepted.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionStatus } from "./apiextensions_v1.ts";
 * const s: CustomResourceDefinitionStatus = { conditions: [{ type: "Established", status: "True" }], storedVersions: ["v1"] };
 * ```
 */
export interface CustomResourceDefinitionStatus {
  /** The CRD's conditions. */
  conditions?: CustomResourceDefinitionCondition[];
  /** The names discovery serves, which may lag behind or differ from the spec's. */
  acceptedNames?: CustomResourceDefinitionNames;
  /**
   * Every version objects have ever been stored as. A version stays in
   * `spec.versions` while listed; a storage migration may trim the list.
   */
  storedVersions?: string[];
  /** The generation the CRD controller last acted on. */
  observedGeneration?: number;
}

/**
 * A CustomResourceDefinition (cluster-scoped, named `PLURAL.GROUP`): a new
 * resource type that the API server serves.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinition } from "./apiextensions_v1.ts";
 * const crd: CustomResourceDefinition = {
 *   apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition",
 *   metadata: { name: "foos.clux.dev" },
 *   spec: {
 *     group: "clux.dev", scope: "Namespaced",
 *     names: { plural: "foos", singular: "foo", kind: "Foo", shortNames: ["f"] },
 *     versions: [{
 *       name: "v1", served: true, storage: true,
 *       schema: {
 *         openAPIV3Schema: {
 *           type: "object",
 *           properties: {
 *             spec: { type: "object", properties: { replicas: { type: "integer", minimum: 0 } } },
 *             status: { type: "object", properties: { replicas: { type: "integer" } } },
 *           },
 *         },
 *       },
 *       subresources: { status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" } },
 *       additionalPrinterColumns: [{ name: "Replicas", type: "integer", jsonPath: ".spec.replicas" }],
 *     }],
 *   },
 * };
 * ```
 */
export interface CustomResourceDefinition
  extends KubeObject<CustomResourceDefinitionSpec, CustomResourceDefinitionStatus> {
  /** The resource it defines. */
  spec: CustomResourceDefinitionSpec;
}

/** A page of CustomResourceDefinitions, as `list` returns it. */
export type CustomResourceDefinitionList = KubeList<CustomResourceDefinition>;
