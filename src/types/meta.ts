/**
 * The object metadata shared by every Kubernetes resource (meta/v1), and the
 * generic object, list, watch-event and Status shapes.
 *
 * @module
 */

/**
 * A point in time as the API server writes it: an RFC 3339 string in UTC with
 * second precision, e.g. `2026-01-02T03:04:05Z`.
 *
 * @example
 * ```ts
 * import type { Time } from "./meta.ts";
 * const created: Time = "2026-01-02T03:04:05Z";
 * ```
 */
export type Time = string;

/**
 * A point in time with microsecond precision (RFC 3339), as events and leases
 * record it, e.g. `2026-01-02T03:04:05.123456Z`.
 */
export type MicroTime = string;

/**
 * An amount of a resource: a number with an optional SI (`k`, `M`, `m`) or
 * binary (`Ki`, `Mi`, `Gi`) suffix, or an exponent (`1e3`). The API server
 * takes a JSON number as well as a string, so `cpu: 1` and `cpu: "500m"` are
 * both valid; it answers with the canonical string form.
 *
 * @example
 * ```ts
 * import type { Quantity } from "./meta.ts";
 * const cpu: Quantity = "250m";
 * const cores: Quantity = 2;
 * const memory: Quantity = "512Mi";
 * ```
 */
export type Quantity = string | number;

/**
 * A field that holds either a whole number or a string, such as a port given
 * by number or by name, or a count given as a percentage (`"25%"`).
 *
 * @example
 * ```ts
 * import type { IntOrString } from "./meta.ts";
 * const byName: IntOrString = "http";
 * const byNumber: IntOrString = 8080;
 * ```
 */
export type IntOrString = string | number;

/**
 * Any JSON value, for fields the schema leaves free-form
 * (`x-kubernetes-preserve-unknown-fields`): kube does not look inside them,
 * so narrow the value before use.
 */
export type JsonValue = unknown;

/**
 * A whole object of any kind embedded in another one (runtime.RawExtension),
 * kept as the server sends it: an admission request's `object`, a watch
 * event's payload, a ControllerRevision's `data`.
 *
 * @example
 * ```ts
 * import type { RawExtension } from "./meta.ts";
 * const embedded: RawExtension = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } };
 * ```
 */
export type RawExtension = unknown;

/**
 * The set of fields a manager owns, as a tree of `f:<field>`, `k:<keys>`,
 * `v:<value>` and `i:<index>` keys (the structured-merge-diff format); an
 * empty object marks a field that is in the set.
 */
export type FieldsV1 = Record<string, unknown>;

/**
 * Who owns an object; the garbage collector deletes dependents with their
 * owner. The owner lives in the same namespace or is cluster-scoped, so the
 * reference has no namespace.
 *
 * @example
 * ```ts
 * import type { OwnerReference } from "./meta.ts";
 * const owner: OwnerReference = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8", uid: "0b1c" };
 * ```
 */
export interface OwnerReference {
  /** API version of the owner, e.g. `apps/v1`. */
  apiVersion: string;
  /** Kind of the owner, e.g. `ReplicaSet`. */
  kind: string;
  /** Name of the owner. */
  name: string;
  /** UID of the owner; a reference to a recreated owner of the same name does not match. */
  uid: string;
  /** True when the owner is the managing controller; at most one reference may say so. */
  controller?: boolean;
  /** With foreground deletion, keeps the owner in storage until this object is gone. */
  blockOwnerDeletion?: boolean;
}

/**
 * Which manager set which fields, as server-side apply records it.
 *
 * @example
 * ```ts
 * import type { ManagedFieldsEntry } from "./meta.ts";
 * const entry: ManagedFieldsEntry = { manager: "kubectl", operation: "Apply" };
 * ```
 */
export interface ManagedFieldsEntry {
  /** The field manager's name, e.g. `kubectl` or a controller's name. */
  manager?: string;
  /** `Apply` for server-side apply, `Update` for every other write. */
  operation?: "Apply" | "Update" | string;
  /** The `group/version` the field set is expressed in. */
  apiVersion?: string;
  /** When the entry last gained a field or changed an owned value. */
  time?: Time;
  /** Format of the field set; only `FieldsV1` exists. */
  fieldsType?: string;
  /** The owned fields, when `fieldsType` is `FieldsV1`. */
  fieldsV1?: FieldsV1;
  /** The subresource written through, e.g. `status`; empty for the main resource. */
  subresource?: string;
}

/**
 * Metadata every persisted object has.
 *
 * @example
 * ```ts
 * import type { ObjectMeta } from "./meta.ts";
 * const meta: ObjectMeta = { name: "web", namespace: "default", labels: { app: "web" } };
 * ```
 */
