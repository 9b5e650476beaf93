/**
 * policy/v1 Eviction: a request to delete a pod that a PodDisruptionBudget
 * may refuse.
 *
 * @module
 */

import type { ObjectMeta } from "./meta.ts";

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
