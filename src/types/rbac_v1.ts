/**
 * rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding and
 * ClusterRoleBinding, with every field of Kubernetes 1.37.
 *
 * @module
 */

import type { KubeList, KubeObject, LabelSelector } from "./meta.ts";

/**
 * Permission for some verbs on some resources (or non-resource URLs).
 * RBAC only grants: there are no deny rules.
 *
 * @example
 * ```ts
 * import type { PolicyRule } from "./rbac_v1.ts";
 * const readPods: PolicyRule = { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] };
 * ```
 */
export interface PolicyRule {
  /**
   * Verbs allowed on every resource of the rule: `get`, `list`, `watch`,
   * `create`, `update`, `patch`, `delete`, `deletecollection`, special
   * ones (`use`, `bind`, `escalate`, `impersonate`), or `*`.
   */
  verbs: string[];
  /** API groups of the resources: `""` is core, `*` every group. */
  apiGroups?: string[];
  /** Resources (`pods`, `pods/exec`), or `*` for all. */
  resources?: string[];
  /** Only objects of these names; every name if empty. */
  resourceNames?: string[];
  /**
   * URL paths outside the resource API (`/healthz`, `/metrics`, `/api/*`;
   * `*` only as the final segment). Only in ClusterRoles bound by a
   * ClusterRoleBinding, and never in the same rule as `resources`.
   */
  nonResourceURLs?: string[];
}

/**
 * A Role: rules within one namespace, granted by RoleBindings there.
 *
 * @example
 * ```ts
 * import type { Role } from "./rbac_v1.ts";
 * const role: Role = {
 *   apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role",
 *   metadata: { name: "pod-reader", namespace: "team-a" },
 *   rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
 * };
 * ```
 */
export interface Role extends KubeObject<never, never> {
  /** The rules. */
  rules?: PolicyRule[];
}

/** A page of Roles, as `list` returns it. */
export type RoleList = KubeList<Role>;

/**
 * How an aggregated ClusterRole gathers its rules: from every ClusterRole
 * that any selector matches.
 *
 * @example
 * ```ts
 * import type { AggregationRule } from "./rbac_v1.ts";
 * const a: AggregationRule = { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }] };
 * ```
 */
export interface AggregationRule {
  /** Label selectors over ClusterRoles; a match on any one counts. */
  clusterRoleSelectors?: LabelSelector[];
}

/**
 * A ClusterRole (cluster-scoped): rules that a ClusterRoleBinding grants
 * everywhere, or a RoleBinding grants in its namespace; also the only home
 * of rules on cluster-scoped resources and non-resource URLs.
 *
 * @example
 * ```ts
 * import type { ClusterRole } from "./rbac_v1.ts";
 * const role: ClusterRole = {
 *   apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole",
 *   metadata: { name: "node-watcher", labels: { "rbac.example.com/aggregate-to-monitoring": "true" } },
 *   rules: [
 *     { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
 *     { nonResourceURLs: ["/metrics"], verbs: ["get"] },
 *   ],
 * };
 * ```
 */
export interface ClusterRole extends KubeObject<never, never> {
  /** The rules; written by the controller when `aggregationRule` is set. */
  rules?: PolicyRule[];
  /**
   * Makes the ClusterRole an aggregate: its rules are those of the
   * ClusterRoles selected, and hand edits to them are overwritten.
   */
  aggregationRule?: AggregationRule;
}

/** A page of ClusterRoles, as `list` returns it. */
export type ClusterRoleList = KubeList<ClusterRole>;

/**
 * Who a binding grants the role to: a user, a group or a ServiceAccount.
 *
 * @example
 * ```ts
 * import type { Subject } from "./rbac_v1.ts";
 * const sa: Subject = { kind: "ServiceAccount", name: "controller", namespace: "team-a" };
 * const group: Subject = { kind: "Group", name: "system:authenticated", apiGroup: "rbac.authorization.k8s.io" };
 * ```
 */
export interface Subject {
  /** `User`, `Group` or `ServiceAccount`; an authorizer reports an error for another. */
  kind: "User" | "Group" | "ServiceAccount";
  /**
   * The subject's API group: `""` for a ServiceAccount and
   * `rbac.authorization.k8s.io` for a user or a group, the defaults.
   */
  apiGroup?: string;
  /** The user's, group's or ServiceAccount's name. */
  name: string;
  /** The ServiceAccount's namespace; must be empty for users and groups. */
  namespace?: string;
}

/**
 * The role a binding grants.
 *
 * @example
 * ```ts
 * import type { RoleRef } from "./rbac_v1.ts";
 * const ref: RoleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" };
 * ```
 */
export interface RoleRef {
  /** `rbac.authorization.k8s.io`. */
  apiGroup?: string;
  /** `Role` (in the binding's namespace) or `ClusterRole`. */
  kind: "Role" | "ClusterRole";
  /** The role's name. */
  name: string;
}

/**
 * A RoleBinding: grants a Role of its namespace, or a ClusterRole, to
 * subjects, in its own namespace only.
 *
 * @example
 * ```ts
 * import type { RoleBinding } from "./rbac_v1.ts";
 * const binding: RoleBinding = {
 *   apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding",
 *   metadata: { name: "read-pods", namespace: "team-a" },
 *   subjects: [
 *     { kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" },
 *     { kind: "ServiceAccount", name: "controller", namespace: "team-a" },
 *   ],
 *   roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
 * };
 * ```
 */
export interface RoleBinding extends KubeObject<never, never> {
  /** Who gets the role. */
  subjects?: Subject[];
  /**
   * The role; the authorizer fails requests it cannot resolve. Immutable:
   * delete and recreate the binding to change it.
   */
  roleRef: RoleRef;
}

/** A page of RoleBindings, as `list` returns it. */
export type RoleBindingList = KubeList<RoleBinding>;

/**
 * A ClusterRoleBinding (cluster-scoped): grants a ClusterRole to subjects
 * in every namespace and on cluster-scoped resources.
 *
 * @example
 * ```ts
 * import type { ClusterRoleBinding } from "./rbac_v1.ts";
 * const binding: ClusterRoleBinding = {
 *   apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding",
 *   metadata: { name: "node-watcher" },
 *   subjects: [{ kind: "ServiceAccount", name: "monitor", namespace: "monitoring" }],
 *   roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "node-watcher" },
 * };
 * ```
 */
export interface ClusterRoleBinding extends KubeObject<never, never> {
  /** Who gets the role. */
  subjects?: Subject[];
  /** The ClusterRole; immutable. */
  roleRef: RoleRef;
}

/** A page of ClusterRoleBindings, as `list` returns it. */
export type ClusterRoleBindingList = KubeList<ClusterRoleBinding>;