export interface ObjectMeta {
  /** Unique within a namespace (or the cluster, for cluster-scoped resources); fixed once created. */
  name?: string;
  /** Prefix the server completes into a unique name on create, when `name` is empty. */
  generateName?: string;
  /** The namespace; empty for cluster-scoped objects. */
  namespace?: string;
  /** Unique across time and space; set by the server, never changes. */
  uid?: string;
  /** Opaque version of this object, for optimistic concurrency and watches. */
  resourceVersion?: string;
  /** Sequence number of the desired state, set by the server; spec changes bump it. */
  generation?: number;
  /** When the object was created (RFC 3339, UTC); set by the server. */
  creationTimestamp?: Time;
  /** When deletion was requested; the object goes once its finalizers are done. */
  deletionTimestamp?: Time;
  /** Seconds the object is given to terminate gracefully; set with `deletionTimestamp`. */
  deletionGracePeriodSeconds?: number;
  /** Keys and values for organising and selecting objects. */
  labels?: Record<string, string>;
  /** Arbitrary non-identifying metadata for tools; not selectable. */
  annotations?: Record<string, string>;
  /** The objects this one depends on; it is garbage collected when all of them are gone. */
  ownerReferences?: OwnerReference[];
  /** Names that must be cleared before the object is deleted. */
  finalizers?: string[];
  /** Which manager set which fields; housekeeping for server-side apply. */
  managedFields?: ManagedFieldsEntry[];
  /**
   * A URL for the object; no longer filled in.
   *
   * @deprecated The server stopped populating it (Kubernetes 1.20).
   */
  selfLink?: string;
}

/**
 * The shard selector a list response was filtered by, echoed back so that a
 * client can merge the answers of several shards.
 */
export interface ShardInfo {
  /** The shard selector of the request. */
  selector: string;
}

/**
 * Metadata of a list: its resourceVersion, where a watch resumes, and the
 * token for the next page.
 *
 * @example
 * ```ts
 * import type { ListMeta } from "./meta.ts";
 * const meta: ListMeta = { resourceVersion: "1042", continue: "eyJ2Ijo..." };
 * ```
 */
export interface ListMeta {
  /** The collection's resourceVersion at the time of the list. */
  resourceVersion?: string;
  /** Token for the next page; absent on the last page. */
  continue?: string;
  /** Estimated count of items after this page, when the server knows it. */
  remainingItemCount?: number;
  /** Set when the list is one shard of the collection: the shard it holds. */
  shardInfo?: ShardInfo;
  /**
   * A URL for the list; no longer filled in.
   *
   * @deprecated The server stopped populating it (Kubernetes 1.20).
   */
  selfLink?: string;
}

/**
 * A condition in the standard meta/v1 shape that newer resources and custom
 * resources share. Older core kinds have their own condition types
 * (`PodCondition`, `NodeCondition`, ...).
 *
 * @example
 * ```ts
 * import type { Condition } from "./meta.ts";
 * const ready: Condition = {
 *   type: "Ready", status: "True", reason: "AllGood", message: "",
 *   lastTransitionTime: "2026-01-02T03:04:05Z",
 * };
 * ```
 */
export interface Condition {
  /** The condition's type in CamelCase, e.g. `Ready`, or `example.com/CamelCase`. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: "True" | "False" | "Unknown" | string;
  /** The `metadata.generation` the condition was computed from; older means stale. */
  observedGeneration?: number;
  /** When `status` last changed. */
  lastTransitionTime: Time;
  /** One CamelCase word for the cause of the last transition; never empty. */
  reason: string;
  /** Human-readable detail of the transition; may be empty. */
  message: string;
}

/**
 * One set-based requirement of a {@linkcode LabelSelector}.
 */
export interface LabelSelectorRequirement {
  /** The label key. */
  key: string;
  /** How the key relates to `values`. */
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  /** Non-empty for `In` and `NotIn`, empty for `Exists` and `DoesNotExist`. */
  values?: string[];
}

/**
 * Selects objects by their labels. Both parts must match; an empty selector
 * matches everything, a missing one nothing.
 *
 * @example
 * ```ts
 * import type { LabelSelector } from "./meta.ts";
 * const sel: LabelSelector = { matchLabels: { app: "web" } };
 * ```
 */
