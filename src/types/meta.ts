/**
 * The object metadata shared by every Kubernetes resource (meta/v1), and the
 * generic object, list, watch-event and Status shapes.
 *
 * @module
 */

/**
 * Who owns an object; the garbage collector deletes dependents with their owner.
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
  /** UID of the owner. */
  uid: string;
  /** True when the owner is the managing controller. */
  controller?: boolean;
  /** True when the owner cannot be deleted before this object is. */
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
  /** The field manager's name. */
  manager?: string;
  /** `Apply` or `Update`. */
  operation?: string;
  /** API version of the fields. */
  apiVersion?: string;
  /** When the entry last changed. */
  time?: string;
  /** Format of `fieldsV1`; `FieldsV1`. */
  fieldsType?: string;
  /** The set of fields, in the server's structured-merge-diff form. */
  fieldsV1?: Record<string, unknown>;
  /** The subresource the fields were set through, e.g. `status`. */
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
  /** Unique within a namespace (or the cluster, for cluster-scoped resources). */
  name?: string;
  /** Prefix the server completes into a unique name on create. */
  generateName?: string;
  /** The namespace; empty for cluster-scoped objects. */
  namespace?: string;
  /** Unique across time and space; set by the server. */
  uid?: string;
  /** Opaque version of this object, for optimistic concurrency and watches. */
  resourceVersion?: string;
  /** Sequence number of the desired state; bumped by spec changes. */
  generation?: number;
  /** When the object was created (RFC 3339). */
  creationTimestamp?: string;
  /** When deletion was requested; the object goes once its finalizers are done. */
  deletionTimestamp?: string;
  /** Seconds the object is given to terminate gracefully. */
  deletionGracePeriodSeconds?: number;
  /** Keys and values for selecting objects. */
  labels?: Record<string, string>;
  /** Arbitrary non-identifying metadata. */
  annotations?: Record<string, string>;
  /** The objects this one depends on. */
  ownerReferences?: OwnerReference[];
  /** Names that must be cleared before the object is deleted. */
  finalizers?: string[];
  /** Which manager set which fields. */
  managedFields?: ManagedFieldsEntry[];
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
}

/**
 * A condition in the shape most resources share (`type`, `status`, reasons).
 *
 * @example
 * ```ts
 * import type { Condition } from "./meta.ts";
 * const ready: Condition = { type: "Ready", status: "True" };
 * ```
 */
export interface Condition {
  /** The condition's type, e.g. `Ready`, `Available`. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: "True" | "False" | "Unknown" | string;
  /** One-word CamelCase reason for the last transition. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
  /** When the status last changed. */
  lastTransitionTime?: string;
  /** When the condition was last probed, where the resource records it. */
  lastProbeTime?: string;
  /** When the condition was last updated, where the resource records it. */
  lastUpdateTime?: string;
  /** When the condition was last seen, for node conditions. */
  lastHeartbeatTime?: string;
  /** The `metadata.generation` the condition was set for. */
  observedGeneration?: number;
}

/**
 * Selects objects by their labels. Both parts must match.
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
  /** Set-based requirements. */
  matchExpressions?: {
    key: string;
    operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
    values?: string[];
  }[];
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
  causes?: { reason?: string; message?: string; field?: string }[];
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
  /** HTTP status code, e.g. 404 or 410. */
  code?: number;
  /** Machine-readable reason, e.g. `NotFound`, `Conflict`, `Expired`, `Gone`. */
  reason?: string;
  /** Human-readable description. */
  message?: string;
  /** More about the object concerned. */
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
