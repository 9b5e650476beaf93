/**
 * The built-in resources kube has typed handles for: what identifies each
 * one (group, version, kind, plural, scope), as the API server's discovery
 * gives it. `Api.v1Pod` and its siblings are built from these.
 *
 * @module
 */

import type { Resource } from "./resource.ts";

function core(kind: string, plural: string, namespaced: boolean): Resource {
  return { group: "", version: "v1", kind, plural, namespaced };
}

function of(groupVersion: string, kind: string, plural: string, namespaced: boolean): Resource {
  const [group, version] = groupVersion.split("/");
  return { group, version, kind, plural, namespaced };
}

/**
 * The kinds that {@linkcode BUILTIN_RESOURCES} knows.
 *
 * @example
 * ```ts
 * import type { BuiltinKind } from "./resources.ts";
 * const kind: BuiltinKind = "StatefulSet";
 * ```
 */
export type BuiltinKind =
  | "Pod"
  | "Node"
  | "Namespace"
  | "ConfigMap"
  | "Secret"
  | "Service"
  | "ServiceAccount"
  | "PersistentVolumeClaim"
  | "PersistentVolume"
  | "ReplicationController"
  | "Endpoints"
  | "LimitRange"
  | "ResourceQuota"
  | "Deployment"
  | "StatefulSet"
  | "DaemonSet"
  | "ReplicaSet"
  | "Job"
  | "CronJob"
  | "Ingress"
  | "IngressClass"
  | "NetworkPolicy"
  | "EndpointSlice"
  | "Role"
  | "ClusterRole"
  | "RoleBinding"
  | "ClusterRoleBinding"
  | "PodDisruptionBudget"
  | "HorizontalPodAutoscaler"
  | "StorageClass"
  | "PriorityClass"
  | "Lease"
  | "Event"
  | "CustomResourceDefinition"
  | "ValidatingWebhookConfiguration"
  | "MutatingWebhookConfiguration"
  | "ValidatingAdmissionPolicy"
  | "ValidatingAdmissionPolicyBinding";

/**
 * The built-in resources by kind (and version, where a kind is served at
 * several), e.g. `BUILTIN_RESOURCES.Deployment` is `apps/v1`
 * `deployments`, namespaced.
 *
 * @example
 * ```ts
 * import { BUILTIN_RESOURCES } from "./resources.ts";
 * BUILTIN_RESOURCES.StatefulSet.plural; // "statefulsets"
 * BUILTIN_RESOURCES.ClusterRole.namespaced; // false
 * ```
 */
export const BUILTIN_RESOURCES: Readonly<Record<BuiltinKind, Resource>> = {
  Pod: core("Pod", "pods", true),
  Node: core("Node", "nodes", false),
  Namespace: core("Namespace", "namespaces", false),
  ConfigMap: core("ConfigMap", "configmaps", true),
  Secret: core("Secret", "secrets", true),
  Service: core("Service", "services", true),
  ServiceAccount: core("ServiceAccount", "serviceaccounts", true),
  PersistentVolumeClaim: core("PersistentVolumeClaim", "persistentvolumeclaims", true),
  PersistentVolume: core("PersistentVolume", "persistentvolumes", false),
  ReplicationController: core("ReplicationController", "replicationcontrollers", true),
  Endpoints: core("Endpoints", "endpoints", true),
  LimitRange: core("LimitRange", "limitranges", true),
  ResourceQuota: core("ResourceQuota", "resourcequotas", true),
  Deployment: of("apps/v1", "Deployment", "deployments", true),
  StatefulSet: of("apps/v1", "StatefulSet", "statefulsets", true),
  DaemonSet: of("apps/v1", "DaemonSet", "daemonsets", true),
  ReplicaSet: of("apps/v1", "ReplicaSet", "replicasets", true),
  Job: of("batch/v1", "Job", "jobs", true),
  CronJob: of("batch/v1", "CronJob", "cronjobs", true),
  Ingress: of("networking.k8s.io/v1", "Ingress", "ingresses", true),
  IngressClass: of("networking.k8s.io/v1", "IngressClass", "ingressclasses", false),
  NetworkPolicy: of("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
  EndpointSlice: of("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true),
  Role: of("rbac.authorization.k8s.io/v1", "Role", "roles", true),
  ClusterRole: of("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
  RoleBinding: of("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
  ClusterRoleBinding: of(
    "rbac.authorization.k8s.io/v1",
    "ClusterRoleBinding",
    "clusterrolebindings",
    false,
  ),
  PodDisruptionBudget: of("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
  HorizontalPodAutoscaler: of(
    "autoscaling/v2",
    "HorizontalPodAutoscaler",
    "horizontalpodautoscalers",
    true,
  ),
  StorageClass: of("storage.k8s.io/v1", "StorageClass", "storageclasses", false),
  PriorityClass: of("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false),
  Lease: of("coordination.k8s.io/v1", "Lease", "leases", true),
  Event: of("events.k8s.io/v1", "Event", "events", true),
  CustomResourceDefinition: of(
    "apiextensions.k8s.io/v1",
    "CustomResourceDefinition",
    "customresourcedefinitions",
    false,
  ),
  ValidatingWebhookConfiguration: of(
    "admissionregistration.k8s.io/v1",
    "ValidatingWebhookConfiguration",
    "validatingwebhookconfigurations",
    false,
  ),
  MutatingWebhookConfiguration: of(
    "admissionregistration.k8s.io/v1",
    "MutatingWebhookConfiguration",
    "mutatingwebhookconfigurations",
    false,
  ),
  ValidatingAdmissionPolicy: of(
    "admissionregistration.k8s.io/v1",
    "ValidatingAdmissionPolicy",
    "validatingadmissionpolicies",
    false,
  ),
  ValidatingAdmissionPolicyBinding: of(
    "admissionregistration.k8s.io/v1",
    "ValidatingAdmissionPolicyBinding",
    "validatingadmissionpolicybindings",
    false,
  ),
};
