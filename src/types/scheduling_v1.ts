/**
 * scheduling.k8s.io/v1 PriorityClass, with every field of Kubernetes 1.37:
 * the names of pod priorities.
 *
 * @module
 */

import type { KubeList, KubeObject } from "./meta.ts";

/**
 * Whether pods of a class may evict lower-priority pods to get scheduled:
 * `PreemptLowerPriority` (the default) or `Never` (they wait, though still
 * ahead of lower-priority pods in the queue).
 */
export type PreemptionPolicy = "PreemptLowerPriority" | "Never";

/**
 * A PriorityClass (cluster-scoped): a name for a priority that pods choose
 * with `priorityClassName`. Higher values are scheduled first and may
 * preempt lower ones.
 *
 * @example
 * ```ts
 * import type { PriorityClass } from "./scheduling_v1.ts";
 * const high: PriorityClass = {
 *   apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass",
 *   metadata: { name: "high-priority" },
 *   value: 1_000_000,
 *   globalDefault: false,
 *   preemptionPolicy: "PreemptLowerPriority",
 *   description: "Customer-facing services.",
 * };
 * ```
 */
export interface PriorityClass extends KubeObject<never, never> {
  /**
   * The priority that pods of the class get; values above one billion are
   * kept for the system's own classes.
   */
  value?: number;
  /**
   * Makes it the priority of pods that name no class. Only one class
   * should say so; if several do, the lowest of their values is used.
   */
  globalDefault?: boolean;
  /** When to use the class, for people. */
  description?: string;
  /** Whether its pods may preempt lower-priority pods; `PreemptLowerPriority` if unset. */
  preemptionPolicy?: PreemptionPolicy;
}

/** A page of PriorityClasses, as `list` returns it. */
export type PriorityClassList = KubeList<PriorityClass>;
