/**
 * autoscaling/v2 HorizontalPodAutoscaler, with every field of Kubernetes
 * 1.37: the replica count of a scalable object, driven by resource,
 * per-pod, object and external metrics.
 *
 * @module
 */

import type { KubeList, KubeObject, LabelSelector, Quantity, Time } from "./meta.ts";
import type { ConditionStatus } from "./core_v1.ts";

/**
 * The object an autoscaler scales, or whose metric it reads, in the
 * autoscaler's namespace.
 *
 * @example
 * ```ts
 * import type { CrossVersionObjectReference } from "./autoscaling_v2.ts";
 * const target: CrossVersionObjectReference = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
 * ```
 */
export interface CrossVersionObjectReference {
  /** The object's kind, e.g. `Deployment`. */
  kind: string;
  /** The object's name. */
  name: string;
  /** The object's API version, e.g. `apps/v1`. */
  apiVersion?: string;
}

/**
 * A metric by name, optionally narrowed by labels that the metrics API
 * passes on to its backend.
 *
 * @example
 * ```ts
 * import type { MetricIdentifier } from "./autoscaling_v2.ts";
 * const m: MetricIdentifier = { name: "queue_messages_ready", selector: { matchLabels: { queue: "orders" } } };
 * ```
 */
export interface MetricIdentifier {
  /** The metric's name. */
  name: string;
  /** Labels that select among the metric's series; the name alone if unset. */
  selector?: LabelSelector;
}

/**
 * The value an autoscaler steers a metric towards: set the field that
 * `type` names.
 *
 * @example
 * ```ts
 * import type { MetricTarget } from "./autoscaling_v2.ts";
 * const cpu: MetricTarget = { type: "Utilization", averageUtilization: 70 };
 * const rps: MetricTarget = { type: "AverageValue", averageValue: "100" };
 * ```
 */
export interface MetricTarget {
  /** Which of the three forms the target takes. */
  type: "Utilization" | "Value" | "AverageValue";
  /** The metric's total value to aim for (`Value`). */
  value?: Quantity;
  /** The per-pod average to aim for (`AverageValue`). */
  averageValue?: Quantity;
  /**
   * The per-pod average as a percentage of the pods' resource requests
   * (`Utilization`); only for resource metrics.
   */
  averageUtilization?: number;
}

/**
 * A metric's latest reading, in the forms that apply to it.
 *
 * @example
 * ```ts
 * import type { MetricValueStatus } from "./autoscaling_v2.ts";
 * const now: MetricValueStatus = { averageUtilization: 64, averageValue: "320m" };
 * ```
 */
export interface MetricValueStatus {
  /** The total value. */
  value?: Quantity;
  /** The per-pod average. */
  averageValue?: Quantity;
  /** The per-pod average as a percentage of the pods' requests. */
  averageUtilization?: number;
}

/**
 * Scaling on a resource (such as `cpu` or `memory`) of every pod of the
 * target, averaged over the pods.
 *
 * @example
 * ```ts
 * import type { ResourceMetricSource } from "./autoscaling_v2.ts";
 * const cpu: ResourceMetricSource = { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } };
 * ```
 */
export interface ResourceMetricSource {
  /** The resource, e.g. `cpu` or `memory`. */
  name: string;
  /** The value to aim for. */
  target: MetricTarget;
}

/**
 * Scaling on a resource of one container of every pod of the target,
 * averaged over the pods.
 *
 * @example
 * ```ts
 * import type { ContainerResourceMetricSource } from "./autoscaling_v2.ts";
 * const m: ContainerResourceMetricSource = { name: "cpu", container: "app", target: { type: "Utilization", averageUtilization: 60 } };
 * ```
 */
export interface ContainerResourceMetricSource {
  /** The resource, e.g. `cpu`. */
  name: string;
  /** The container's name in the target's pods. */
  container: string;
  /** The value to aim for. */
  target: MetricTarget;
}

/**
 * Scaling on a custom metric of every pod of the target (such as requests
 * per second), averaged over the pods.
 *
 * @example
 * ```ts
 * import type { PodsMetricSource } from "./autoscaling_v2.ts";
 * const m: PodsMetricSource = { metric: { name: "http_requests_per_second" }, target: { type: "AverageValue", averageValue: "50" } };
 * ```
 */
