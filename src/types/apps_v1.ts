/**
 * apps/v1: Deployment, StatefulSet, DaemonSet and ReplicaSet, with every
 * field of Kubernetes 1.37.
 *
 * @module
 */

import type { IntOrString, KubeList, KubeObject, LabelSelector, Time } from "./meta.ts";
import type { ConditionStatus, PersistentVolumeClaim, PodTemplateSpec } from "./core_v1.ts";

// ---------------------------------------------------------------------------
// Deployment
// ---------------------------------------------------------------------------

/**
 * The limits of a Deployment's rolling update, each a count or a
 * percentage of the desired replicas (`"25%"`, the default for both). They
 * may not both be 0.
 *
 * @example
 * ```ts
 * import type { RollingUpdateDeployment } from "./apps_v1.ts";
 * const r: RollingUpdateDeployment = { maxSurge: 1, maxUnavailable: "10%" };
 * ```
 */
export interface RollingUpdateDeployment {
  /**
   * Pods that may be unavailable during the update; a percentage rounds
   * down.
   */
  maxUnavailable?: IntOrString;
  /**
   * Pods that may exist above the desired count during the update; a
   * percentage rounds up.
   */
  maxSurge?: IntOrString;
}

/**
 * How a Deployment replaces old pods with new ones.
 *
 * @example
 * ```ts
 * import type { DeploymentStrategy } from "./apps_v1.ts";
 * const s: DeploymentStrategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } };
 * ```
 */
export interface DeploymentStrategy {
  /**
   * `RollingUpdate` (the default) replaces pods gradually; `Recreate`
   * stops every old pod before starting new ones.
   */
  type?: "RollingUpdate" | "Recreate";
  /** The limits of a rolling update; only with `type: RollingUpdate`. */
  rollingUpdate?: RollingUpdateDeployment;
}

/**
 * What a Deployment should run.
 *
 * @example
 * ```ts
 * import type { DeploymentSpec } from "./apps_v1.ts";
 * const spec: DeploymentSpec = {
 *   replicas: 2,
 *   selector: { matchLabels: { app: "web" } },
 *   template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
 * };
 * ```
 */
export interface DeploymentSpec {
  /** Desired pod count; 1 if unset. */
  replicas?: number;
  /**
   * Which pods belong to it (the ReplicaSets whose pods it selects are
   * its own); must match the template's labels.
   */
  selector: LabelSelector;
  /** The pods to make; their `restartPolicy` may only be `Always`. */
  template: PodTemplateSpec;
  /** How to roll out a new template. */
  strategy?: DeploymentStrategy;
  /** Seconds a new pod must be ready, no container crashing, before it counts as available; 0 if unset. */
  minReadySeconds?: number;
  /** Old ReplicaSets kept for rollback; 10 if unset. */
  revisionHistoryLimit?: number;
  /** While true, template changes are not rolled out. */
  paused?: boolean;
  /**
   * Seconds a rollout may go without progress before its `Progressing`
   * condition says `ProgressDeadlineExceeded` (the controller keeps
   * trying); 600 if unset, not counted while paused.
   */
  progressDeadlineSeconds?: number;
}

/**
 * One condition of a Deployment: `Available`, `Progressing` or
 * `ReplicaFailure`.
 *
 * @example
 * ```ts
 * import type { DeploymentCondition } from "./apps_v1.ts";
 * const c: DeploymentCondition = { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" };
 * ```
 */