export interface LabelSelector {
  /** Labels an object must carry with these exact values. */
  matchLabels?: Record<string, string>;
  /** Set-based requirements, all of which must hold. */
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * One reason a call failed, e.g. one invalid field.
 */
export interface StatusCause {
  /** Machine-readable cause, e.g. `FieldValueInvalid`; empty when unknown. */
  reason?: string;
  /** Human-readable description of the cause. */
  message?: string;
  /** The field at fault in JSON path form, e.g. `items[0].name`. */
  field?: string;
}

/**
 * Details of a {@linkcode Status}: which object the status is about.
 *
 * @example
 * ```ts
 * import type { StatusDetails } from "./meta.ts";
 * const d: StatusDetails = { name: "web", kind: "pods" };
 * ```
 */
export interface StatusDetails {
  /** Name of the object the status is about. */
  name?: string;
  /** Group of the object. */
  group?: string;
  /** Kind (or resource) of the object. */
  kind?: string;
  /** UID of the object. */
  uid?: string;
  /** Individual causes, e.g. which fields were invalid. */
  causes?: StatusCause[];
  /** Seconds the client should wait before retrying. */
  retryAfterSeconds?: number;
}

/**
 * The API server's answer when a call fails (and to some deletes): a code,
 * a machine-readable reason and a message for people.
 *
 * @example
 * ```ts
 * import type { Status } from "./meta.ts";
 * const gone: Status = { kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired", message: "too old resource version" };
 * ```
 */
export interface Status {
  /** Always `Status`. */
  kind?: "Status";
  /** Always `v1`. */
  apiVersion?: string;
  /** List metadata; usually empty. */
  metadata?: ListMeta;
  /** `Success` or `Failure`. */
  status?: "Success" | "Failure" | string;
  /** HTTP status code, e.g. 404 or 410; 0 when unset. */
  code?: number;
  /** Machine-readable reason, e.g. `NotFound`, `Conflict`, `Expired`, `Gone`. */
  reason?: string;
  /** Human-readable description. */
  message?: string;
  /** More about the object concerned; its shape depends on `reason`. */
  details?: StatusDetails;
}

/**
 * The generic Kubernetes object: type metadata, object metadata, and a spec
 * and status of the caller's choosing. Use it for custom resources; built-in
 * kinds are `KubeObject`s too (`Pod` is `KubeObject<PodSpec, PodStatus>`).
 *
 * @typeParam Spec The desired state's shape.
 * @typeParam St The observed state's shape.
 *
 * @example A custom resource
 * ```ts
 * import type { KubeObject } from "./meta.ts";
 * type Foo = KubeObject<{ name: string; info?: string }, { ready?: boolean }>;
 * const foo: Foo = { apiVersion: "clux.dev/v1", kind: "Foo", metadata: { name: "baz" }, spec: { name: "baz" } };
 * ```
 */
export interface KubeObject<Spec = unknown, St = unknown> {
  /** `group/version`, or `version` for the core group. */
  apiVersion?: string;
  /** The kind, e.g. `Pod`. */
  kind?: string;
  /** Object metadata. */
  metadata: ObjectMeta;
  /** Desired state. */
  spec?: Spec;
  /** Observed state, written by controllers through the status subresource. */
  status?: St;
}

/**
 * An object reduced to its metadata (meta.k8s.io/v1), as the API server
 * sends it to a client that asks for `as=PartialObjectMetadata`: what a
 * metadata-only handle (`Api.asMetadata()`) gets for any resource.
 * The resource it stands for is the handle's, not its `kind`.
 *
 * @example
 * ```ts
 * import type { PartialObjectMetadata } from "./meta.ts";
 * const pod: PartialObjectMetadata = {
 *   apiVersion: "meta.k8s.io/v1",
 *   kind: "PartialObjectMetadata",
 *   metadata: { name: "web-0", namespace: "default", ownerReferences: [] },
 * };
 * ```
 */
export interface PartialObjectMetadata extends KubeObject<never, never> {
  /** `meta.k8s.io/v1`. */
  apiVersion?: string;
  /** `PartialObjectMetadata`. */
  kind?: string;
}

/**
 * A page of objects as `list` returns it. kube fills in each item's
 * `apiVersion` and `kind`, which the server leaves out.
 *
 * @typeParam T The item type.
 *
 * @example
 * ```ts
 * import type { KubeList, KubeObject } from "./meta.ts";
 * const list: KubeList<KubeObject> = { metadata: { resourceVersion: "7" }, items: [] };
 * ```
 */
export interface KubeList<T> {
  /** `group/version` of the list. */
  apiVersion?: string;
  /** E.g. `PodList`. */
  kind?: string;
  /** resourceVersion and continue token. */
  metadata: ListMeta;
  /** The objects. */
  items: T[];
}

/**
 * What a BOOKMARK event carries: only a resourceVersion (and, at the end of a
 * streaming list, the `k8s.io/initial-events-end` annotation).
 *
 * @example
 * ```ts
 * import type { Bookmark } from "./meta.ts";
 * const b: Bookmark = { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "12" } };
 * ```
 */
export interface Bookmark {
  /** The kind being watched. */
  kind?: string;
  /** The apiVersion being watched. */
  apiVersion?: string;
  /** Only `resourceVersion` and `annotations` are set. */
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
}

/**
 * One line of a watch stream, as the API server sends it.
 *
 * - `ADDED`, `MODIFIED`, `DELETED`: the object as of that change.
 * - `BOOKMARK`: only a resourceVersion to resume from; never a change.
 * - `ERROR`: a {@linkcode Status}; code 410 means the resourceVersion is gone.
 *
 * @typeParam T The watched object type.
 *
 * @example
 * ```ts
 * import type { KubeObject, WatchEvent } from "./meta.ts";
 * function describe(ev: WatchEvent<KubeObject>): string {
 *   switch (ev.type) {
 *     case "BOOKMARK": return `at ${ev.object.metadata.resourceVersion}`;
 *     case "ERROR": return `error ${ev.object.code}`;
 *     default: return `${ev.type} ${ev.object.metadata.name}`;
 *   }
 * }
 * ```
 */
export type WatchEvent<T> =
  | { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }
  | { type: "BOOKMARK"; object: Bookmark }
  | { type: "ERROR"; object: Status };

/** The annotation on the BOOKMARK that ends a streaming list's initial events. */
export const INITIAL_EVENTS_END = "k8s.io/initial-events-end";