export interface PodsMetricSource {
  /** The metric. */
  metric: MetricIdentifier;
  /** The value to aim for; only `AverageValue` applies. */
  target: MetricTarget;
}

/**
 * Scaling on a metric of one other object in the namespace (such as an
 * Ingress's hits per second).
 *
 * @example
 * ```ts
 * import type { ObjectMetricSource } from "./autoscaling_v2.ts";
 * const m: ObjectMetricSource = {
 *   describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "shop" },
 *   metric: { name: "requests_per_second" },
 *   target: { type: "Value", value: "2k" },
 * };
 * ```
 */
export interface ObjectMetricSource {
  /** The object the metric describes. */
  describedObject: CrossVersionObjectReference;
  /** The value to aim for. */
  target: MetricTarget;
  /** The metric. */
  metric: MetricIdentifier;
}

/**
 * Scaling on a metric from outside the cluster (such as a cloud queue's
 * length), not tied to any Kubernetes object.
 *
 * @example
 * ```ts
 * import type { ExternalMetricSource } from "./autoscaling_v2.ts";
 * const m: ExternalMetricSource = {
 *   metric: { name: "queue_messages_ready", selector: { matchLabels: { queue: "orders" } } },
 *   target: { type: "AverageValue", averageValue: "30" },
 * };
 * ```
 */
export interface ExternalMetricSource {
  /** The metric. */
  metric: MetricIdentifier;
  /** The value to aim for. */
  target: MetricTarget;
}

/** The kind of metric source, which names the field that holds it. */
export type MetricSourceType = "ContainerResource" | "External" | "Object" | "Pods" | "Resource";

/**
 * One metric an autoscaler scales on: `type` and the one field it names.
 *
 * @example
 * ```ts
 * import type { MetricSpec } from "./autoscaling_v2.ts";
 * const m: MetricSpec = { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } };
 * ```
 */
export interface MetricSpec {
  /** Which source is set. */
  type: MetricSourceType;
  /** A metric of one object. */
  object?: ObjectMetricSource;
  /** A metric of every pod, averaged. */
  pods?: PodsMetricSource;
  /** A resource of every pod, averaged. */
  resource?: ResourceMetricSource;
  /** A resource of one container of every pod, averaged. */
  containerResource?: ContainerResourceMetricSource;
  /** A metric from outside the cluster. */
  external?: ExternalMetricSource;
}

/**
 * One limit on how fast an autoscaler may scale: at most `value` pods (or
 * percent) within any `periodSeconds`.
 *
 * @example
 * ```ts
 * import type { HPAScalingPolicy } from "./autoscaling_v2.ts";
 * const p: HPAScalingPolicy = { type: "Percent", value: 50, periodSeconds: 60 };
 * ```
 */
export interface HPAScalingPolicy {
  /** Whether `value` counts pods or percent of the current replicas. */
  type: "Pods" | "Percent";
  /** The change allowed, above 0. */
  value: number;
  /** The window in which the policy holds, 1 to 1800 seconds. */
  periodSeconds: number;
}

/**
 * How an autoscaler scales in one direction: rate limits, a
 * stabilization window against flapping, and a tolerance for small
 * metric changes.
 *
 * @example
 * ```ts
 * import type { HPAScalingRules } from "./autoscaling_v2.ts";
 * const down: HPAScalingRules = {
 *   stabilizationWindowSeconds: 300,
 *   policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
 * };
 * ```
 */
export interface HPAScalingRules {
  /**
   * Seconds of past recommendations taken into account (the safest one
   * wins), 0 to 3600; 0 if unset for scaling up, 300 for scaling down.
   */
  stabilizationWindowSeconds?: number;
  /**
   * Which policy applies when several do: `Max` (the default, the
   * largest change), `Min`, or `Disabled` (no scaling this way).
   */
  selectPolicy?: "Max" | "Min" | "Disabled";
  /**
   * Rate limits. If unset: up by 100% or 4 pods per 15 s (the larger),
   * down by 100% per 15 s.
   */
  policies?: HPAScalingPolicy[];
  /**
   * The relative change of the metric below which the autoscaler does
   * nothing, e.g. `0.05` for 5%; the cluster's default (10%) if unset.
   */
  tolerance?: Quantity;
}

