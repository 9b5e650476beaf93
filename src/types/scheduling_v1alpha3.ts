/**
 * scheduling.k8s.io/v1alpha3: the workload-aware scheduling blocks that a
 * Job's `spec.scheduling` is made of (gang scheduling, topology, shared
 * resource claims). Alpha in Kubernetes 1.37, behind the `WorkloadWithJob`
 * feature gate.
 *
 * @module
 */

/**
 * Plain pod-by-pod scheduling, as without a policy. It has no settings:
 * write `{}`.
 */
export type WorkloadPodGroupBasicSchedulingPolicy = Record<string, never>;

/**
 * All-or-nothing scheduling: the scheduler admits the group only when
 * enough of its pods can be placed at once.
 *
 * @example
 * ```ts
 * import type { WorkloadPodGroupGangSchedulingPolicy } from "./scheduling_v1alpha3.ts";
 * const gang: WorkloadPodGroupGangSchedulingPolicy = { minCount: 8 };
 * ```
 */
export interface WorkloadPodGroupGangSchedulingPolicy {
  /**
   * Pods that must be placeable together (positive); the controller picks
   * one, e.g. a Job's parallelism, if unset.
   */
  minCount?: number;
}

/**
 * How a group of pods is scheduled: exactly one of `basic` and `gang`.
 *
 * @example
 * ```ts
 * import type { WorkloadPodGroupSchedulingPolicy } from "./scheduling_v1alpha3.ts";
 * const policy: WorkloadPodGroupSchedulingPolicy = { gang: { minCount: 4 } };
 * ```
 */
export interface WorkloadPodGroupSchedulingPolicy {
  /** Pod-by-pod scheduling. */
  basic?: WorkloadPodGroupBasicSchedulingPolicy;
  /** All-or-nothing scheduling. */
  gang?: WorkloadPodGroupGangSchedulingPolicy;
}

/**
 * A topology domain that every pod of a group must share.
 *
 * @example
 * ```ts
 * import type { TopologyConstraint } from "./scheduling_v1alpha3.ts";
 * const rack: TopologyConstraint = { key: "topology.kubernetes.io/rack" };
 * ```
 */
export interface TopologyConstraint {
  /**
   * The node label whose value names the domain, e.g.
   * `topology.kubernetes.io/rack`; other groups may land in other domains.
   */
  key: string;
}

/**
 * Placement constraints on a group's pods.
 *
 * @example
 * ```ts
 * import type { WorkloadPodGroupSchedulingConstraints } from "./scheduling_v1alpha3.ts";
 * const c: WorkloadPodGroupSchedulingConstraints = { topology: [{ key: "topology.kubernetes.io/zone" }] };
 * ```
 */
export interface WorkloadPodGroupSchedulingConstraints {
  /** Topology domains the group must be placed in; none if unset. */
  topology?: TopologyConstraint[];
}

/** Pods of the group may be disrupted one by one. It has no settings: write `{}`. */
export type WorkloadPodGroupSingleDisruptionMode = Record<string, never>;

/** Pods of the group are disrupted together or not at all. It has no settings: write `{}`. */
export type WorkloadPodGroupAllDisruptionMode = Record<string, never>;

/**
 * How a group's pods may be disrupted: exactly one of `single` and `all`.
 *
 * @example
 * ```ts
 * import type { WorkloadPodGroupDisruptionMode } from "./scheduling_v1alpha3.ts";
 * const mode: WorkloadPodGroupDisruptionMode = { all: {} };
 * ```
 */
export interface WorkloadPodGroupDisruptionMode {
  /** Pods may be disrupted independently. */
  single?: WorkloadPodGroupSingleDisruptionMode;
  /** Pods are disrupted together. */
  all?: WorkloadPodGroupAllDisruptionMode;
}

/**
 * A dynamic resource claim shared by the pods of a group. A pod uses it
 * through a claim of its own with the same name and source.
 *
 * @example
 * ```ts
 * import type { WorkloadPodGroupResourceClaim } from "./scheduling_v1alpha3.ts";
 * const claim: WorkloadPodGroupResourceClaim = { name: "gpus", resourceClaimTemplateName: "eight-gpus" };
 * ```
 */
export interface WorkloadPodGroupResourceClaim {
  /** The claim's name in the group, a DNS label. */
  name: string;
  /** A ResourceClaim in the same namespace. */
  resourceClaimName?: string;
  /** A ResourceClaimTemplate in the same namespace to make the claim from. */
  resourceClaimTemplateName?: string;
}
