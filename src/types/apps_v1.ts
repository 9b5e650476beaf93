/**
 * apps/v1 Deployment: the fields an operator reads.
 *
 * @module
 */

import type { Condition, KubeObject, LabelSelector } from "./meta.ts";
import type { PodTemplateSpec } from "./core_v1.ts";

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
  /** `RollingUpdate` (default) or `Recreate`. */
  type?: "RollingUpdate" | "Recreate" | string;
  /** Limits of a rolling update, as a count or a percentage. */
  rollingUpdate?: {
    maxSurge?: number | string;
    maxUnavailable?: number | string;
  };
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
  /** Which pods belong to it; must match the template's labels. */
  selector: LabelSelector;
  /** The pods to make. */
  template: PodTemplateSpec;
  /** How to roll out changes. */
  strategy?: DeploymentStrategy;
  /** Seconds a new pod must be ready before it counts as available. */
  minReadySeconds?: number;
  /** Old ReplicaSets kept for rollback; 10 if unset. */
  revisionHistoryLimit?: number;
  /** Stop reconciling while true. */
  paused?: boolean;
  /** Seconds before a stuck rollout is reported as failed; 600 if unset. */
  progressDeadlineSeconds?: number;
}

/**
 * What a Deployment has achieved, as its controller last observed.
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
  /** Pods targeted, old and new. */
  replicas?: number;
  /** Pods with the newest template. */
  updatedReplicas?: number;
  /** Pods that are ready. */
  readyReplicas?: number;
  /** Pods ready for at least `minReadySeconds`. */
  availableReplicas?: number;
  /** Pods not yet available. */
  unavailableReplicas?: number;
  /** `Available`, `Progressing`, `ReplicaFailure`. */
  conditions?: Condition[];
  /** Bumped to make new ReplicaSet names unique on hash collisions. */
  collisionCount?: number;
}

/**
 * A Deployment: a replicated, rolling-updated set of pods.
 *
 * @example
 * ```ts
 * import type { Deployment } from "./apps_v1.ts";
 * const d: Deployment = {
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" },
 *   spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
 * };
 * ```
 */
export type Deployment = KubeObject<DeploymentSpec, DeploymentStatus>;