export interface DeploymentCondition {
  /** `Available`, `Progressing`, `ReplicaFailure`. */
  type?: string;
  /** Whether the condition holds. */
  status?: ConditionStatus;
  /** When the controller last wrote the condition. */
  lastUpdateTime?: Time;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause, e.g. `NewReplicaSetAvailable`. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * What a Deployment has achieved, as its controller last observed. Pod
 * counts leave out terminating pods, except `terminatingReplicas`.
 *
 * @example
 * ```ts
 * import type { DeploymentStatus } from "./apps_v1.ts";
 * const s: DeploymentStatus = { replicas: 2, readyReplicas: 2, availableReplicas: 2 };
 * ```
 */
export interface DeploymentStatus {
  /** The generation the controller has acted on. */
  observedGeneration?: number;
  /** Pods it targets (their labels match the selector), old and new. */
  replicas?: number;
  /** Pods with the newest template. */
  updatedReplicas?: number;
  /** Pods with a `Ready` condition. */
  readyReplicas?: number;
  /** Pods ready for at least `minReadySeconds`. */
  availableReplicas?: number;
  /**
   * Pods still missing for full availability: running but not yet
   * available, or not created yet.
   */
  unavailableReplicas?: number;
  /**
   * Pods being deleted (a `deletionTimestamp`, not yet `Failed` or
   * `Succeeded`); beta, on by default.
   */
  terminatingReplicas?: number;
  /** The Deployment's conditions. */
  conditions?: DeploymentCondition[];
  /** Bumped to give the newest ReplicaSet a fresh name when its hash collides. */
  collisionCount?: number;
}

/**
 * A Deployment: a replicated set of pods that rolls out template changes
 * through ReplicaSets.
 *
 * @example
 * ```ts
 * import type { Deployment } from "./apps_v1.ts";
 * const d: Deployment = {
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", labels: { app: "web" } },
 *   spec: {
 *     replicas: 3,
 *     selector: { matchLabels: { app: "web" } },
 *     strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
 *     template: {
 *       metadata: { labels: { app: "web" } },
 *       spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
 *     },
 *   },
 * };
 * ```
 */
export interface Deployment extends KubeObject<DeploymentSpec, DeploymentStatus> {
  /** What to run and how to roll it out. */
  spec: DeploymentSpec;
}

/** A page of Deployments, as `list` returns it. */
export type DeploymentList = KubeList<Deployment>;

// ---------------------------------------------------------------------------
// StatefulSet
// ---------------------------------------------------------------------------

/**
 * The limits of a StatefulSet's rolling update.
 *
 * @example
 * ```ts
 * import type { RollingUpdateStatefulSetStrategy } from "./apps_v1.ts";
 * const r: RollingUpdateStatefulSetStrategy = { partition: 2, maxUnavailable: 1 };
 * ```
 */
export interface RollingUpdateStatefulSetStrategy {
  /**
   * Only pods with an ordinal at or above this one are updated (a canary);
   * 0 if unset.
   */
  partition?: number;
  /**
   * Pods (of ordinals 0 to replicas-1) that may be unavailable during the
   * update, as a count or a percentage rounded up; not 0, 1 if unset.
   * Beta; `OrderedReady` management may keep it from taking effect.
   */
  maxUnavailable?: IntOrString;
}

/**
 * How a StatefulSet updates its pods when its template changes.
 *
 * @example
 * ```ts
 * import type { StatefulSetUpdateStrategy } from "./apps_v1.ts";
 * const s: StatefulSetUpdateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
 * ```
 */
export interface StatefulSetUpdateStrategy {
  /**
   * `RollingUpdate` (the default) replaces pods one by one from the highest
   * ordinal; `OnDelete` makes a new pod only when the old one is deleted.
   */
  type?: "RollingUpdate" | "OnDelete";
  /** The limits of a rolling update. */
  rollingUpdate?: RollingUpdateStatefulSetStrategy;
}

/**
 * What happens to the PersistentVolumeClaims made from a StatefulSet's
 * `volumeClaimTemplates`: `Retain` (the default) keeps them, `Delete`
 * deletes them.
 *
 * @example
 * ```ts
 * import type { StatefulSetPersistentVolumeClaimRetentionPolicy } from "./apps_v1.ts";
 * const p: StatefulSetPersistentVolumeClaimRetentionPolicy = { whenDeleted: "Delete", whenScaled: "Retain" };
 * ```
 */
export interface StatefulSetPersistentVolumeClaimRetentionPolicy {
  /** When the StatefulSet is deleted. */
  whenDeleted?: "Retain" | "Delete";
  /** When it scales down: the claims of the pods above the new count. */
  whenScaled?: "Retain" | "Delete";
}

/**
 * How a StatefulSet numbers its pods.
 *
 * @example
 * ```ts
 * import type { StatefulSetOrdinals } from "./apps_v1.ts";
 * const o: StatefulSetOrdinals = { start: 1 };
 * ```
 */
export interface StatefulSetOrdinals {
  /**
   * The first pod's ordinal: pods are numbered from `start` to
   * `start + replicas - 1`; 0 if unset.
   */
  start?: number;
}

/**
 * What a StatefulSet should run: pods with stable names, network
 * identities and volumes.
 *
 * @example
 * ```ts
 * import type { StatefulSetSpec } from "./apps_v1.ts";
 * const spec: StatefulSetSpec = {
 *   serviceName: "db",
 *   selector: { matchLabels: { app: "db" } },
 *   template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:17" }] } },
 * };
 * ```
 */
export interface StatefulSetSpec {
  /** Desired pod count; 1 if unset. */
  replicas?: number;
  /** Which pods it counts; must match the template's labels. */
  selector: LabelSelector;
  /**
   * The pods to make, each named `NAME-ORDINAL`; `restartPolicy` may only
   * be `Always`.
   */
  template: PodTemplateSpec;
  /**
   * Claims each pod gets its own copy of, named `CLAIM-STATEFULSET-ORDINAL`; a
   * container of the template must mount each by name. They win over
   * template volumes of the same name.
   */
  volumeClaimTemplates?: PersistentVolumeClaim[];
  /**
   * The headless Service that gives the pods their DNS names
   * (`POD.SERVICE.NAMESPACE.svc...`); it should exist first.
   */
  serviceName?: string;
  /**
   * `OrderedReady` (the default) starts pods one at a time in order, each
   * ready before the next, and removes them in reverse; `Parallel` starts
   * and removes them all at once.
   */
  podManagementPolicy?: "OrderedReady" | "Parallel";
  /** How a new template is rolled out. */
  updateStrategy?: StatefulSetUpdateStrategy;
  /** Revisions (ControllerRevisions) kept besides the current ones; 10 if unset. */
  revisionHistoryLimit?: number;
  /** Seconds a new pod must be ready, no container crashing, before it counts as available; 0 if unset. */
  minReadySeconds?: number;
  /** What happens to the claims on deletion and scale-down. */
  persistentVolumeClaimRetentionPolicy?: StatefulSetPersistentVolumeClaimRetentionPolicy;
  /** How pods are numbered; from 0 if unset. */
  ordinals?: StatefulSetOrdinals;
}

/**
 * One condition of a StatefulSet.
 *
 * @example
 * ```ts
 * import type { StatefulSetCondition } from "./apps_v1.ts";
 * const c: StatefulSetCondition = { type: "Available", status: "True" };
 * ```
 */
export interface StatefulSetCondition {
  /** The condition's type. */
  type?: string;
  /** Whether the condition holds. */
  status?: ConditionStatus;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * What a StatefulSet has achieved, as its controller last observed; it may
 * lag behind the pods.
 *
 * @example
 * ```ts
 * import type { StatefulSetStatus } from "./apps_v1.ts";
 * const s: StatefulSetStatus = { replicas: 3, readyReplicas: 3, currentRevision: "db-7c9d", updateRevision: "db-7c9d" };
 * ```
 */
export interface StatefulSetStatus {
  /** The generation the controller has acted on. */
  observedGeneration?: number;
  /** Pods the controller has made. */
  replicas: number;
  /** Pods with a `Ready` condition. */
  readyReplicas?: number;
  /** Pods made from `currentRevision`. */
  currentReplicas?: number;
  /** Pods made from `updateRevision`. */
  updatedReplicas?: number;
  /** The revision of the pods with ordinals below `currentReplicas`. */
  currentRevision?: string;
  /** The revision of the newest `updatedReplicas` pods (the highest ordinals). */
  updateRevision?: string;
  /** Bumped to give the newest ControllerRevision a fresh name when its hash collides. */
  collisionCount?: number;
  /** The StatefulSet's conditions. */
  conditions?: StatefulSetCondition[];
  /** Pods ready for at least `minReadySeconds`. */
  availableReplicas?: number;
}

/**
 * A StatefulSet: pods with stable, ordered identities (`NAME-0`,
 * `NAME-1`, ...) and a volume of their own each.
 *
 * @example
 * ```ts
 * import type { StatefulSet } from "./apps_v1.ts";
 * const db: StatefulSet = {
 *   apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db" },
 *   spec: {
 *     serviceName: "db", replicas: 3,
 *     selector: { matchLabels: { app: "db" } },
 *     template: {
 *       metadata: { labels: { app: "db" } },
 *       spec: { containers: [{ name: "db", image: "postgres:17", volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql" }] }] },
 *     },
 *     volumeClaimTemplates: [{
 *       metadata: { name: "data" },
 *       spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
 *     }],
 *     persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete" },
 *   },
 * };
 * ```
 */
export interface StatefulSet extends KubeObject<StatefulSetSpec, StatefulSetStatus> {
  /** What to run, with which identities and volumes. */
  spec: StatefulSetSpec;
}

/** A page of StatefulSets, as `list` returns it. */
export type StatefulSetList = KubeList<StatefulSet>;

// ---------------------------------------------------------------------------
// DaemonSet
// ---------------------------------------------------------------------------

/**
 * The limits of a DaemonSet's rolling update, each a count or a
 * percentage (rounded up) of the nodes that should run it. They may not
 * both be 0.
 *
 * @example
 * ```ts
 * import type { RollingUpdateDaemonSet } from "./apps_v1.ts";
 * const r: RollingUpdateDaemonSet = { maxUnavailable: 0, maxSurge: "10%" };
 * ```
 */
export interface RollingUpdateDaemonSet {
  /** Nodes whose daemon pod may be down at once during the update; 1 if unset. */
  maxUnavailable?: IntOrString;
  /**
   * Nodes that may run a new pod beside the old, still available one,
   * which goes once the new one is available; 0 if unset.
   */
  maxSurge?: IntOrString;
}

/**
 * How a DaemonSet replaces its pods when its template changes.
 *
 * @example
 * ```ts
 * import type { DaemonSetUpdateStrategy } from "./apps_v1.ts";
 * const s: DaemonSetUpdateStrategy = { type: "OnDelete" };
 * ```
 */
export interface DaemonSetUpdateStrategy {
  /**
   * `RollingUpdate` (the default) replaces pods node by node; `OnDelete`
   * makes a new pod only when the old one is deleted.
   */
  type?: "RollingUpdate" | "OnDelete";
  /** The limits of a rolling update; only with `type: RollingUpdate`. */
  rollingUpdate?: RollingUpdateDaemonSet;
}

/**
 * What a DaemonSet should run: one pod on each node that the template's
 * node selection allows.
 *
 * @example
 * ```ts
 * import type { DaemonSetSpec } from "./apps_v1.ts";
 * const spec: DaemonSetSpec = {
 *   selector: { matchLabels: { app: "agent" } },
 *   template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "agent", image: "fluent-bit" }] } },
 * };
 * ```
 */
export interface DaemonSetSpec {
  /** Which pods it controls; must match the template's labels. */
  selector: LabelSelector;
  /**
   * The pod to run on every matching node (every node, without a node
   * selector); `restartPolicy` may only be `Always`.
   */
  template: PodTemplateSpec;
  /** How a new template is rolled out. */
  updateStrategy?: DaemonSetUpdateStrategy;
  /** Seconds a new pod must be ready, no container crashing, before it counts as available; 0 if unset. */
  minReadySeconds?: number;
  /** Old revisions kept for rollback; 10 if unset. */
  revisionHistoryLimit?: number;
}

/**
 * One condition of a DaemonSet.
 *
 * @example
 * ```ts
 * import type { DaemonSetCondition } from "./apps_v1.ts";
 * const c: DaemonSetCondition = { type: "Available", status: "False", reason: "Rollout" };
 * ```
 */
export interface DaemonSetCondition {
  /** The condition's type. */
  type?: string;
  /** Whether the condition holds. */
  status?: ConditionStatus;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * What a DaemonSet has achieved, counted in nodes, as its controller last
 * observed.
 *
 * @example
 * ```ts
 * import type { DaemonSetStatus } from "./apps_v1.ts";
 * const s: DaemonSetStatus = { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberMisscheduled: 0 };
 * ```
 */
export interface DaemonSetStatus {
  /** Nodes that should run the pod and run at least one. */
  currentNumberScheduled: number;
  /** Nodes that run the pod but should not. */
  numberMisscheduled: number;
  /** Nodes that should run the pod, whether or not they do. */
  desiredNumberScheduled: number;
  /** Nodes that should run the pod and have at least one with a `Ready` condition. */
  numberReady: number;
  /** The generation the controller has acted on. */
  observedGeneration?: number;
  /** Nodes that run the newest template's pod. */
  updatedNumberScheduled?: number;
  /** Nodes that should run the pod and have at least one ready for `minReadySeconds`. */
  numberAvailable?: number;
  /** Nodes that should run the pod and have none available. */
  numberUnavailable?: number;
  /** Bumped to give the newest ControllerRevision a fresh name when its hash collides. */
  collisionCount?: number;
  /** The DaemonSet's conditions. */
  conditions?: DaemonSetCondition[];
}

/**
 * A DaemonSet: a pod on every node (or every node that matches), such as
 * a log shipper or a network agent.
 *
 * @example
 * ```ts
 * import type { DaemonSet } from "./apps_v1.ts";
 * const agent: DaemonSet = {
 *   apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "log-agent", namespace: "kube-system" },
 *   spec: {
 *     selector: { matchLabels: { app: "log-agent" } },
 *     updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%" } },
 *     template: {
 *       metadata: { labels: { app: "log-agent" } },
 *       spec: {
 *         tolerations: [{ operator: "Exists" }],
 *         containers: [{ name: "agent", image: "fluent/fluent-bit:3.2", resources: { limits: { memory: "200Mi" } } }],
 *       },
 *     },
 *   },
 * };
 * ```
 */
export interface DaemonSet extends KubeObject<DaemonSetSpec, DaemonSetStatus> {
  /** What to run, and on which nodes. */
  spec: DaemonSetSpec;
}

/** A page of DaemonSets, as `list` returns it. */
export type DaemonSetList = KubeList<DaemonSet>;

// ---------------------------------------------------------------------------
// ReplicaSet
// ---------------------------------------------------------------------------

/**
 * What a ReplicaSet should keep running.
 *
 * @example
 * ```ts
 * import type { ReplicaSetSpec } from "./apps_v1.ts";
 * const spec: ReplicaSetSpec = { replicas: 2, selector: { matchLabels: { app: "web" } } };
 * ```
 */
export interface ReplicaSetSpec {
  /** Desired pod count; 1 if unset. */
  replicas?: number;
  /** Seconds a new pod must be ready, no container crashing, before it counts as available; 0 if unset. */
  minReadySeconds?: number;
  /** Which pods it counts; must match the template's labels. */
  selector: LabelSelector;
  /** The pods to make when there are too few. */
  template?: PodTemplateSpec;
}

/**
 * One condition of a ReplicaSet, e.g. `ReplicaFailure`.
 *
 * @example
 * ```ts
 * import type { ReplicaSetCondition } from "./apps_v1.ts";
 * const c: ReplicaSetCondition = { type: "ReplicaFailure", status: "True", reason: "FailedCreate" };
 * ```
 */
export interface ReplicaSetCondition {
  /** The condition's type, e.g. `ReplicaFailure`. */
  type?: string;
  /** Whether the condition holds. */
  status?: ConditionStatus;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * What a ReplicaSet has achieved, as its controller last observed. Pod
 * counts leave out terminating pods, except `terminatingReplicas`.
 *
 * @example
 * ```ts
 * import type { ReplicaSetStatus } from "./apps_v1.ts";
 * const s: ReplicaSetStatus = { replicas: 2, readyReplicas: 2, availableReplicas: 2 };
 * ```
 */
export interface ReplicaSetStatus {
  /** Pods it counts. */
  replicas: number;
  /** Pods whose labels match the template's labels. */
  fullyLabeledReplicas?: number;
  /** Pods with a `Ready` condition. */
  readyReplicas?: number;
  /** Pods ready for at least `minReadySeconds`. */
  availableReplicas?: number;
  /**
   * Pods being deleted (a `deletionTimestamp`, not yet `Failed` or
   * `Succeeded`); beta, on by default.
   */
  terminatingReplicas?: number;
  /** The generation the controller has acted on. */
  observedGeneration?: number;
  /** The ReplicaSet's conditions. */
  conditions?: ReplicaSetCondition[];
}

/**
 * A ReplicaSet: keeps a number of identical pods running. Deployments make
 * and scale them; one is rarely written by hand.
 *
 * @example
 * ```ts
 * import type { ReplicaSet } from "./apps_v1.ts";
 * const rs: ReplicaSet = {
 *   apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-5d8" },
 *   spec: {
 *     replicas: 2,
 *     selector: { matchLabels: { app: "web", "pod-template-hash": "5d8" } },
 *     template: {
 *       metadata: { labels: { app: "web", "pod-template-hash": "5d8" } },
 *       spec: { containers: [{ name: "web", image: "nginx" }] },
 *     },
 *   },
 * };
 * ```
 */
export interface ReplicaSet extends KubeObject<ReplicaSetSpec, ReplicaSetStatus> {
  /** How many pods, which ones, made from what. */
  spec: ReplicaSetSpec;
}

/** A page of ReplicaSets, as `list` returns it. */
export type ReplicaSetList = KubeList<ReplicaSet>;
