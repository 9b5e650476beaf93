/**
 * autoscaling/v1 Scale: what the `scale` subresource of a Deployment (a
 * ReplicaSet, a StatefulSet, or a custom resource that declares one) reads
 * and writes.
 *
 * @module
 */

import type { KubeObject } from "./meta.ts";

/**
 * The replicas a Scale asks for.
 *
 * @example
 * ```ts
 * import type { ScaleSpec } from "./autoscaling_v1.ts";
 * const spec: ScaleSpec = { replicas: 3 };
 * ```
 */
export interface ScaleSpec {
  /** Desired replica count. */
  replicas?: number;
}

/**
 * The replicas there are, as the object's controller last observed.
 *
 * @example
 * ```ts
 * import type { ScaleStatus } from "./autoscaling_v1.ts";
 * const status: ScaleStatus = { replicas: 2, selector: "app=web" };
 * ```
 */
export interface ScaleStatus {
  /** Observed replica count. */
  replicas: number;
  /** The label selector of the pods counted, in query form (`app=web`). */
  selector?: string;
}

/**
 * A Scale: the replica count of a scalable object, without the rest of it.
 * Writing one changes only `spec.replicas` of the object.
 *
 * @example
 * ```ts
 * import type { Scale } from "./autoscaling_v1.ts";
 * const scale: Scale = {
 *   apiVersion: "autoscaling/v1", kind: "Scale",
 *   metadata: { name: "web", namespace: "default", resourceVersion: "1042" },
 *   spec: { replicas: 3 },
 * };
 * ```
 */
export type Scale = KubeObject<ScaleSpec, ScaleStatus>;