/**
 * How an autoscaler scales up and down.
 *
 * @example
 * ```ts
 * import type { HorizontalPodAutoscalerBehavior } from "./autoscaling_v2.ts";
 * const b: HorizontalPodAutoscalerBehavior = {
 *   scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 60 }] },
 *   scaleDown: { stabilizationWindowSeconds: 600 },
 * };
 * ```
 */
export interface HorizontalPodAutoscalerBehavior {
  /** Scaling up; at most 4 pods or double per 60 s (the larger), no stabilization, if unset. */
  scaleUp?: HPAScalingRules;
  /** Scaling down; down to `minReplicas` with a 300 s stabilization window, if unset. */
  scaleDown?: HPAScalingRules;
}

/**
 * What an autoscaler scales, within which bounds, on which metrics.
 *
 * @example
 * ```ts
 * import type { HorizontalPodAutoscalerSpec } from "./autoscaling_v2.ts";
 * const spec: HorizontalPodAutoscalerSpec = {
 *   scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
 *   minReplicas: 2, maxReplicas: 10,
 * };
 * ```
 */
export interface HorizontalPodAutoscalerSpec {
  /**
   * The object to scale (it must have a `scale` subresource); its pods are
   * those whose metrics count.
   */
  scaleTargetRef: CrossVersionObjectReference;
  /**
   * The fewest replicas; 1 if unset. 0 needs the `HPAScaleToZero` alpha
   * gate and an Object or External metric.
   */
  minReplicas?: number;
  /** The most replicas; at least `minReplicas`. */
  maxReplicas: number;
  /**
   * The metrics; each proposes `current replicas × current / target` and
   * the largest proposal wins. 80% average CPU utilization if unset.
   */
  metrics?: MetricSpec[];
  /** How fast to scale each way; the defaults of {@linkcode HPAScalingRules} if unset. */
  behavior?: HorizontalPodAutoscalerBehavior;
}

/**
 * A resource metric's latest reading, averaged over the target's pods.
 *
 * @example
 * ```ts
 * import type { ResourceMetricStatus } from "./autoscaling_v2.ts";
 * const s: ResourceMetricStatus = { name: "cpu", current: { averageUtilization: 64, averageValue: "320m" } };
 * ```
 */
export interface ResourceMetricStatus {
  /** The resource, e.g. `cpu`. */
  name: string;
  /** The reading. */
  current: MetricValueStatus;
}

/**
 * A container resource metric's latest reading, averaged over the
 * target's pods.
 *
 * @example
 * ```ts
 * import type { ContainerResourceMetricStatus } from "./autoscaling_v2.ts";
 * const s: ContainerResourceMetricStatus = { name: "cpu", container: "app", current: { averageUtilization: 55 } };
 * ```
 */
export interface ContainerResourceMetricStatus {
  /** The resource, e.g. `cpu`. */
  name: string;
  /** The container's name in the target's pods. */
  container: string;
  /** The reading. */
  current: MetricValueStatus;
}

/**
 * A per-pod metric's latest reading, averaged over the target's pods.
 *
 * @example
 * ```ts
 * import type { PodsMetricStatus } from "./autoscaling_v2.ts";
 * const s: PodsMetricStatus = { metric: { name: "http_requests_per_second" }, current: { averageValue: "42" } };
 * ```
 */
export interface PodsMetricStatus {
  /** The metric. */
  metric: MetricIdentifier;
  /** The reading. */
  current: MetricValueStatus;
}

/**
 * An object metric's latest reading.
 *
 * @example
 * ```ts
 * import type { ObjectMetricStatus } from "./autoscaling_v2.ts";
 * const s: ObjectMetricStatus = {
 *   metric: { name: "requests_per_second" }, current: { value: "1500" },
 *   describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "shop" },
 * };
 * ```
 */
