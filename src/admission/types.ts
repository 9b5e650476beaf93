/**
 * The admission.k8s.io/v1 review that the API server sends a webhook and
 * expects back: AdmissionReview, AdmissionRequest and AdmissionResponse.
 *
 * @module
 */

import type { KubeObject, Status } from "../types/meta.ts";

/**
 * A group, version and kind, e.g. `apps`, `v1`, `Deployment` (the group is
 * empty for the core group).
 *
 * @example
 * ```ts
 * import type { GroupVersionKind } from "./types.ts";
 * const pod: GroupVersionKind = { group: "", version: "v1", kind: "Pod" };
 * ```
 */
export interface GroupVersionKind {
  /** The API group; empty for core. */
  group: string;
  /** The version, e.g. `v1`. */
  version: string;
  /** The kind, e.g. `Pod`. */
  kind: string;
}

/**
 * A group, version and resource (plural), e.g. `apps`, `v1`, `deployments`.
 *
 * @example
 * ```ts
 * import type { GroupVersionResource } from "./types.ts";
 * const pods: GroupVersionResource = { group: "", version: "v1", resource: "pods" };
 * ```
 */
export interface GroupVersionResource {
  /** The API group; empty for core. */
  group: string;
  /** The version, e.g. `v1`. */
  version: string;
  /** The resource's plural name, e.g. `pods`. */
  resource: string;
}

/**
 * Who made the request (authentication.k8s.io/v1 UserInfo).
 *
 * @example
 * ```ts
 * import type { UserInfo } from "./types.ts";
 * const admin: UserInfo = { username: "kube-admin", groups: ["system:masters", "system:authenticated"] };
 * ```
 */
export interface UserInfo {
  /** The user's name. */
  username?: string;
  /** A unique value for the user across time. */
  uid?: string;
  /** The groups the user is in. */
  groups?: string[];
  /** More about the user, from the authenticator. */
  extra?: Record<string, string[]>;
}

/**
 * What the API server asks a webhook about: one operation on one object.
 * `T` is the object's type when the webhook handles one kind
 * (`AdmissionRequest<Pod>`); nothing checks that it is, so register the
 * webhook's rules for that kind only.
 *
 * @typeParam T The object's type.
 *
 * @example
 * ```ts
 * import type { AdmissionRequest } from "./types.ts";
 * import type { Pod } from "../types/core_v1.ts";
 * const team = (request: AdmissionRequest<Pod>) => request.object.metadata.labels?.team;
 * ```
 */
export interface AdmissionRequest<T = KubeObject> {
  /** Identifies this request; the response must carry it back. */
  uid: string;
  /** The kind of the object as sent (after conversion, if the webhook asked for another version). */
  kind: GroupVersionKind;
  /** The resource being changed. */
  resource: GroupVersionResource;
  /** The subresource, e.g. `status` or `scale`; absent for the main resource. */
  subResource?: string;
  /** The kind as the user sent it, when it differs from `kind` (the webhook's `matchPolicy: Equivalent`). */
  requestKind?: GroupVersionKind;
  /** The resource as the user sent it, when it differs from `resource`. */
  requestResource?: GroupVersionResource;
  /** The subresource as the user sent it. */
  requestSubResource?: string;
  /** The object's name; empty on a create whose name the server will generate. */
  name?: string;
  /** The object's namespace; absent for cluster-scoped objects. */
  namespace?: string;
  /** What is being done. */
  operation: "CREATE" | "UPDATE" | "DELETE" | "CONNECT";
  /** Who is doing it. */
  userInfo: UserInfo;
  /**
   * The object as it will be stored (for CONNECT, the options object).
   * The API server sends `null` for DELETE: a webhook registered for DELETE
   * must read `oldObject` there.
   */
  object: T;
  /** The object as it is stored now: on UPDATE and DELETE; otherwise `null` or absent. */
  oldObject?: T | null;
  /** True when nothing will be persisted (`dryRun=All`): a webhook must then have no side effects. */
  dryRun?: boolean;
  /** The operation's options, e.g. a `meta.k8s.io/v1` CreateOptions. */
  options?: KubeObject | Record<string, unknown> | null;
}

/**
 * A webhook's answer. `uid` must equal the request's; a denial carries a
 * `status` whose message kubectl shows; a mutation carries a base64
 * RFC 6902 `patch` with `patchType: JSONPatch`.
 *
 * @example
 * ```ts
 * import type { AdmissionResponse } from "./types.ts";
 * const denied: AdmissionResponse = {
 *   uid: "705ab4f5-6393-11e8-b7cc-42010a800002",
 *   allowed: false,
 *   status: { code: 403, message: "a team label is required" },
 * };
 * ```
 */
export interface AdmissionResponse {
  /** The request's `uid`. */
  uid: string;
  /** Whether the operation may go on. */
  allowed: boolean;
  /** Why it was denied: `code` (400 or more; the API server makes smaller ones 400) and `message`. */
  status?: Status;
  /** The JSON patch, base64 of its JSON text. */
  patch?: string;
  /** The patch's format; only `JSONPatch` exists. */
  patchType?: "JSONPatch";
  /** Annotations for the audit log, keys without the webhook's name (the API server adds it). */
  auditAnnotations?: Record<string, string>;
  /** Warnings for the client, shown by kubectl as `Warning: ...`; keep each short and without a `Warning:` prefix. */
  warnings?: string[];
}

/**
 * The envelope, both ways: the API server sends `request`, the webhook
 * answers with `response` (and the same apiVersion and kind).
 *
 * @typeParam T The object's type.
 *
 * @example
 * ```ts
 * import type { AdmissionReview } from "./types.ts";
 * const answer: AdmissionReview = {
 *   apiVersion: "admission.k8s.io/v1",
 *   kind: "AdmissionReview",
 *   response: { uid: "705ab4f5-6393-11e8-b7cc-42010a800002", allowed: true },
 * };
 * ```
 */
export interface AdmissionReview<T = KubeObject> {
  /** `admission.k8s.io/v1`. */
  apiVersion: "admission.k8s.io/v1";
  /** `AdmissionReview`. */
  kind: "AdmissionReview";
  /** What is asked, in a review from the API server. */
  request?: AdmissionRequest<T>;
  /** The answer, in a review from the webhook. */
  response?: AdmissionResponse;
}
