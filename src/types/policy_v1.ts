/**
 * policy/v1: PodDisruptionBudget, with every field of Kubernetes 1.37, and
 * Eviction, the request to delete a pod that a PodDisruptionBudget may
 * refuse.
 *
 * @module
 */

import type {
  Condition,
  IntOrString,
  KubeList,
  KubeObject,
  LabelSelector,
  ObjectMeta,
  Time,
} from "./meta.ts";

/**
 * The meta/v1 DeleteOptions an Eviction carries: how the pod is deleted
 * once its eviction is allowed.
 *
 * @example
 * ```ts
 * import type { EvictionDeleteOptions } from "./policy_v1.ts";
 * const options: EvictionDeleteOptions = { gracePeriodSeconds: 30, preconditions: { uid: "6f1c..." } };
 * ```
 */
export interface EvictionDeleteOptions {
  /** Seconds the pod gets to stop; the pod's own `terminationGracePeriodSeconds` if unset. */
  gracePeriodSeconds?: number;
  /** Evict only if the pod still has this UID and/or resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** `Orphan`, `Background` or `Foreground`. */
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  /** `["All"]` to validate the eviction without deleting anything. */
  dryRun?: string[];
}

/**
 * An Eviction, POSTed to a pod's `eviction` subresource. The API server
 * deletes the pod if every PodDisruptionBudget that selects it allows one
 * more disruption, and otherwise answers 429 TooManyRequests.
 *
 * @example
 * ```ts
 * import type { Eviction } from "./policy_v1.ts";
 * const eviction: Eviction = {
 *   apiVersion: "policy/v1", kind: "Eviction",
 *   metadata: { name: "web-0", namespace: "default" },
 *   deleteOptions: { gracePeriodSeconds: 10 },
 * };
 * ```
 */
export interface Eviction {
  /** Always `policy/v1`. */
  apiVersion?: "policy/v1";
  /** Always `Eviction`. */
  kind?: "Eviction";
  /** The pod's name and namespace. */
  metadata: ObjectMeta;
  /** How to delete the pod. */
  deleteOptions?: EvictionDeleteOptions;
}

/**
 * Whether running pods that are not yet ready may be evicted:
 * `IfHealthyBudget` (the default: only while the budget holds, i.e.
 * `currentHealthy` is at least `desiredHealthy`) or `AlwaysAllow` (always,
 * as they count as disrupted anyway). Ready pods always fall under the
 * budget.
 */
export type UnhealthyPodEvictionPolicyType = "IfHealthyBudget" | "AlwaysAllow";

/**
 * How many of the selected pods voluntary evictions must leave available:
 * `minAvailable` or `maxUnavailable`, not both.
 *
 * @example
 * ```ts
 * import type { PodDisruptionBudgetSpec } from "./policy_v1.ts";
 * const spec: PodDisruptionBudgetSpec = { maxUnavailable: 1, selector: { matchLabels: { app: "web" } } };
 * ```
 */
export interface PodDisruptionBudgetSpec {
  /**
   * An eviction is allowed if at least this many (or this percentage) of
   * the selected pods stay available without the evicted one; `"100%"`
   * forbids every eviction. Excludes `maxUnavailable`.
   */
  minAvailable?: IntOrString;
  /**
   * The pods it guards: `{}` is every pod in the namespace, unset none.
   */
  selector?: LabelSelector;
  /**
   * An eviction is allowed if at most this many (or this percentage) of
   * the selected pods are unavailable without the evicted one; 0 forbids
   * every eviction. Excludes `minAvailable`.
   */
  maxUnavailable?: IntOrString;
  /** Whether pods that run but are not ready may be evicted; `IfHealthyBudget` if unset. */
  unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicyType;
}

/**
 * What the disruption controller last computed for a budget; it may lag
 * behind the pods.
 *
 * @example
 * ```ts
 * import type { PodDisruptionBudgetStatus } from "./policy_v1.ts";
 * const s: PodDisruptionBudgetStatus = {
 *   observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
 * };
 * ```
 */
export interface PodDisruptionBudgetStatus {
  /**
   * The generation the status is for; the other fields only hold when it
   * equals `metadata.generation`.
   */
  observedGeneration?: number;
  /**
   * Pods the API server has agreed to evict that the controller has not
   * yet seen deleted, by name, with when the eviction was granted. Should
   * be empty most of the time; entries expire if no deletion follows.
   */
  disruptedPods?: Record<string, Time>;
  /** Evictions allowed now. */
  disruptionsAllowed?: number;
  /** Healthy pods now. */
  currentHealthy?: number;
  /** The fewest healthy pods the budget wants. */
  desiredHealthy?: number;
  /** Pods the budget counts. */
  expectedPods?: number;
  /**
   * The budget's conditions; the controller sets `DisruptionAllowed`, with
   * reasons such as `SufficientPods`, `InsufficientPods` and `SyncFailed`.
   */
  conditions?: Condition[];
}

/**
 * A PodDisruptionBudget: the least availability that voluntary
 * disruptions (evictions, such as a node drain) must leave to a set of
 * pods. Evictions beyond it are refused with 429.
 *
 * @example
 * ```ts
 * import type { PodDisruptionBudget } from "./policy_v1.ts";
 * const pdb: PodDisruptionBudget = {
 *   apiVersion: "policy/v1", kind: "PodDisruptionBudget",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { minAvailable: "50%", selector: { matchLabels: { app: "web" } }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
 * };
 * ```
 */
export type PodDisruptionBudget = KubeObject<PodDisruptionBudgetSpec, PodDisruptionBudgetStatus>;

/** A page of PodDisruptionBudgets, as `list` returns it. */
export type PodDisruptionBudgetList = KubeList<PodDisruptionBudget>;