export interface ObjectMetricStatus {
  /** The metric. */
  metric: MetricIdentifier;
  /** The reading. */
  current: MetricValueStatus;
  /** The object the metric describes. */
  describedObject: CrossVersionObjectReference;
}

/**
 * An external metric's latest reading.
 *
 * @example
 * ```ts
 * import type { ExternalMetricStatus } from "./autoscaling_v2.ts";
 * const s: ExternalMetricStatus = { metric: { name: "queue_messages_ready" }, current: { averageValue: "12" } };
 * ```
 */
export interface ExternalMetricStatus {
  /** The metric. */
  metric: MetricIdentifier;
  /** The reading. */
  current: MetricValueStatus;
}

/**
 * The latest reading of one metric: `type` and the one field it names.
 *
 * @example
 * ```ts
 * import type { MetricStatus } from "./autoscaling_v2.ts";
 * const s: MetricStatus = { type: "Resource", resource: { name: "cpu", current: { averageUtilization: 64 } } };
 * ```
 */
export interface MetricStatus {
  /** Which source is set. */
  type: MetricSourceType;
  /** A metric of one object. */
  object?: ObjectMetricStatus;
  /** A metric of every pod, averaged. */
  pods?: PodsMetricStatus;
  /** A resource of every pod, averaged. */
  resource?: ResourceMetricStatus;
  /** A resource of one container of every pod, averaged. */
  containerResource?: ContainerResourceMetricStatus;
  /** A metric from outside the cluster. */
  external?: ExternalMetricStatus;
}

/**
 * One condition of an autoscaler: `AbleToScale`, `ScalingActive`,
 * `ScalingLimited`.
 *
 * @example
 * ```ts
 * import type { HorizontalPodAutoscalerCondition } from "./autoscaling_v2.ts";
 * const c: HorizontalPodAutoscalerCondition = { type: "ScalingLimited", status: "True", reason: "TooManyReplicas" };
 * ```
 */
export interface HorizontalPodAutoscalerCondition {
  /** The condition's type. */
  type: string;
  /** Whether the condition holds. */
  status: ConditionStatus;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
  /** The `metadata.generation` the condition was computed from; older means stale. */
  observedGeneration?: number;
}

/**
 * What an autoscaler last saw and decided.
 *
 * @example
 * ```ts
 * import type { HorizontalPodAutoscalerStatus } from "./autoscaling_v2.ts";
 * const s: HorizontalPodAutoscalerStatus = { currentReplicas: 3, desiredReplicas: 4, lastScaleTime: "2026-01-02T03:04:05Z" };
 * ```
 */
export interface HorizontalPodAutoscalerStatus {
  /** The generation the autoscaler has acted on. */
  observedGeneration?: number;
  /** When it last changed the replica count; it paces its changes by it. */
  lastScaleTime?: Time;
  /** The target's replicas, as last seen. */
  currentReplicas?: number;
  /** The replicas it last computed. */
  desiredReplicas: number;
  /** The metrics' latest readings. */
  currentMetrics?: MetricStatus[];
  /** Whether it can scale, and why not. */
  conditions?: HorizontalPodAutoscalerCondition[];
}

/**
 * A HorizontalPodAutoscaler: keeps the replica count of a Deployment,
 * StatefulSet or other object with a `scale` subresource in line with its
 * metrics.
 *
 * @example
 * ```ts
 * import type { HorizontalPodAutoscaler } from "./autoscaling_v2.ts";
 * const hpa: HorizontalPodAutoscaler = {
 *   apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: {
 *     scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
 *     minReplicas: 2,
 *     maxReplicas: 10,
 *     metrics: [
 *       { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
 *       { type: "Pods", pods: { metric: { name: "http_requests_per_second" }, target: { type: "AverageValue", averageValue: "50" } } },
 *     ],
 *     behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] } },
 *   },
 * };
 * ```
 */
export interface HorizontalPodAutoscaler
  extends KubeObject<HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerStatus> {
  /** What to scale, how far, on which metrics. */
  spec: HorizontalPodAutoscalerSpec;
}

/** A page of HorizontalPodAutoscalers, as `list` returns it. */
export type HorizontalPodAutoscalerList = KubeList<HorizontalPodAutoscaler>;
